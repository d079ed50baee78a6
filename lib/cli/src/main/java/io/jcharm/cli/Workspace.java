package io.jcharm.cli;

import io.jcharm.bundle.CharmCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the jcharm repository a command works in: {@code $JCHARM_HOME} (set by the launcher),
 * else the nearest directory above the working directory that has {@code bundles/charmhub}.
 *
 * <pre>{@code
 * Optional<Path> charmhub = Workspace.charmhubDir(ctx, bundleDir);
 * }</pre>
 */
final class Workspace {
    private Workspace() {
    }

    static Optional<Path> root(CliContext ctx) {
        String home = ctx.env().get("JCHARM_HOME");
        if (home != null && Files.isDirectory(Path.of(home))) {
            return Optional.of(Path.of(home));
        }
        return CharmCatalog.findCharmhubDir(ctx.cwd()).map(p -> p.getParent().getParent());
    }

    /** The Charmhub data files for a bundle: near the bundle first, else in the repository. */
    static Optional<Path> charmhubDir(CliContext ctx, Path bundleDir) {
        Optional<Path> near = CharmCatalog.findCharmhubDir(bundleDir);
        return near.isPresent() ? near : root(ctx).map(r -> r.resolve("bundles/charmhub")).filter(Files::isDirectory);
    }
}
