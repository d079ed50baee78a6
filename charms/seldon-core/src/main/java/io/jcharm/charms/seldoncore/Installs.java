package io.jcharm.charms.seldoncore;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.kubernetes.Kubernetes;
import io.jcharm.kubernetes.KubernetesConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seldon Core installs sharing one cluster: each must handle its own SeldonDeployments (see
 * {@link InstallScope}), and the cluster-wide CRD, which holds every install's and every user's
 * SeldonDeployments, outlives any one of them. Other installs are found by their validating
 * webhook (webhook {@value OperatorObjects#WEBHOOK_NAME}, whoever made it: this charm, Charmed
 * Kubeflow's or upstream's Helm chart).
 *
 * <pre>{@code
 * Installs.check(model, kube, config);   // Blocked when another install handles the same SeldonDeployments
 * }</pre>
 */
final class Installs {
    private Installs() {
    }

    /**
     * Refuses a scope another install already has, and a watched namespace that does not keep
     * every-namespace installs out.
     *
     * @throws StatusException Blocked saying which install and what to set
     */
    static void check(Model model, Kubernetes kube, SeldonConfig config) throws StatusException {
        try {
            checkScope(kube, config);
        } catch (KubernetesConfigException e) {
            // No API at all: the leader's Kubernetes components report it; nothing to compare with here.
            model.log().warning("cannot look for other Seldon Core installs: " + e.getMessage());
        }
    }

    private static void checkScope(Kubernetes kube, SeldonConfig config) throws StatusException {
        InstallScope mine = InstallScope.of(config);
        String ns = mine.watchNamespace();
        if (!ns.isEmpty()) {
            Namespace watched = kube.client().namespaces().withName(ns).get();
            if (watched == null) {
                throw StatusException.blocked("watch-namespace " + ns + " does not exist; create it or change the option");
            }
            Map<String, String> labels = watched.getMetadata().getLabels() == null ? Map.of()
                    : watched.getMetadata().getLabels();
            if (!ns.equals(labels.get(InstallScope.LABEL))) {
                throw StatusException.blocked("namespace " + ns + " lacks label " + InstallScope.LABEL + "=" + ns
                        + ", which keeps installs watching every namespace out of it: kubectl label namespace " + ns
                        + " " + InstallScope.LABEL + "=" + ns);
            }
        }
        for (Map.Entry<String, InstallScope> other : others(kube).entrySet()) {
            if (other.getValue().equals(mine)) {
                throw StatusException.blocked("another Seldon Core install (ValidatingWebhookConfiguration "
                        + other.getKey() + ") already handles " + mine.describe() + "; set controller-id or"
                        + " watch-namespace so that each install handles its own SeldonDeployments");
            }
        }
    }

    /** Other installs' webhook configurations and the scope each selects. */
    static Map<String, InstallScope> others(Kubernetes kube) {
        String mine = OperatorObjects.clusterName(OperatorObjects.WEBHOOK_CONFIGURATION, kube.namespace());
        Map<String, InstallScope> out = new TreeMap<>();
        for (ValidatingWebhookConfiguration vwc : kube.client().admissionRegistration().v1()
                .validatingWebhookConfigurations().list().getItems()) {
            if (mine.equals(vwc.getMetadata().getName()) || vwc.getWebhooks() == null) {
                continue;
            }
            for (ValidatingWebhook w : vwc.getWebhooks()) {
                InstallScope.of(w).ifPresent(s -> out.put(vwc.getMetadata().getName(), s));
            }
        }
        return out;
    }

    /**
     * Whether the remove hook may delete the CRD: only with purge-on-remove, and only when no
     * other install and no SeldonDeployment (this application's are deleted first) is left;
     * otherwise it logs why the CRD stays.
     */
    static boolean mayDeleteCrd(Model model, Kubernetes kube) {
        // Read raw: a config mistake elsewhere must not decide whether users' objects are deleted.
        if (!Boolean.parseBoolean(String.valueOf(model.rawConfig().getOrDefault("purge-on-remove", false)))) {
            model.log().info("keeping CRD " + OperatorObjects.CRD + " (set purge-on-remove to delete it with the"
                    + " application)");
            return false;
        }
        List<String> reasons = new ArrayList<>();
        try {
            Map<String, InstallScope> others = others(kube);
            if (!others.isEmpty()) {
                reasons.add("other Seldon Core installs use it (" + String.join(", ", others.keySet()) + ")");
            }
            int left = kube.client().genericKubernetesResources(ModelActions.API_VERSION, ModelActions.KIND)
                    .inAnyNamespace().list().getItems().size();
            if (left > 0) {
                reasons.add(left + " SeldonDeployment(s) made by others remain (kubectl get sdep -A)");
            }
        } catch (KubernetesClientException | KubernetesConfigException e) {
            reasons.add("the API could not tell whether others use it: " + e.getMessage());
        }
        if (!reasons.isEmpty()) {
            model.log().warning("keeping CRD " + OperatorObjects.CRD + " despite purge-on-remove: "
                    + String.join("; ", reasons));
            return false;
        }
        return true;
    }
}
