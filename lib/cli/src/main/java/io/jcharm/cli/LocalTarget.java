package io.jcharm.cli;

import io.jcharm.local.ModelOptions;
import io.jcharm.local.SettleResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The local model as the target of {@code deploy} and {@code integrate} (the default, without
 * {@code --juju}): the rendered bundle parts are rehearsed in the model directory, hooks run as
 * real processes until the model settles, and the status is printed. An edge bundle's machine
 * part and Kubernetes part go into the same local model, one after the other.
 *
 * <pre>{@code
 * new LocalTarget(ctx, Optional.empty()).deploy(plan, out);
 * }</pre>
 */
public final class LocalTarget implements Target {
    private final CliContext ctx;
    private final Optional<Path> modelDir;

    public LocalTarget(CliContext ctx, Optional<Path> modelDir) {
        this.ctx = ctx;
        this.modelDir = modelDir;
    }

    @Override
    public void deploy(DeployPlan plan, PrintWriter out) {
        Path dir = LocalCli.deployDir(ctx, modelDir.orElse(null));
        if (plan.dryRun()) {
            out.println("dry run: verified and rendered; the local model in " + ctx.show(dir) + " is unchanged");
            out.flush();
            return;
        }
        ModelOptions options = LocalCli.options(ctx, plan.timeout()).withModelName(plan.model().orElse(plan.name()));
        LocalCli.withModel(dir, options, true, model -> {
            out.println("rehearsing on the local model in " + ctx.show(dir) + " (hooks run for real; workloads are simulated)");
            out.flush();
            // One report for all parts: hooks and time add up, the last part decides the outcome.
            int hooks = 0;
            Duration elapsed = Duration.ZERO;
            SettleResult last = null;
            if (plan.parts().stream().anyMatch(DeployPart::kubernetes)) {
                model.prepareKubernetes(); // its start-up overlaps with the machine part's hooks
            }
            for (DeployPart part : plan.parts()) {
                out.println("deploying " + ctx.show(part.rendered()));
                out.flush();
                last = model.deploy(part.rendered(), List.of(), Workspace.charmhubDir(ctx, part.rendered().toAbsolutePath().getParent()),
                        LocalCli.progress(out));
                hooks += last.hooksRun();
                elapsed = elapsed.plus(last.elapsed());
                if (!last.settled() || !last.inError().isEmpty()) {
                    break;
                }
            }
            last = new SettleResult(last.settled(), hooks, elapsed, last.inError());
            LocalCli.report(last, model, out);
            if (plan.waitFor() == DeployPlan.WaitFor.ACTIVE) {
                LocalCli.requireActive(model.status(), Optional.empty());
            }
            return null;
        });
    }

    @Override
    public void integrate(String a, String b, Optional<String> model, PrintWriter out) {
        LocalCli.withModel(LocalCli.modelDir(ctx, modelDir.orElse(null)), LocalCli.options(ctx, Duration.ofMinutes(30)), m -> {
            out.println("related " + m.integrate(a, b));
            out.flush();
            LocalCli.report(m.settle(LocalCli.progress(out)), m, out);
            return null;
        });
    }
}
