package io.jcharm.cli;

import io.jcharm.process.ProcessResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a Kubernetes cluster a cloud of this client and of a controller, and keeps it current: a
 * cluster recreated at a new address (or with a new CA) must not leave juju talking to the old
 * one. Facts from Juju 3.6:
 * <ul>
 * <li>cmd/juju/caas/add.go: {@code add-k8s} reads {@code $KUBECONFIG}, creates a juju service
 * account in the cluster and stores a cloud and a credential both named after the cloud; a cloud
 * already known is refused (client: "use `update-k8s <name> --client` to override known local
 * definition"; controller: "could not upload k8s cloud to a controller: ... already exists").</li>
 * <li>cmd/juju/cloud/show.go: {@code show-cloud --format=json} prints a list of cloud details
 * with {@code endpoint} and {@code ca-credentials}.</li>
 * <li>cmd/juju/caas/update.go: {@code update-k8s <name> --controller} uploads this client's
 * definition of the cloud; it uploads no credential for such a cloud, hence {@code
 * update-credential <cloud> <credential> --controller} after it.</li>
 * </ul>
 * A stale client definition is removed and added again ({@code update-k8s --client} only
 * rereads the client's own definition, and the old credential belongs to the old cluster).
 *
 * <pre>{@code
 * new K8sCloud(juju, out).add("edge-k8s", Path.of("build/edge-kubeconfig"), "ctrl");
 * }</pre>
 */
final class K8sCloud {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JujuCli juju;
    private final PrintWriter out;

    K8sCloud(JujuCli juju, PrintWriter out) {
        this.juju = juju;
        this.out = out;
    }

    /**
     * Adds the cloud to the client and the controller, or updates either where it points
     * elsewhere than the kubeconfig's cluster.
     *
     * @param kubeconfig the kubeconfig as juju may read it (see {@link SnapStaging})
     * @param local the same kubeconfig where jcharm reads it
     * @return what was done, one line per side
     */
    List<String> add(String cloud, Path kubeconfig, Path local, String controller) {
        KubeconfigCluster cluster = KubeconfigCluster.read(local, "the kubeconfig");
        Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString());
        List<String> done = new ArrayList<>();
        List<String> client = argv("add-k8s", cloud, "--client");
        ProcessResult r = juju.exec(client, env);
        if (r.exitCode() == 0) {
            done.add("added cloud " + cloud + " to this client");
        } else if (r.stderr().contains("already exists")) {
            Known known = show(cloud, List.of("--client"));
            if (cluster.sameAs(known.endpoint(), known.cas())) {
                done.add("cloud " + cloud + " on this client is current (" + cluster.endpoint() + ")");
            } else {
                check(argv("remove-k8s", cloud, "--client"), env, "remove it by hand: juju remove-k8s " + cloud + " --client");
                check(client, env, "check the kubeconfig (" + local + ") reaches the cluster: KUBECONFIG=" + local + " kubectl get nodes");
                done.add("re-added cloud " + cloud + " on this client: it pointed at " + known.endpoint() + ", the cluster is at "
                        + cluster.endpoint());
            }
        } else {
            throw JujuCli.failure(client, r, "check the kubeconfig (" + local + ") reaches the cluster: KUBECONFIG=" + local
                    + " kubectl get nodes");
        }
        List<String> ctrl = argv("add-k8s", cloud, "--controller", controller);
        ProcessResult c = juju.exec(ctrl, env);
        if (c.exitCode() == 0) {
            done.add("added cloud " + cloud + " to controller " + controller);
        } else if (c.stderr().contains("already exists")) {
            Known known = show(cloud, List.of("--controller", controller));
            if (cluster.sameAs(known.endpoint(), known.cas())) {
                done.add("cloud " + cloud + " on controller " + controller + " is current");
            } else {
                check(argv("update-k8s", cloud, "--controller", controller), env,
                        "update it by hand: juju update-k8s " + cloud + " --controller " + controller);
                check(argv("update-credential", cloud, cloud, "--controller", controller), env,
                        "update it by hand: juju update-credential " + cloud + " " + cloud + " --controller " + controller);
                done.add("updated cloud " + cloud + " and its credential on controller " + controller + ": it pointed at "
                        + known.endpoint() + ", the cluster is at " + cluster.endpoint());
            }
        } else {
            throw JujuCli.failure(ctrl, c, "check the controller can reach the cluster's API server (" + cluster.endpoint()
                    + "), then run the deploy again");
        }
        done.forEach(out::println);
        out.flush();
        return done;
    }

    /** A cloud as juju knows it. */
    private record Known(String endpoint, List<String> cas) {
    }

    private Known show(String cloud, List<String> where) {
        List<String> argv = new ArrayList<>(argv("show-cloud", cloud));
        argv.addAll(where);
        argv.add("--format=json");
        ProcessResult r = check(argv, Map.of(), "run the command yourself to see what juju knows of " + cloud);
        JsonNode list;
        try {
            list = JSON.readTree(r.stdout());
        } catch (RuntimeException e) {
            throw JujuCli.failure(argv, r, "juju printed no cloud details; run the command yourself");
        }
        JsonNode d = list.isArray() && !list.isEmpty() ? list.get(0) : list;
        List<String> cas = new ArrayList<>();
        d.path("ca-credentials").forEach(n -> cas.add(n.asString("")));
        return new Known(Optional.ofNullable(d.path("endpoint").asString(null)).orElse(""), cas);
    }

    private ProcessResult check(List<String> argv, Map<String, String> env, String hint) {
        ProcessResult r = juju.exec(argv, env);
        if (r.exitCode() != 0) {
            throw JujuCli.failure(argv, r, hint);
        }
        return r;
    }

    private List<String> argv(String... args) {
        List<String> out = new ArrayList<>();
        out.add(juju.executable().toString());
        out.addAll(List.of(args));
        return out;
    }
}
