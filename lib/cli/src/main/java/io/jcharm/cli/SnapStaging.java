package io.jcharm.cli;

import io.jcharm.bundle.ApplicationSpec;
import io.jcharm.bundle.BundleData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts what juju must read where the juju snap can read it. Juju 3 ships as a strictly confined
 * snap (not classic): through the {@code home} interface it reads only non-hidden paths under
 * {@code $HOME}, plus its own directories such as {@code $HOME/snap/juju/common}
 * ({@code $SNAP_USER_COMMON}); a repository under /srv, /work or ~/.something is out of its reach,
 * and so are the rendered bundle, the charms and resources it names and the kubeconfig. Such
 * files are copied to {@code $HOME/snap/juju/common/jcharm/<repository>/} at the same path
 * relative to the repository, so the bundle's relative paths still hold.
 *
 * <p>A juju that is not a snap (a build from source, a test's fake) reads everything: nothing is
 * staged. The snap is recognised as {@code snap} itself recognises its commands: {@code
 * /snap/bin/juju} is a symlink to the {@code snap} launcher.
 *
 * <pre>{@code
 * SnapStaging stage = new SnapStaging(ctx, juju, out);
 * juju.deploy(stage.bundle(rendered, renderedBundle), true, false, model);
 * }</pre>
 */
final class SnapStaging {
    private final CliContext ctx;
    private final boolean confined;
    private final PrintWriter out;

    SnapStaging(CliContext ctx, JujuCli juju, PrintWriter out) {
        this.ctx = ctx;
        this.confined = juju.snap();
        this.out = out;
    }

    /** Whether the confined juju may read the file where it is. */
    boolean readable(Path file) {
        if (!confined) {
            return true;
        }
        Path abs = file.toAbsolutePath().normalize();
        Path home = home();
        return abs.startsWith(home) && !abs.equals(home) && !home.relativize(abs).getName(0).toString().startsWith(".");
    }

    /** The path juju can read the file at: itself, or its staged copy. */
    Path file(Path file) {
        return readable(file) ? file : stage(List.of(file)).get(0);
    }

    /** The rendered bundle as juju can read it, with every local charm and resource file it names staged beside it. */
    Path bundle(Path rendered, BundleData bundle) {
        List<Path> files = new ArrayList<>();
        files.add(rendered);
        for (ApplicationSpec app : bundle.applications().values()) {
            if (app == null) {
                continue;
            }
            CharmRefresh.localCharm(rendered, app).ifPresent(files::add);
            app.resources().values().forEach(v -> {
                if (v instanceof String s) {
                    Path f = rendered.toAbsolutePath().getParent().resolve(s).normalize();
                    if (Files.isRegularFile(f)) {
                        files.add(f);
                    }
                }
            });
        }
        if (files.stream().allMatch(this::readable)) {
            return rendered;
        }
        return stage(files).get(0);
    }

    private List<Path> stage(List<Path> files) {
        Path root = Workspace.root(ctx).orElse(ctx.cwd()).toAbsolutePath().normalize();
        Path dir = home().resolve("snap/juju/common/jcharm").resolve(root.getFileName() == null ? "root" : root.getFileName().toString());
        List<Path> staged = new ArrayList<>();
        for (Path f : files) {
            Path abs = f.toAbsolutePath().normalize();
            if (!abs.startsWith(root)) {
                throw CliException.user("juju is a strictly confined snap and cannot read " + abs + ", which is outside the "
                        + "repository " + root + " jcharm stages", "move the file into the repository, or the repository under "
                        + home() + " (not in a hidden directory)");
            }
            Path to = dir.resolve(root.relativize(abs).toString());
            try {
                Files.createDirectories(to.getParent());
                Files.copy(abs, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            } catch (IOException e) {
                throw CliException.user("cannot stage " + abs + " for the juju snap at " + to + ": " + e.getMessage(),
                        "check " + dir + " is writable, or move the repository under " + home() + " (not in a hidden directory)");
            }
            staged.add(to);
        }
        out.println("note: juju is a strictly confined snap and cannot read " + ctx.show(files.get(0)) + " where it is; staged "
                + files.size() + " file(s) under " + dir);
        out.flush();
        return staged;
    }

    private Path home() {
        String home = ctx.env().get("HOME");
        if (home == null || home.isBlank()) {
            throw CliException.user("juju is a strictly confined snap and HOME is not set, so jcharm cannot tell what it may read",
                    "set HOME to your home directory");
        }
        return Path.of(home).toAbsolutePath().normalize();
    }
}
