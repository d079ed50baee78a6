package io.jcharm.cli;

import io.jcharm.bundle.CheckResult;
import java.io.PrintWriter;
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
 * {@code jcharm bundle render}: a bundle ready for {@code juju deploy}, pointing at packed charms.
 *
 * <pre>{@code
 * jcharm bundle render bundles/edge      # writes build/bundles/edge.yaml (and edge-machine.yaml)
 * }</pre>
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Verify the bundle, then write <output>/<name>.yaml with every local charm replaced by its packed",
            "charms/<name>/target/*.charm and each oci-image resource set to the image the charm names",
            "(upstream-source), ready for `juju deploy <file> --trust`. The ./jcharm launcher packs the charms first."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:success", "1:the bundle does not verify, or a charm is not packed", "2:usage error"})
public final class BundleRenderCommand implements Callable<Integer> {
    @ParentCommand
    BundleCommand parent;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "A bundle file, or a directory holding bundle.yaml.")
    Path bundle;

    @Option(names = "--overlay", paramLabel = "FILE", description = "An overlay to merge first (repeatable).")
    List<Path> overlays = new ArrayList<>();

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = "build/bundles",
            description = "Where to write (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Override
    public Integer call() {
        CliContext ctx = parent.context();
        PrintWriter out = parent.spec.commandLine().getOut();
        PrintWriter err = parent.spec.commandLine().getErr();
        BundleWork work = new BundleWork(ctx);
        for (BundleWork.Part part : work.parts(bundle)) {
            CheckResult r = work.check(part.file(), part.machine() ? List.of() : overlays, true, Optional.empty());
            if (work.print(r, err) > 0) {
                throw CliException.user(ctx.show(part.file()) + " does not verify", "fix the errors above, then render again");
            }
            Path written = work.render(part, r, outputDir, err);
            out.println("wrote " + ctx.show(written));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
