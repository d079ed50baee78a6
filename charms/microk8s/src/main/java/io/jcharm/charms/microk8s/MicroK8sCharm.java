package io.jcharm.charms.microk8s;

import io.jcharm.core.ActionContext;
import io.jcharm.core.Charm;
import io.jcharm.core.Component;
import io.jcharm.core.Components;
import io.jcharm.core.Model;
import io.jcharm.core.Status;
import io.jcharm.core.StatusException;
import io.jcharm.core.process.CommandResult;
import io.jcharm.core.process.ExecCommands;
import io.jcharm.core.tools.Port;
import io.jcharm.relations.KubernetesInfo;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MicroK8s on a machine with an edge profile: snap, addons, node tuning, clustering over the
 * peer relation, kubernetes-info and the kubeconfig action.
 *
 * <pre>{@code
 * juju deploy ./microk8s_ubuntu-24.04-amd64.charm --config metallb-range=10.64.140.43-10.64.140.49
 * juju run microk8s/leader kubeconfig --format json | jq -r '.[].results.kubeconfig' > kubeconfig
 * }</pre>
 */
public final class MicroK8sCharm implements Charm {
    static final Port API_SERVER = Port.tcp(16443);
    private final Clock clock;

    public MicroK8sCharm() {
        this(Clock.systemUTC());
    }

    MicroK8sCharm(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Components components(Model model) {
        MicroK8sClient client = client(model);
        MachineFiles files = MachineFiles.from(model.environment());
        Component<MicroK8sConfig> config = Component.config(MicroK8sConfig.class);
        Component<Void> role = Component.of("role", config, MicroK8sCharm::checkRole);
        Component<Void> snap = new SnapComponent(client, config, role);
        // After tuning: a kubelite restart there must be served again before the cluster is used.
        Component<Void> tuning = new TuningComponent(client, files, config, snap);
        Component<Void> cluster = new ClusterComponent(client, files, clock, config, tuning);
        return Components.of(
                config,
                role,
                snap,
                tuning,
                new RegistriesComponent(client, files, config, snap),
                cluster,
                new AddonsComponent(client, config, cluster),
                new ExtraSansComponent(client, files, config, cluster),
                // A worker runs no API server, so it has nothing to expose.
                Component.of("ports", m -> m.setPorts(
                        ClusterComponent.isWorkerNode(m) ? List.of() : List.of(API_SERVER))).after(cluster),
                Component.of("kubernetes-info", m -> m.relations("kubernetes-info")
                        .forEach(r -> KubernetesInfo.publish(r, KubernetesInfo.MICROK8S))),
                new NodeComponent(client, cluster));
    }

    /** The role is fixed once this unit has reconciled with it: a node cannot change what it is. */
    private static void checkRole(Model model, MicroK8sConfig config) throws StatusException {
        String role = config.role();
        Optional<String> fixed = model.state().get("role", String.class);
        if (fixed.isEmpty()) {
            model.state().set("role", role);
        } else if (!fixed.get().equals(role)) {
            throw StatusException.blocked("role cannot change from '" + fixed.get() + "' after deployment");
        }
    }

    @Override
    public void onAction(ActionContext action, Model model) {
        // Only kubeconfig is declared; the dispatcher refuses undeclared actions before this.
        MicroK8sClient client = client(model);
        if (ClusterComponent.isWorkerNode(model)) {
            action.fail(model.unit().name() + " is a worker node and has no API server; run kubeconfig on a"
                    + " control-plane unit (for example the leader: juju run " + model.app().name() + "/leader kubeconfig)");
            return;
        }
        try {
            if (SnapComponent.installed(client).isEmpty()) {
                action.fail("microk8s is not installed on " + model.unit().name() + " yet; wait until the unit is active");
                return;
            }
        } catch (StatusException e) {
            action.fail(e.status().message());
            return;
        }
        CommandResult r = client.kubeconfig();
        if (!r.ok()) {
            action.fail("`microk8s config` failed with exit code " + r.exitCode() + ": " + r.stderr().strip());
            return;
        }
        // Only in the action's results: never logged, never in a status.
        action.setResults(Map.of("kubeconfig", r.stdout()));
    }

    @Override
    public void onRemove(Model model) {
        MicroK8sClient client = client(model);
        try {
            if (SnapComponent.installed(client).isEmpty()) {
                model.log().info("microk8s is not installed: nothing to remove");
                return;
            }
        } catch (StatusException e) {
            model.log().info("nothing to remove: " + e.status().message());
            return;
        }
        if (ClusterComponent.joinedAs(model).isPresent()) {
            ClusterComponent.leave(model, client); // once: the peer-relation-departed hook may have left already
        }
        // Read raw: a config mistake must not keep a unit from going away.
        Object purge = model.rawConfig().getOrDefault("purge-on-remove", false);
        if (Boolean.parseBoolean(String.valueOf(purge))) {
            model.unit().setStatus(Status.maintenance("removing the microk8s snap and its data"));
            client.removeSnap();
            MachineFiles.from(model.environment()).delete(MachineFiles.SYSCTL_DROP_IN);
            model.log().info("removed the microk8s snap and its data (purge-on-remove)");
        } else {
            model.log().info("purge-on-remove is false: the microk8s snap and its data stay on the machine");
        }
    }

    /** Commands with the hook's environment; /snap/bin is added in case the agent's PATH lacks it. */
    private static MicroK8sClient client(Model model) {
        Map<String, String> env = new HashMap<>(model.environment());
        String path = env.getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        if (!List.of(path.split(":")).contains("/snap/bin")) {
            env.put("PATH", path + ":/snap/bin");
        }
        return new MicroK8sClient(new ExecCommands(env));
    }
}
