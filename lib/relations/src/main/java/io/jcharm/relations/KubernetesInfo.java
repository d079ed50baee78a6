package io.jcharm.relations;

import io.jcharm.core.Relation;
import java.util.Optional;

/**
 * The {@code kubernetes-info} interface the MicroK8s charm provides: where the kubelet and CNI
 * live on the node (what Istio's CNI plugin needs).
 *
 * <pre>{@code
 * KubernetesInfo.publish(relation, KubernetesInfo.MICROK8S);
 * }</pre>
 */
public record KubernetesInfo(String kubeletRootDir, String cniBinDir, String cniConfDir) {

    /** MicroK8s's paths. */
    public static final KubernetesInfo MICROK8S = new KubernetesInfo("/var/snap/microk8s/common/var/lib/kubelet",
            "/var/snap/microk8s/current/opt/cni/bin", "/var/snap/microk8s/current/args/cni-network");

    /** Provider side (leader): the three app-bag keys. */
    public static void publish(Relation relation, KubernetesInfo info) {
        if (relation.localApp().writable()) {
            relation.localApp().put("kubelet-root-dir", info.kubeletRootDir());
            relation.localApp().put("cni-bin-dir", info.cniBinDir());
            relation.localApp().put("cni-conf-dir", info.cniConfDir());
        }
    }

    /** Requirer side: empty until all three keys are present. */
    public static Optional<KubernetesInfo> read(Relation relation) {
        var bag = relation.remoteApp();
        var root = bag.get("kubelet-root-dir");
        var bin = bag.get("cni-bin-dir");
        var conf = bag.get("cni-conf-dir");
        if (root.isEmpty() || bin.isEmpty() || conf.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new KubernetesInfo(root.get(), bin.get(), conf.get()));
    }
}
