package io.jcharm.cli;

import io.jcharm.process.ProcessResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Makes a Kubernetes cluster a cloud of this client and of a controller with {@code juju add-k8s}
 * (Juju 3.6, cmd/juju/caas/add.go): the kubeconfig is read from {@code $KUBECONFIG}; a cloud
 * already known is refused (client: "use `update-k8s <name> --client` to override known local
 * definition"; controller: "could not upload k8s cloud to a controller: cloud ... already exists").
 *
 * <pre>{@code
 * new K8sCloud(juju).add("edge-k8s", Path.of("build/edge-kubeconfig"), "ctrl");
 * }</pre>
 */
final class K8sCloud {
    private final JujuCli juju;

    K8sCloud(JujuCli juju) {
        this.juju = juju;
    }

    /** Adds the cloud to the client and to the controller; one already known on either side is kept. */
    void add(String cloud, Path kubeconfig, String controller) {
        Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString());
        List<String> client = List.of(juju.executable().toString(), "add-k8s", cloud, "--client");
        ProcessResult r = juju.exec(client, env);
        if (r.exitCode() != 0 && !r.stderr().contains("already exists")) {
            throw JujuCli.failure(client, r, "check the kubeconfig (" + kubeconfig + ") reaches the cluster: KUBECONFIG="
                    + kubeconfig + " kubectl get nodes");
        }
        List<String> ctrl = List.of(juju.executable().toString(), "add-k8s", cloud, "--controller", controller);
        ProcessResult c = juju.exec(ctrl, env);
        if (c.exitCode() != 0 && !c.stderr().contains("already exists")) {
            throw JujuCli.failure(ctrl, c, "check the controller can reach the cluster's API server, then run the deploy again");
        }
    }
}
