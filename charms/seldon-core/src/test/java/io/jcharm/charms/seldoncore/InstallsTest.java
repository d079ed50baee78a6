package io.jcharm.charms.seldoncore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.jcharm.core.Status;
import io.jcharm.kubernetes.testing.MockClusterExtension;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several Seldon Core installs in one cluster (upstream v1.17.1: CONTROLLER_ID, WATCH_NAMESPACE
 * and the webhook's selectors in helm-charts/seldon-core-operator/templates/webhook.yaml), the
 * shared CRD on remove, and the webhook applied only once the manager serves it.
 */
class InstallsTest {
    static final String LABEL = "seldon.io/controller-id";
    static final String FIRST = "kubeflow";
    static final String SECOND = "serving";

    @RegisterExtension
    final MockClusterExtension k8s = new MockClusterExtension();
    final Context ctx = Context.of(() -> new SeldonCoreCharm(SeldonKubernetesTest.FAST));

    @BeforeEach
    void start() {
        k8s.cluster().jujuService(FIRST, "seldon-core");
        k8s.cluster().jujuService(SECOND, "seldon-core");
    }


    State leaderIn(String ns, String uuidTail) {
        return State.empty().withLeader(true).withModel(ns, "5f1c7e2a-0000-4000-8000-0000000000" + uuidTail)
                .withEnvironment(k8s.cluster().env()).withContainer(ContainerState.reachable(SeldonCoreCharm.CONTAINER));
    }

    ValidatingWebhookConfiguration webhook(String ns) {
        return k8s.cluster().admin.admissionRegistration().v1().validatingWebhookConfigurations()
                .withName("seldon-validating-webhook-configuration-" + ns).get();
    }

    static Map<String, String> env(State out) {
        return out.container(SeldonCoreCharm.CONTAINER).planOrFail().services().get(ManagerLayer.SERVICE).environment();
    }

    static String selector(LabelSelector s) {
        if (s.getMatchLabels() != null && !s.getMatchLabels().isEmpty()) {
            return s.getMatchLabels().toString();
        }
        return s.getMatchExpressions().stream().map(e -> e.getKey() + " " + e.getOperator()).toList().toString();
    }

    @Test
    void aSecondInstallHandlingTheSameSeldonDeploymentsIsBlockedAndAControllerIdSeparatesThem() {
        State first = ctx.run(Events.install(), leaderIn(FIRST, "e1"));
        assertEquals(Status.active(), first.unitStatus());
        ValidatingWebhook hook = webhook(FIRST).getWebhooks().get(0);
        assertEquals("[seldon.io/controller-id DoesNotExist]", selector(hook.getObjectSelector()), "upstream's default");
        assertEquals("[seldon.io/controller-id DoesNotExist]", selector(hook.getNamespaceSelector()));

        State second = ctx.run(Events.install(), leaderIn(SECOND, "e2"));
        assertEquals(Status.blocked("[isolation] another Seldon Core install (ValidatingWebhookConfiguration"
                + " seldon-validating-webhook-configuration-kubeflow) already handles every namespace not labelled"
                + " seldon.io/controller-id, SeldonDeployments without that label; set controller-id or"
                + " watch-namespace so that each install handles its own SeldonDeployments"), second.unitStatus());
        assertNull(webhook(SECOND));

        State separate = ctx.run(Events.configChanged(), leaderIn(SECOND, "e2").withSecrets(second.secrets())
                .withConfig(Map.of("controller-id", "team-b")));
        assertEquals(Status.active(), separate.unitStatus());
        assertEquals("team-b", env(separate).get("CONTROLLER_ID"));
        assertEquals("{seldon.io/controller-id=team-b}", selector(webhook(SECOND).getWebhooks().get(0).getObjectSelector()));

        // serve-model labels its models so that this install's manager reconciles them.
        State served = ctx.run(Events.action("serve-model", Map.of("name", "iris", "server", "SKLEARN_SERVER",
                "model-uri", "gs://seldon-models/v1.17.1/sklearn/iris")), leaderIn(SECOND, "e2")
                .withSecrets(second.secrets()).withConfig(Map.of("controller-id", "team-b")));
        assertEquals("created", served.actionResults().get("result"), served.actionFailure().toString());
        assertEquals("team-b", k8s.cluster().admin.genericKubernetesResources(SeldonKubernetesTest.SELDON_DEPLOYMENTS)
                .inNamespace(SECOND).withName("iris").get().getMetadata().getLabels().get(LABEL));
    }

    @Test
    void aSingleNamespaceInstallNeedsTheLabelThatKeepsOthersOut() {
        ctx.run(Events.install(), leaderIn(FIRST, "f1"));
        k8s.cluster().admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(SECOND).endMetadata()
                .build()).createOr(n -> n.update());
        State in = leaderIn(SECOND, "f2").withConfig(Map.of("watch-namespace", SECOND));
        State unlabelled = ctx.run(Events.install(), in);
        assertEquals(Status.blocked("[isolation] namespace serving lacks label seldon.io/controller-id=serving, which"
                + " keeps installs watching every namespace out of it: kubectl label namespace serving"
                + " seldon.io/controller-id=serving"), unlabelled.unitStatus());

        k8s.cluster().admin.namespaces().withName(SECOND).edit(n -> new NamespaceBuilder(n).editMetadata()
                .addToLabels(LABEL, SECOND).endMetadata().build());
        State labelled = ctx.run(Events.configChanged(), in.withSecrets(unlabelled.secrets()));
        assertEquals(Status.active(), labelled.unitStatus());
        assertEquals(SECOND, env(labelled).get("WATCH_NAMESPACE"));
        assertEquals("{seldon.io/controller-id=serving}",
                selector(webhook(SECOND).getWebhooks().get(0).getNamespaceSelector()));
    }

    @Test
    void removingOneInstallKeepsTheCrdWhileOthersUseIt() {
        State first = ctx.run(Events.install(), leaderIn(FIRST, "a1"));
        State second = ctx.run(Events.install(), leaderIn(SECOND, "a2").withConfig(Map.of("controller-id", "b")));
        assertEquals(Status.active(), second.unitStatus());
        k8s.cluster().admin.genericKubernetesResources(SeldonKubernetesTest.SELDON_DEPLOYMENTS).inNamespace(SECOND).resource(
                new GenericKubernetesResourceBuilder().withApiVersion("machinelearning.seldon.io/v1")
                        .withKind("SeldonDeployment").withNewMetadata().withName("by-hand").endMetadata()
                        .withAdditionalProperties(Map.of("spec", Map.of("predictors", List.of()))).build()).create();

        State removed = ctx.run(Events.remove(), leaderIn(FIRST, "a1").withSecrets(first.secrets())
                .withPlannedUnits(0).withConfig(Map.of("purge-on-remove", true)));
        assertNull(webhook(FIRST), "its own objects go");
        assertNotNull(k8s.cluster().admin.apiextensions().v1().customResourceDefinitions().withName(OperatorObjects.CRD).get(),
                "the CRD stays: another install and a user's SeldonDeployment use it");
        assertNotNull(k8s.cluster().admin.genericKubernetesResources(SeldonKubernetesTest.SELDON_DEPLOYMENTS).inNamespace(SECOND)
                .withName("by-hand").get());
        assertTrue(removed.logs().stream().anyMatch(l -> l.contains("keeping CRD seldondeployments.machinelearning.seldon.io"
                + " despite purge-on-remove: other Seldon Core installs use it (seldon-validating-webhook-configuration-serving);"
                + " 1 SeldonDeployment(s) made by others remain")), String.join("\n", removed.logs()));
    }

    @Test
    void withoutPurgeOnRemoveTheCrdStaysAndWithItAnUnusedCrdGoes() {
        State first = ctx.run(Events.install(), leaderIn(FIRST, "b1"));
        ctx.run(Events.remove(), leaderIn(FIRST, "b1").withSecrets(first.secrets()).withPlannedUnits(0));
        assertNotNull(k8s.cluster().admin.apiextensions().v1().customResourceDefinitions().withName(OperatorObjects.CRD).get(),
                "kept by default, as istio keeps its CRDs");
        assertNull(k8s.cluster().admin.configMaps().inNamespace(FIRST).withName("jcharm-seldon-core-crd").get(),
                "nothing of the application is left in its namespace");

        State again = ctx.run(Events.install(), leaderIn(FIRST, "b1"));
        ctx.run(Events.remove(), leaderIn(FIRST, "b1").withSecrets(again.secrets()).withPlannedUnits(0)
                .withConfig(Map.of("purge-on-remove", true)));
        assertNull(k8s.cluster().admin.apiextensions().v1().customResourceDefinitions().withName(OperatorObjects.CRD).get(),
                "purged when nothing else uses it");
    }

    @Test
    void theWebhookIsAppliedOnlyOnceTheManagerServesIt() {
        // Related to Istio, no data yet: the manager waits, and so must its failurePolicy Fail webhook.
        RelationState gw = RelationState.of("gateway-info", "istio");
        State waiting = ctx.run(Events.relationJoined(gw), leaderIn(FIRST, "c1").withRelation(gw));
        assertEquals(Status.waiting("[gateway-info] waiting for gateway info relation data"), waiting.unitStatus());
        assertTrue(waiting.container(SeldonCoreCharm.CONTAINER).planOrFail().services().isEmpty());
        assertNull(webhook(FIRST), "no webhook without its server");
        assertNotNull(k8s.cluster().admin.apiextensions().v1().customResourceDefinitions().withName(OperatorObjects.CRD).get());

        RelationState ready = gw.withRemoteAppData(Map.of("gateway_name", "kubeflow-gateway", "gateway_namespace", FIRST));
        State serving = ctx.run(Events.relationAppChanged(ready), leaderIn(FIRST, "c1").withSecrets(waiting.secrets())
                .withRelation(ready));
        assertEquals(Status.active(), serving.unitStatus());
        assertEquals("Fail", webhook(FIRST).getWebhooks().get(0).getFailurePolicy());
    }
}
