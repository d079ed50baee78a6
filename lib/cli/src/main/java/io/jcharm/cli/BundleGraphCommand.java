package io.jcharm.cli;

import io.jcharm.bundle.BundleGraph;
import io.jcharm.bundle.CheckResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jcharm bundle graph}: the bundle as an SVG picture.
 *
 * <pre>{@code
 * jcharm bundle graph bundles/full -o full.svg
 * }</pre>
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Draw the bundle as SVG: applications as boxes (edge ones shaded, SAAS dashed), relations as",
            "lines labelled with their interface."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:success", "1:the bundle cannot be read", "2:usage error"})
public final class BundleGraphCommand implements Callable<Integer> {
    @ParentCommand
    BundleCommand parent;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "A bundle file, or a directory holding bundle.yaml.")
    Path bundle;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The SVG file to write.")
    Path output;

    @Option(names = "--overlay", paramLabel = "FILE", description = "An overlay to merge first (repeatable).")
    List<Path> overlays = new ArrayList<>();

    @Override
    public Integer call() {
        CliContext ctx = parent.context();
        PrintWriter err = parent.spec.commandLine().getErr();
        BundleWork work = new BundleWork(ctx);
        BundleWork.Part part = work.main(bundle);
        CheckResult r = work.check(part.file(), overlays, true, Optional.empty());
        if (r.bundle().isEmpty()) {
            work.print(r, err);
            throw CliException.user("cannot read " + ctx.show(part.file()), "fix the errors above");
        }
        Path out = ctx.resolve(output);
        try {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, BundleGraph.svg(work.renderName(part, r), r.bundle().get(), r.charms()));
        } catch (IOException e) {
            throw CliException.user("cannot write " + out + ": " + e.getMessage(), "check the directory is writable");
        }
        parent.spec.commandLine().getOut().println("wrote " + ctx.show(out));
        parent.spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
