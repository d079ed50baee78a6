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
 * {@code jcharm bundle verify}: Juju's bundle checks plus the charm-aware ones, every problem listed.
 *
 * <pre>{@code
 * jcharm bundle verify bundles/full --overlay bundles/full/overlays/dev.yaml
 * }</pre>
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Run the checks juju deploy makes, in Juju's order and with Juju's messages, plus the ones the",
            "controller makes later (endpoints, roles, interfaces, options, subordinates, bindings, resources,",
            "storage), using the charms' metadata: local charm directories, packed .charm files, and",
            "bundles/charmhub/<charm>/<track>.yaml (the channel's track) for Charmhub charms. A bundle directory's machine.yaml is checked too."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:the bundle verifies (warnings allowed)",
            "1:verification failed (every problem is listed with file:line and a fix)", "2:usage error"})
public final class BundleVerifyCommand implements Callable<Integer> {
    @ParentCommand
    BundleCommand parent;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "A bundle file, or a directory holding bundle.yaml.")
    Path bundle;

    @Option(names = "--overlay", paramLabel = "FILE", description = "An overlay to merge, as juju deploy --overlay (repeatable).")
    List<Path> overlays = new ArrayList<>();

    @Option(names = "--no-charms", description = "Only Juju's client-side checks (no charm metadata needed).")
    boolean noCharms;

    @Option(names = "--without-trust", description = "Also check as `juju deploy` without --trust would (trust consent).")
    boolean withoutTrust;

    @Override
    public Integer call() {
        CliContext ctx = parent.context();
        PrintWriter out = parent.spec.commandLine().getOut();
        PrintWriter err = parent.spec.commandLine().getErr();
        BundleWork work = new BundleWork(ctx);
        int errors = 0;
        List<BundleWork.Part> parts = work.parts(bundle);
        for (BundleWork.Part part : parts) {
            List<Path> ov = part.machine() ? List.of() : overlays;
            CheckResult r = work.check(part.file(), ov, !noCharms, withoutTrust ? Optional.of(false) : Optional.empty());
            int n = work.print(r, err);
            errors += n;
            String what = r.bundle().map(b -> b.applications().size() + " applications, " + b.relations().size() + " relations"
                    + (noCharms ? "" : ", charm metadata for " + r.charms().size())).orElse("unreadable");
            if (n == 0) {
                out.println(ctx.show(part.file()) + ": OK (" + what + (r.warnings().isEmpty() ? "" : ", " + r.warnings().size() + " warnings") + ")");
            } else {
                out.println(ctx.show(part.file()) + ": " + n + (n == 1 ? " error" : " errors")
                        + (r.warnings().isEmpty() ? "" : ", " + r.warnings().size() + " warnings") + ": juju deploy would refuse it");
            }
        }
        out.flush();
        return errors == 0 ? ExitCodes.OK : ExitCodes.USER;
    }
}
