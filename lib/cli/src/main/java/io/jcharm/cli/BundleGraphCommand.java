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
 * {@code jcharm bundle graph}: the bundle, all its parts, as an SVG picture.
 *
 * <pre>{@code
 * jcharm bundle graph bundles/full -o full.svg
 * }</pre>
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Draw a bundle as an SVG picture. For a directory, both parts: machine.yaml",
            "(deployed first) and bundle.yaml, each in a labelled band. Applications are",
            "boxes (edge ones shaded, SAAS dashed); a relation is an arrow from provider to",
            "requirer labelled with its interface, the roles taken from the charms'",
            "metadata; where that is unknown the line is dotted, with no arrow. Peer",
            "relations are not drawn. A legend explains the marks."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:success", "1:the bundle cannot be read", "2:usage error"})
public final class BundleGraphCommand implements Callable<Integer> {
    @ParentCommand
    BundleCommand parent;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "A bundle file, or a directory holding bundle.yaml (and machine.yaml).")
    Path bundle;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The SVG file to write.")
    Path output;

    @Option(names = "--overlay", paramLabel = "FILE", description = "An overlay to merge into bundle.yaml first (repeatable).")
    List<Path> overlays = new ArrayList<>();

    @Override
    public Integer call() {
        CliContext ctx = parent.context();
        PrintWriter err = parent.spec.commandLine().getErr();
        BundleWork work = new BundleWork(ctx);
        List<BundleWork.Part> parts = work.parts(bundle);
        BundleWork.Part main = parts.get(parts.size() - 1);
        List<BundleGraph.Part> drawn = new ArrayList<>();
        String title = main.name();
        for (BundleWork.Part part : parts) {
            // Overlays belong to bundle.yaml (the main part), as for verify and render.
            CheckResult r = work.check(part.file(), part == main ? overlays : List.of(), true, Optional.empty());
            if (r.bundle().isEmpty()) {
                work.print(r, err);
                throw CliException.user("cannot read " + ctx.show(part.file()), "fix the errors above");
            }
            String name = work.renderName(part, r);
            title = part == main ? name : title;
            String caption = part.file().getFileName() + (part.machine() ? ", machine part, deployed first" : "");
            drawn.add(new BundleGraph.Part(name, caption, r.bundle().get(), r.charms()));
        }
        Path out = ctx.resolve(output);
        try {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, BundleGraph.svg(title, drawn));
        } catch (IOException e) {
            throw CliException.user("cannot write " + out + ": " + e.getMessage(), "check the directory is writable");
        }
        parent.spec.commandLine().getOut().println("wrote " + ctx.show(out));
        parent.spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
