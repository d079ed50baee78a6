package io.jcharm.cli;

import io.jcharm.bundle.ApplicationSpec;
import io.jcharm.bundle.BundleData;
import io.jcharm.core.meta.CharmMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deploys on a real Juju controller through {@link JujuCli}. Every model is resolved once, up
 * front, and named on every command. A bundle with a machine part (an edge bundle's machine.yaml)
 * goes in steps: deploy the machine part and wait; take the kubeconfig from the {@code
 * kubeconfig} action; {@code juju add-k8s}; add a model on that cloud; deploy the Kubernetes
 * part and wait. After each deploy the applications whose local charm changed are refreshed
 * ({@link CharmRefresh}) before the wait, so success is never printed while old code runs.
 *
 * <pre>{@code
 * new JujuTarget(ctx).deploy(plan, out);
 * }</pre>
 */
public final class JujuTarget implements Target {
    private final CliContext ctx;

    public JujuTarget(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void deploy(DeployPlan plan, PrintWriter out) {
        JujuCli juju = new JujuCli(ctx, out);
        SnapStaging stage = new SnapStaging(ctx, juju, out);
        if (plan.parts().size() == 1) {
            deployPart(juju, stage, plan.parts().get(0), juju.model(plan.model()), plan, out);
            return;
        }
        DeployPart machine = plan.parts().get(0);
        DeployPart k8s = plan.parts().get(1);
        String machineModel = juju.model(plan.machineModel());
        String controller = juju.controller(machineModel);
        String modelName = plan.model().map(JujuTarget::bareName).orElse(plan.name());
        String model = plan.model().filter(m -> m.contains(":")).orElse(controller + ":" + modelName);
        // The cloud and model go to the Kubernetes model's controller (the machine model's unless -m names another).
        String k8sController = juju.controller(model);
        String cloud = plan.name() + "-k8s";
        out.println("step 1/4: deploy the machine part " + ctx.show(machine.rendered()) + " into model " + machineModel);
        out.flush();
        deployPart(juju, stage, machine, machineModel, plan, out);
        String provider = kubeconfigApp(machine);
        if (plan.dryRun()) {
            if (juju.modelExists(model)) {
                out.println("dry run: the Kubernetes part " + ctx.show(k8s.rendered()) + " against model " + model);
                deployPart(juju, stage, k8s, model, plan, out);
            } else {
                out.println("dry run: model " + model + " does not exist yet; the deploy would take the kubeconfig from " + provider
                        + "/leader, add cloud " + cloud + " and model " + model + ", then deploy every application of "
                        + ctx.show(k8s.rendered()) + ": " + String.join(", ", k8s.bundle().applications().keySet()));
            }
            out.flush();
            return;
        }
        out.println("step 2/4: take the kubeconfig from " + provider + "/leader (action kubeconfig)");
        out.flush();
        ActionTask task = juju.runAction(provider + "/leader", "kubeconfig", machineModel, plan.timeout());
        if (task.failed()) {
            throw CliException.external("the kubeconfig action on " + task.unit() + " failed (task " + task.id() + ", status "
                    + task.status() + (task.returnCode() > 0 ? ", return code " + task.returnCode() : "") + "): "
                    + (task.message().isEmpty() ? "no message" : task.message()),
                    "see the task's log with `juju show-task " + task.id() + " -m " + machineModel + "`; check the cluster is up "
                            + "(`juju status " + provider + " -m " + machineModel + "`), then run the deploy again");
        }
        String kubeconfig = task.results().get("kubeconfig");
        if (kubeconfig == null || kubeconfig.isBlank()) {
            throw CliException.external("the kubeconfig action of " + provider + " returned no kubeconfig (keys: "
                    + task.results().keySet() + ")", "run `juju run " + provider + "/leader kubeconfig -m " + machineModel
                    + "` and check the cluster is up");
        }
        Path file = writeKubeconfig(plan.name(), kubeconfig);
        out.println("step 3/4: add the cluster as cloud " + cloud + " and model " + model);
        out.flush();
        new K8sCloud(juju, out).add(cloud, stage.file(file), file, k8sController);
        juju.addModel(modelName, cloud, k8sController);
        out.println("step 4/4: deploy the Kubernetes part " + ctx.show(k8s.rendered()) + " into model " + model);
        out.flush();
        deployPart(juju, stage, k8s, model, plan, out);
    }

    /** A model's name without its controller and owner: ctrl:admin/edge is edge. */
    static String bareName(String model) {
        String m = model.substring(model.indexOf(':') + 1);
        return m.substring(m.indexOf('/') + 1);
    }

    private void deployPart(JujuCli juju, SnapStaging stage, DeployPart part, String model, DeployPlan plan, PrintWriter out) {
        BundleData rendered = renderedBundle(part);
        Path forJuju = stage.bundle(part.rendered(), rendered);
        if (plan.dryRun()) {
            out.print(juju.deploy(forJuju, plan.trust(), true, model));
            out.flush();
            return;
        }
        JujuStatus before = juju.status(model);
        juju.deploy(forJuju, plan.trust(), false, model);
        CharmRefresh refresh = new CharmRefresh(ctx);
        List<String> refreshed = refresh.refreshChanged(juju, part.rendered(), rendered, before, model, stage::file, out);
        out.println("deployed " + ctx.show(part.rendered()) + (refreshed.isEmpty() ? "" : " and refreshed " + String.join(", ", refreshed))
                + "; waiting for its applications to be active and idle (timeout " + JujuCli.humanize(plan.timeout()) + ")");
        out.flush();
        JujuStatus status = new SettleWait(juju, ctx.pollInterval(), out).await(model, expectedUnits(part), plan.timeout());
        refresh.remember(part.rendered(), rendered, model);
        out.print(StatusTable.format(status));
        out.println(part.name() + ": every unit is active and idle");
        out.flush();
    }

    /** The rendered bundle as written (charm paths relative to its directory). */
    private BundleData renderedBundle(DeployPart part) {
        return new BundleWork(ctx).check(part.rendered(), List.of(), false, Optional.empty()).bundle()
                .orElseThrow(() -> CliException.user("cannot read back " + ctx.show(part.rendered()), "run the deploy again"));
    }

    /** Units each application should end up with; subordinates get theirs from their principals. */
    static Map<String, Long> expectedUnits(DeployPart part) {
        Map<String, Long> out = new LinkedHashMap<>();
        part.bundle().applications().forEach((name, app) -> {
            CharmMetadata meta = part.charms().get(name);
            boolean subordinate = meta != null && meta.subordinate();
            out.put(name, subordinate || app == null ? 0L : app.numUnits());
        });
        return out;
    }

    private static String kubeconfigApp(DeployPart machine) {
        BundleData b = machine.bundle();
        for (Map.Entry<String, ApplicationSpec> e : b.applications().entrySet()) {
            CharmMetadata meta = machine.charms().get(e.getKey());
            if (meta != null && meta.actions().containsKey("kubeconfig")) {
                return e.getKey();
            }
        }
        throw CliException.user("no application in " + machine.rendered() + " has a kubeconfig action",
                "the machine part must run a Kubernetes charm (such as charms/microk8s) that offers a kubeconfig action");
    }

    private Path writeKubeconfig(String name, String kubeconfig) {
        try {
            Path dir = ctx.resolve(Path.of("build"));
            Files.createDirectories(dir);
            Path file = dir.resolve(name + "-kubeconfig");
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, kubeconfig);
            return file;
        } catch (IOException e) {
            throw CliException.user("cannot write the kubeconfig under build/: " + e.getMessage(), "check build/ is writable");
        }
    }

    @Override
    public void integrate(String a, String b, Optional<String> model, PrintWriter out) {
        JujuCli juju = new JujuCli(ctx, out);
        juju.integrate(a, b, juju.model(model));
        out.println("integrated " + a + " and " + b);
        out.flush();
    }
}
