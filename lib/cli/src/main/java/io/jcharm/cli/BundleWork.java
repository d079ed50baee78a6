package io.jcharm.cli;

import io.jcharm.bundle.BundleChecker;
import io.jcharm.bundle.BundleData;
import io.jcharm.bundle.BundleException;
import io.jcharm.bundle.BundleRenderer;
import io.jcharm.bundle.BundleWriter;
import io.jcharm.bundle.CharmCatalog;
import io.jcharm.bundle.CheckResult;
import io.jcharm.bundle.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the bundle verbs share: finding a bundle's parts, checking them (with charm metadata from
 * local charms, packed charms and bundles/charmhub), printing problems as {@code file:line: error:}
 * with a hint, and rendering.
 *
 * <pre>{@code
 * BundleWork work = new BundleWork(ctx);
 * for (BundleWork.Part p : work.parts(Path.of("bundles/edge"))) { work.check(p.file(), List.of(), true, Optional.empty()); }
 * }</pre>
 */
final class BundleWork {
    /** A bundle file and the name its rendered form gets. */
    record Part(String name, Path file, boolean machine) {
    }

    private final CliContext ctx;

    BundleWork(CliContext ctx) {
        this.ctx = ctx;
    }

    /**
     * A bundle directory holds bundle.yaml and, for a two-part (edge) bundle, machine.yaml, deployed
     * first. A file is one part.
     */
    List<Part> parts(Path bundle) {
        Path p = ctx.resolve(bundle);
        if (!Files.exists(p)) {
            throw CliException.user("bundle " + bundle + " not found", "give a bundle file or a directory that holds bundle.yaml");
        }
        List<Part> out = new ArrayList<>();
        if (Files.isDirectory(p)) {
            String name = p.getFileName().toString();
            Path machine = p.resolve("machine.yaml");
            if (Files.isRegularFile(machine)) {
                out.add(new Part(name + "-machine", machine, true));
            }
            if (Files.isRegularFile(p.resolve("bundle.yaml"))) {
                out.add(new Part(name, p.resolve("bundle.yaml"), false));
            }
            if (out.isEmpty()) {
                throw CliException.user("no bundle.yaml in " + bundle, "a bundle directory holds bundle.yaml (and optionally machine.yaml)");
            }
            return out;
        }
        String stem = p.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String name = stem.equals("bundle") && p.getParent() != null ? p.getParent().getFileName().toString() : stem;
        return List.of(new Part(name, p, false));
    }

    /** The first part to act on when a verb takes one bundle file: bundle.yaml for a directory. */
    Part main(Path bundle) {
        List<Part> parts = parts(bundle);
        return parts.get(parts.size() - 1);
    }

    CheckResult check(Path file, List<Path> overlays, boolean charmAware, Optional<Boolean> trust) {
        Path dir = file.toAbsolutePath().getParent();
        BundleChecker checker = new BundleChecker(charmAware
                ? Optional.of(new CharmCatalog(Workspace.charmhubDir(ctx, dir))) : Optional.empty());
        return checker.check(file, overlays.stream().map(ctx::resolve).toList(), trust);
    }

    /** Prints every problem; returns the number of errors. */
    int print(CheckResult r, PrintWriter err) {
        for (Problem p : r.problems()) {
            String where = p.location().map(l -> ctx.show(l.file()) + (l.line() > 0 ? ":" + l.line() : "") + ": ").orElse("");
            String kind = p.isError() ? "error" : "warning";
            err.println(where + kind + ": " + p.message().replace("\n", "\n    "));
            if (!p.hint().isEmpty()) {
                err.println("    fix: " + p.hint());
            }
        }
        err.flush();
        return r.errors().size();
    }

    /** The name a part's rendered file gets: the bundle's name: key, else the directory or file name. */
    String renderName(Part part, CheckResult r) {
        return part.machine() ? part.name() : r.bundle().flatMap(BundleData::name).orElse(part.name());
    }

    /**
     * Renders a verified part to {@code <outDir>/<name>.yaml} and verifies the result again
     * (against the packed charms it now names).
     */
    Path render(Part part, CheckResult r, Path outDir, PrintWriter err) {
        Path dir = ctx.resolve(outDir);
        Path out = dir.resolve(renderName(part, r) + ".yaml");
        BundleRenderer.Rendered rendered;
        try {
            Path bundleDir = part.file().toAbsolutePath().getParent();
            rendered = BundleRenderer.render(r.bundle().orElseThrow(), r.charms(), bundleDir, dir);
            Files.createDirectories(dir);
            Files.writeString(out, "# Rendered by jcharm from " + ctx.show(part.file()) + ": deploy with juju deploy "
                    + ctx.show(out) + " --trust\n" + BundleWriter.write(rendered.bundle()));
        } catch (BundleException e) {
            throw CliException.user(e.getMessage(), e.hint());
        } catch (IOException e) {
            throw CliException.user("cannot write " + out + ": " + e.getMessage(), "check that " + dir + " is writable");
        }
        rendered.notes().forEach(n -> err.println("note: " + n));
        CheckResult again = check(out, List.of(), true, Optional.empty());
        if (print(again, err) > 0) {
            throw CliException.user("the rendered bundle " + ctx.show(out) + " does not verify (see above)",
                    "re-pack the charms it names: their packed metadata differs from the sources");
        }
        return out;
    }
}
