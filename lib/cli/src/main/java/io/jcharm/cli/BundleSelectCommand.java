package io.jcharm.cli;

import io.jcharm.bundle.BundleData;
import io.jcharm.bundle.BundleException;
import io.jcharm.bundle.BundleSelector;
import io.jcharm.bundle.BundleWriter;
import io.jcharm.bundle.CheckResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jcharm bundle select}: a subset of a bundle, as a bundle that verifies.
 *
 * <pre>{@code
 * jcharm bundle select bundles/full --edge -o build/edge-subset.yaml
 * }</pre>
 */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = {"Print the subset of a bundle made of the given applications (--apps) or of those the bundle",
            "marks for the edge (annotation jcharm/edge: \"true\"), keeping only relations whose two ends remain.",
            "The subset is verified before it is printed."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:success", "1:bad input, or the subset does not verify", "2:usage error"})
public final class BundleSelectCommand implements Callable<Integer> {
    @ParentCommand
    BundleCommand parent;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "A bundle file, or a directory holding bundle.yaml.")
    Path bundle;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--apps", split = ",", paramLabel = "APP", description = "Applications to keep, comma-separated.")
        List<String> apps;

        @Option(names = "--edge", description = "The applications annotated jcharm/edge: \"true\".")
        boolean edge;
    }

    @Option(names = "--overlay", paramLabel = "FILE", description = "An overlay to merge first (repeatable).")
    List<Path> overlays = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the subset here instead of standard output.")
    Path output;

    @Override
    public Integer call() {
        CliContext ctx = parent.context();
        PrintWriter out = parent.spec.commandLine().getOut();
        PrintWriter err = parent.spec.commandLine().getErr();
        BundleWork work = new BundleWork(ctx);
        BundleWork.Part part = work.main(bundle);
        CheckResult source = work.check(part.file(), overlays, true, Optional.empty());
        if (source.bundle().isEmpty()) {
            work.print(source, err);
            throw CliException.user("cannot read " + ctx.show(part.file()), "fix the errors above");
        }
        BundleData full = source.bundle().get();
        Set<String> names = which.edge ? BundleSelector.edgeApplications(full) : new LinkedHashSet<>(which.apps);
        if (names.isEmpty()) {
            throw CliException.user("no application in " + ctx.show(part.file()) + " is marked for the edge",
                    "annotate the edge applications with `annotations: {" + BundleSelector.EDGE_ANNOTATION + ": \"true\"}`");
        }
        BundleSelector.Selection s;
        try {
            s = which.edge ? BundleSelector.edge(full) : BundleSelector.select(full, names);
        } catch (BundleException e) {
            throw CliException.user(e.getMessage(), e.hint());
        }
        Path target = output != null ? ctx.resolve(output) : part.file().toAbsolutePath();
        Path dir = target.getParent();
        String yaml = BundleWriter.write(relativize(s.bundle(), dir));
        // Verify the subset where it will live, so relative charm paths resolve as they will for the user.
        Path probe = dir.resolve(".jcharm-select-" + ProcessHandle.current().pid() + ".yaml");
        try {
            Files.createDirectories(dir);
            Files.writeString(probe, yaml);
            CheckResult r = work.check(probe, List.of(), true, Optional.empty());
            if (!r.ok()) {
                work.print(r, err);
                throw CliException.user("the subset does not verify", "add the applications it depends on to --apps");
            }
            s.notes().forEach(n -> err.println("note: " + n));
            err.flush();
            if (output != null) {
                Files.writeString(target, yaml);
                out.println("wrote " + ctx.show(target) + " (" + s.bundle().applications().size() + " applications)");
            } else {
                out.print(yaml);
            }
        } catch (IOException e) {
            throw CliException.user("cannot write " + target + ": " + e.getMessage(), "check the directory is writable");
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                err.println("note: could not remove " + probe);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Local charm paths relative to where the subset is written (Juju wants them to start with "."). */
    static BundleData relativize(BundleData b, Path dir) {
        java.util.Map<String, io.jcharm.bundle.ApplicationSpec> apps = new java.util.LinkedHashMap<>();
        b.applications().forEach((n, a) -> {
            if (a != null && Path.of(a.charm()).isAbsolute()) {
                String rel = dir.toAbsolutePath().normalize().relativize(Path.of(a.charm())).toString();
                apps.put(n, a.withCharm(rel.startsWith(".") ? rel : "./" + rel));
            } else {
                apps.put(n, a);
            }
        });
        return b.withApplications(apps);
    }
}
