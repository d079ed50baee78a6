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

    /**
     * Why kubectl could not read the node, by what the API server answered: only NotFound means
     * the node has not registered; refused admin credentials will not heal by waiting; anything
     * else (429, 5xx, a timeout, the API server restarting) is the API server's and passes.
     */
    static StatusException unreadable(String host, String why) {
        if (why.contains("(NotFound)")) {
            return StatusException.waiting("node " + host + " is not registered yet (" + why + ")");
        }
        if (why.contains("(Forbidden)") || why.contains("(Unauthorized)")) {
            return StatusException.blocked("the API server refuses microk8s's admin credentials (" + why + "); check"
                    + " its authentication and RBAC with `microk8s kubectl auth can-i get nodes`; update-status checks"
                    + " again");
        }
        return StatusException.waiting("could not read node " + host + " from the API server (" + why + ");"
                + " update-status checks again");
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
            throw unreadable(host, SnapComponent.firstLine(r.stderr() + "\n" + r.stdout()));
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
