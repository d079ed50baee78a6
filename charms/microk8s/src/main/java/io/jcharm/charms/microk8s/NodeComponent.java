package io.jcharm.charms.microk8s;

import io.jcharm.core.Component;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.core.process.CommandResult;
import java.util.List;

/**
 * Reports this node: Waiting until Kubernetes has it Ready, then the active message
 * "node ready; addons: ..." with the cluster's enabled addons.
 *
 * <pre>{@code
 * active  node ready; addons: dns, hostpath-storage, rbac
 * waiting [node] node is not ready: NotReady
 * }</pre>
 */
final class NodeComponent implements Component<Void> {
    private final MicroK8sClient client;
    private final Component<?> cluster;

    NodeComponent(MicroK8sClient client, Component<?> cluster) {
        this.cluster = cluster;
        this.client = client;
    }

    @Override
    public String name() {
        return "node";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(cluster);
    }

    @Override
    public Void reconcile(Model model, Inputs inputs) throws StatusException {
        apply(model);
        return null;
    }

    private void apply(Model model) throws StatusException {
        if (ClusterComponent.isWorkerNode(model)) {
            // A worker has no API server to ask; the control plane reports it.
            model.setActiveMessage("worker node joined the cluster");
            return;
        }
        String host = client.hostname();
        CommandResult r = client.node(host);
        if (!r.ok()) {
            throw StatusException.waiting("node " + host + " is not registered yet ("
                    + SnapComponent.firstLine(r.stderr()) + ")");
        }
        String[] cols = r.stdout().trim().split("\\s+");
        String condition = cols.length > 1 ? cols[1] : "unknown";
        // "Ready,SchedulingDisabled" is ready (cordoned by an admin); NotReady and Unknown are not.
        if (!condition.equals("Ready") && !condition.startsWith("Ready,")) {
            throw StatusException.waiting("node is not ready: " + condition);
        }
        List<String> addons = client.status().enabled();
        model.setActiveMessage("node ready; " + (addons.isEmpty() ? "no addons enabled"
                : "addons: " + String.join(", ", addons)));
    }
}
