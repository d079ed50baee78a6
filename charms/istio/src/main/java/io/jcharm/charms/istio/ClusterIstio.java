package io.jcharm.charms.istio;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.kubernetes.Kubernetes;
import io.jcharm.kubernetes.ResourceLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the cluster already holds of an Istio control plane, read before anything is applied:
 * another control plane (of another model, or installed by istioctl or Helm) refuses this
 * install, and the validation webhook's {@code failurePolicy}, which istiod switches from
 * {@code Ignore} to {@code Fail} once it validates, is carried over as istiod left it.
 *
 * <p>One Istio per cluster: every istiod writes its own CA into the {@code istio-ca-root-cert}
 * ConfigMap of every namespace it discovers, and patches every webhook labelled with its
 * revision; two control planes would overwrite each other's certificates. Upstream's way round
 * that (a revision per control plane plus mesh {@code discoverySelectors}) also hides every other
 * namespace's services from the mesh, which breaks routes to them, so a second install is
 * Blocked naming the first instead.
 *
 * <pre>{@code
 * ClusterIstio live = ClusterIstio.read(model, kube);  // Blocked when another Istio runs
 * live.validatorFailurePolicy();                        // Optional[Fail] once istiod switched it
 * }</pre>
 *
 * @param validatorFailurePolicy the live failurePolicy of our validation webhook, empty before install
 */
record ClusterIstio(Optional<String> validatorFailurePolicy) {
    static final String COMPONENT = "istio-owner";
    /** The label istiod selects its webhooks by (upstream's label.IoIstioRev). */
    static final String REV_LABEL = "istio.io/rev";

    /**
     * Reads the webhooks labelled {@code istio.io/rev} in the cluster.
     *
     * @throws StatusException Blocked naming another control plane, or when the API cannot be asked
     */
    static ClusterIstio read(Model model, Kubernetes kube) throws StatusException {
        ResourceLabels ours = new ResourceLabels(model.app().name(), model.name(), "control-plane");
        List<HasMetadata> webhooks = new ArrayList<>();
        // Through the house policy: a timeout or 5xx is retried, then fails the hook saying so.
        webhooks.addAll(kube.read("list", "MutatingWebhookConfiguration", "label " + REV_LABEL,
                c -> c.admissionRegistration().v1().mutatingWebhookConfigurations().withLabel(REV_LABEL).list().getItems()));
        webhooks.addAll(kube.read("list", "ValidatingWebhookConfiguration", "label " + REV_LABEL,
                c -> c.admissionRegistration().v1().validatingWebhookConfigurations().withLabel(REV_LABEL).list().getItems()));
        Optional<String> failurePolicy = Optional.empty();
        for (HasMetadata w : webhooks) {
            if (!ours.selects(w.getMetadata().getLabels())) {
                throw StatusException.blocked(other(w, model.app().name()));
            }
            if (w instanceof ValidatingWebhookConfiguration v && v.getWebhooks() != null) {
                failurePolicy = v.getWebhooks().stream().map(ValidatingWebhook::getFailurePolicy)
                        .filter(p -> p != null).findFirst();
            }
        }
        return new ClusterIstio(failurePolicy);
    }

    private static String other(HasMetadata w, String app) {
        Map<String, String> l = w.getMetadata().getLabels();
        String whose = l.containsKey(ResourceLabels.MODEL)
                ? "application " + l.get(ResourceLabels.CREATED_BY) + " in model " + l.get(ResourceLabels.MODEL)
                : "installed outside this charm (istioctl or Helm)";
        return "another Istio control plane runs in this cluster: " + w.getKind() + " " + w.getMetadata().getName()
                + " (revision " + l.get(REV_LABEL) + ", " + whose + "). One Istio per cluster: two istiods overwrite each"
                + " other's CA in every namespace. Use that one, or remove it; then this charm installs at its next"
                + " hook (or remove this one: juju remove-application " + app + ")";
    }
}
