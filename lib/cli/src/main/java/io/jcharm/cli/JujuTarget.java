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
import java.util.Map;
import java.util.Optional;

/**
 * Deploys on a real Juju controller through {@link JujuCli}. A bundle with a machine part (an
 * edge bundle's machine.yaml) goes in steps: deploy the machine part and wait; take the
 * kubeconfig from the {@code kubeconfig} action; {@code juju add-k8s}; add a model on that cloud;
 * deploy the Kubernetes part and wait.
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
        if (plan.parts().size() == 1) {
            deployPart(juju, plan.parts().get(0), plan.model(), plan, out);
            return;
        }
        DeployPart machine = plan.parts().get(0);
        DeployPart k8s = plan.parts().get(1);
        out.println("step 1/4: deploy the machine part " + ctx.show(machine.rendered()));
        out.flush();
        deployPart(juju, machine, plan.machineModel(), plan, out);
        if (plan.dryRun()) {
            out.println("dry run: the Kubernetes part needs the cluster the machine part creates; showing it against the current model");
            deployPart(juju, k8s, Optional.empty(), plan, out);
            return;
        }
        String cloud = plan.name() + "-k8s";
        String model = plan.model().orElse(plan.name());
        String provider = kubeconfigApp(machine);
        out.println("step 2/4: take the kubeconfig from " + provider + "/leader (action kubeconfig)");
        out.flush();
        Map<String, String> results = juju.runAction(provider + "/leader", "kubeconfig", plan.machineModel());
        String kubeconfig = results.get("kubeconfig");
        if (kubeconfig == null || kubeconfig.isBlank()) {
            throw CliException.external("the kubeconfig action of " + provider + " returned no kubeconfig (keys: " + results.keySet() + ")",
                    "run `juju run " + provider + "/leader kubeconfig` and check the cluster is up");
        }
        Path file = writeKubeconfig(plan.name(), kubeconfig);
        out.println("step 3/4: add the cluster as cloud " + cloud + " and model " + model);
        out.flush();
        juju.addK8s(cloud, file);
        juju.addModel(model, cloud);
        out.println("step 4/4: deploy the Kubernetes part " + ctx.show(k8s.rendered()) + " into model " + model);
        out.flush();
        deployPart(juju, k8s, Optional.of(model), plan, out);
    }

    private void deployPart(JujuCli juju, DeployPart part, Optional<String> model, DeployPlan plan, PrintWriter out) {
        String printed = juju.deploy(part.rendered(), plan.trust(), plan.dryRun(), model);
        if (plan.dryRun()) {
            out.print(printed);
            out.flush();
            return;
        }
        out.println("deployed " + ctx.show(part.rendered()) + "; waiting for every unit to be active and idle (timeout "
                + JujuCli.humanize(plan.timeout()) + ")");
        out.flush();
        JujuStatus status = juju.waitForIdle(model, expectedUnits(part), plan.timeout());
        out.print(StatusTable.format(status));
        out.println(part.name() + ": every unit is active and idle");
        out.flush();
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
        new JujuCli(ctx, out).integrate(a, b, model);
        out.println("integrated " + a + " and " + b);
        out.flush();
    }
}
