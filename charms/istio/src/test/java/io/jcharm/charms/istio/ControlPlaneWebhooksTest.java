package io.jcharm.charms.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.jcharm.core.Status;
import io.jcharm.testing.Events;
import io.jcharm.testing.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cluster-wide side of the control plane: one Istio per cluster, the injection webhooks'
 * selectors, and the validation webhook's failurePolicy left to istiod.
 */
class ControlPlaneWebhooksTest extends IstioClusterTest {

    private MutatingWebhookConfiguration injector(String name) {
        return cluster.admin.admissionRegistration().v1().mutatingWebhookConfigurations().withName(name).get();
    }

    private ValidatingWebhookConfiguration validator() {
        return cluster.admin.admissionRegistration().v1().validatingWebhookConfigurations()
                .withName("istio-validator-kubeflow").get();
    }

    @Test
    void aSecondIstioInAnotherModelIsBlockedNamingTheFirstAndAppliesNothing() {
        assertEquals(Status.active(), ctx.run(Events.install(), base).unitStatus());
        cluster.charmRequests();

        State second = ctx.run(Events.install(), base.withModel("team-b", "5f1c7e2a-0000-4000-8000-00000000000b"));

        assertEquals(Status.blocked("[istio-owner] another Istio control plane runs in this cluster:"
                + " MutatingWebhookConfiguration istio-sidecar-injector-kubeflow (revision default, application istio in"
                + " model kubeflow). One Istio per cluster: two istiods overwrite each other's CA in every namespace. Use"
                + " that one, or remove it; then this charm installs at its next hook (or remove this one: juju"
                + " remove-application istio)"), second.unitStatus());
        assertTrue(cluster.charmRequests().stream().noneMatch(r -> r.startsWith("POST ") || r.startsWith("PUT ")
                || r.startsWith("PATCH ")), "nothing applied");
        assertNull(injector("istio-sidecar-injector-team-b"));
        assertNotNull(injector("istio-sidecar-injector-kubeflow"), "the first install is untouched");
    }

    @Test
    void anIstioInstalledByIstioctlAlsoBlocks() {
        cluster.admin.admissionRegistration().v1().mutatingWebhookConfigurations().resource(
                new MutatingWebhookConfigurationBuilder().withNewMetadata().withName("istio-sidecar-injector")
                        .withLabels(Map.of("istio.io/rev", "default", "app", "sidecar-injector")).endMetadata().build())
                .create();

        State out = ctx.run(Events.install(), base);

        assertTrue(out.unitStatus().message().startsWith("[istio-owner] another Istio control plane runs in this cluster:"
                + " MutatingWebhookConfiguration istio-sidecar-injector (revision default, installed outside this charm"
                + " (istioctl or Helm))"), out.unitStatus().toString());
        assertTrue(out.unitStatus() instanceof Status.Blocked, out.unitStatus().toString());
        assertNull(cluster.admin.apps().deployments().inNamespace(NS).withName("istiod").get());
    }

    @Test
    void theValidationFailurePolicyIstiodSwitchedIsNotForcedBack() {
        State first = ctx.run(Events.install(), base);
        assertEquals("Ignore", validator().getWebhooks().get(0).getFailurePolicy(), "open until istiod validates");
        // istiod, once it can validate, switches the webhook to Fail (its validation controller).
        ValidatingWebhookConfiguration switched = validator();
        switched.getWebhooks().forEach(h -> h.setFailurePolicy("Fail"));
        cluster.admin.resource(switched).update();

        State again = ctx.run(Events.configChanged(), first);

        assertEquals(Status.active(), again.unitStatus());
        assertEquals("Fail", validator().getWebhooks().get(0).getFailurePolicy());
    }

    @Test
    void podsAreInjectedAsUpstreamsDefaultRevisionSelectsThemAndByOneWebhookOnly() {
        ctx.run(Events.install(), base);
        List<MutatingWebhook> hooks = injector("istio-sidecar-injector-kubeflow").getWebhooks();
        assertEquals(4, hooks.size());
        hooks.forEach(h -> assertEquals(NS, h.getClientConfig().getService().getNamespace()));

        record Case(Map<String, String> namespace, Map<String, String> pod, int webhooks) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("istio-injection", "enabled"), Map.of(), 1),
                new Case(Map.of("istio-injection", "enabled"), Map.of("sidecar.istio.io/inject", "false"), 0),
                new Case(Map.of("istio.io/rev", "default"), Map.of(), 1),
                new Case(Map.of("istio.io/rev", "default"), Map.of("sidecar.istio.io/inject", "false"), 0),
                new Case(Map.of("istio.io/rev", "canary"), Map.of(), 0),
                new Case(Map.of(), Map.of("sidecar.istio.io/inject", "true"), 1),
                new Case(Map.of(), Map.of("istio.io/rev", "default"), 1),
                new Case(Map.of(), Map.of("sidecar.istio.io/inject", "true", "istio.io/rev", "canary"), 0),
                new Case(Map.of(), Map.of(), 0),
                new Case(Map.of("istio-injection", "disabled"), Map.of("sidecar.istio.io/inject", "true"), 0));
        for (Case c : cases) {
            long matching = hooks.stream().filter(h -> selects(h.getNamespaceSelector(), c.namespace())
                    && selects(h.getObjectSelector(), c.pod())).count();
            assertEquals(c.webhooks(), matching, "namespace " + c.namespace() + ", pod " + c.pod());
        }
    }

    /** Kubernetes' label selector semantics (matchLabels and the four operators). */
    private static boolean selects(LabelSelector s, Map<String, String> labels) {
        if (s == null) {
            return true;
        }
        if (s.getMatchLabels() != null && !labels.entrySet().containsAll(s.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement r : s.getMatchExpressions() == null ? List.<LabelSelectorRequirement>of()
                : s.getMatchExpressions()) {
            String v = labels.get(r.getKey());
            boolean ok = switch (r.getOperator()) {
                case "In" -> v != null && r.getValues().contains(v);
                case "NotIn" -> v == null || !r.getValues().contains(v);
                case "Exists" -> v != null;
                case "DoesNotExist" -> v == null;
                default -> throw new AssertionError("unknown operator " + r.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
