package io.jcharm.charms.seldoncore;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import java.util.Map;
import java.util.Optional;

/**
 * Which SeldonDeployments one Seldon Core install handles, as upstream divides them: a manager
 * watching every namespace ({@code watchNamespace} empty) skips namespaces labelled
 * {@value #LABEL}; one watching a single namespace handles only that one; and a manager reconciles
 * only SeldonDeployments whose {@value #LABEL} label equals its CONTROLLER_ID ("" for none).
 * Its validating webhook selects the same objects. Sources: SeldonIO/seldon-core v1.17.1,
 * operator/controllers/seldondeployment_controller.go (Reconcile's namespace and controller-id
 * checks) and helm-charts/seldon-core-operator/templates/webhook.yaml (namespaceSelector,
 * objectSelector).
 *
 * <pre>{@code
 * InstallScope s = new InstallScope("", "team-a");  // every unlabelled namespace, objects labelled team-a
 * s.applyTo(webhook);
 * }</pre>
 *
 * @param watchNamespace the only namespace watched, or "" for every unlabelled one
 * @param controllerId the value of {@value #LABEL} this install's SeldonDeployments carry, or ""
 */
record InstallScope(String watchNamespace, String controllerId) {
    static final String LABEL = "seldon.io/controller-id";

    static InstallScope of(SeldonConfig config) {
        return new InstallScope(config.watchNamespace(), config.controllerId());
    }

    /** The scope another install's webhook selects, or empty when it is not Seldon's SeldonDeployment webhook. */
    static Optional<InstallScope> of(ValidatingWebhook w) {
        if (!OperatorObjects.WEBHOOK_NAME.equals(w.getName())) {
            return Optional.empty();
        }
        return Optional.of(new InstallScope(matched(w.getNamespaceSelector()), matched(w.getObjectSelector())));
    }

    private static String matched(LabelSelector s) {
        Map<String, String> labels = s == null || s.getMatchLabels() == null ? Map.of() : s.getMatchLabels();
        return labels.getOrDefault(LABEL, "");
    }

    /** Sets the webhook's selectors as upstream's chart does for this scope. */
    void applyTo(ValidatingWebhook w) {
        w.setNamespaceSelector(watchNamespace.isEmpty() ? absent() : equal(watchNamespace));
        w.setObjectSelector(controllerId.isEmpty() ? absent() : equal(controllerId));
    }

    private static LabelSelector absent() {
        return new LabelSelectorBuilder().withMatchExpressions(
                new LabelSelectorRequirement(LABEL, "DoesNotExist", null)).build();
    }

    private static LabelSelector equal(String value) {
        return new LabelSelectorBuilder().withMatchLabels(Map.of(LABEL, value)).build();
    }

    /** For messages: "every namespace not labelled seldon.io/controller-id, SeldonDeployments without that label". */
    String describe() {
        return (watchNamespace.isEmpty() ? "every namespace not labelled " + LABEL : "namespace " + watchNamespace)
                + ", " + (controllerId.isEmpty() ? "SeldonDeployments without that label"
                : "SeldonDeployments labelled " + LABEL + "=" + controllerId);
    }
}
