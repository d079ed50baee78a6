package io.jcharm.charms.istio;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jcharm.core.StatusException;
import io.jcharm.kubernetes.Kubernetes;
import io.jcharm.kubernetes.KubernetesConfigException;
import java.util.Optional;

/**
 * The Istio version running in the cluster, from the label on istiod's Deployment: what a unit
 * that became leader after an install (so has no version in its unit state) upgrades from.
 *
 * <pre>{@code
 * Optional<String> tag = ClusterVersion.read(kube);  // Optional[1.27.3], empty before install
 * }</pre>
 */
final class ClusterVersion {
    private ClusterVersion() {
    }

    /**
     * Empty when there is no istiod yet, or no Kubernetes API to ask. An API that fails to answer fails the hook (so Juju
     * retries) rather than pass for "no istiod": that would skip the upgrade check.
     *
     * @throws StatusException Blocked without credentials or trust
     */
    static Optional<String> read(Kubernetes kube) throws StatusException {
        try {
            kube.client();
        } catch (KubernetesConfigException e) {
            return Optional.empty(); // no API at all: the istio-owner component reports that, first
        }
        Deployment d = kube.read("get", "Deployment", kube.namespace() + "/" + ControlPlaneObjects.ISTIOD,
                c -> c.apps().deployments().inNamespace(kube.namespace()).withName(ControlPlaneObjects.ISTIOD).get());
        if (d == null || d.getMetadata().getLabels() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(d.getMetadata().getLabels().get(ControlPlaneObjects.VERSION_LABEL));
    }
}
