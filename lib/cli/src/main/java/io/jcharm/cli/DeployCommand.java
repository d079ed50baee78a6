package io.jcharm.cli;

import io.jcharm.bundle.CheckResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jcharm deploy}: verify, render, deploy and wait until every unit is active and idle.
 *
 * <pre>{@code
 * jcharm deploy bundles/edge --juju --model edge
 * }</pre>
 */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Verify the bundle (every check, with the charms' metadata), render it to build/bundles, then deploy",
            "it. With --juju: `juju deploy <rendered> --trust -m <model>`, `juju refresh --path` for each application",
            "whose packed charm changed, then poll `juju status` until the bundle's units are active and idle on 3 polls",
            "in a row, and print a status table. A bundle directory with machine.yaml is deployed in steps: the machine part,",
            "its kubeconfig action, juju add-k8s, a model on that cloud, then bundle.yaml.",
            "Without --juju the target is the local model: the charms' hooks run for real in ./.jcharm/model, workloads simulated."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:deployed, and every unit active (with --wait-for=settled: settled), or dry run shown",
            "1:the bundle does not verify, or bad input", "2:usage error",
            "3:juju failed, a unit is not active (in error, blocked, waiting), or the model did not settle before --timeout"})
public final class DeployCommand implements Callable<Integer> {
    @ParentCommand
    JcharmCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "A bundle file, or a directory holding bundle.yaml (and machine.yaml).")
    Path bundle;

    @Option(names = "--juju", description = "Deploy on the Juju controller that `juju` on the PATH uses.")
    boolean juju;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", description = "The model (default: the current one, read once with juju switch; for a two-part bundle, the bundle's name on the machine model's controller).")
    String model;

    @Option(names = "--machine-model", paramLabel = "MODEL", description = "For a two-part bundle: the model for machine.yaml (default: the current one, read once with juju switch).")
    String machineModel;

    @Option(names = "--overlay", paramLabel = "FILE", description = "An overlay to merge, as juju deploy --overlay (repeatable).")
    List<Path> overlays = new ArrayList<>();

    @Option(names = "--dry-run", description = "Pass --dry-run to juju deploy: show what would change, change nothing.")
    boolean dryRun;

    @Option(names = "--no-trust", description = "Deploy without --trust (fails, as juju does, if an application asks for trust).")
    boolean noTrust;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m",
            description = "How long to wait for every unit to be active and idle, e.g. 90s, 30m (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--wait-for", paramLabel = "WHAT", defaultValue = "active",
            description = "active (default): succeed only if every unit ends active; settled: succeed once no hook is "
                    + "left to run, whatever the units' status (local model).")
    String waitFor;

    @Override
    public Integer call() {
        CliContext ctx = parent.context();
        DeployPlan.WaitFor until = switch (waitFor.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "active" -> DeployPlan.WaitFor.ACTIVE;
            case "settled" -> DeployPlan.WaitFor.SETTLED;
            default -> throw CliException.user("--wait-for " + waitFor + " is not active or settled",
                    "write --wait-for=active (every unit active) or --wait-for=settled (no hook left to run)");
        };
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration wait = parseDuration(timeout);
        Target target = juju ? new JujuTarget(ctx) : Target.local(ctx);
        BundleWork work = new BundleWork(ctx);
        List<DeployPart> parts = new ArrayList<>();
        String name = null;
        for (BundleWork.Part part : work.parts(bundle)) {
            CheckResult r = work.check(part.file(), part.machine() ? List.of() : overlays, true, Optional.of(!noTrust));
            if (work.print(r, err) > 0) {
                throw CliException.user(ctx.show(part.file()) + " does not verify; nothing was deployed", "fix the errors above");
            }
            Path rendered = work.render(part, r, Path.of("build/bundles"), err);
            out.println("verified and rendered " + ctx.show(rendered));
            if (!part.machine()) {
                name = work.renderName(part, r);
            }
            parts.add(new DeployPart(work.renderName(part, r), rendered, r.bundle().orElseThrow(), r.charms()));
        }
        out.flush();
        if (name == null) {
            name = parts.get(0).name();
        }
        target.deploy(new DeployPlan(name, parts, Optional.ofNullable(model), Optional.ofNullable(machineModel), dryRun,
                !noTrust, wait, until), out);
        return ExitCodes.OK;
    }

    static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw CliException.user("--timeout " + s + " is not a duration", "write it as 90s, 30m or 1h");
        }
    }
}
