package io.jcharm.charms.seldoncore;

import io.jcharm.kubernetes.certs.WebhookCerts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jcharm.core.Status;
import io.jcharm.kubernetes.KubeOptions;
import io.jcharm.kubernetes.Kubernetes;
import io.jcharm.kubernetes.RetryPolicy;
import io.jcharm.kubernetes.testing.MockCluster;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The leader against fabric8's mock API server (CRUD): what it applies, its statuses, and remove. */
class SeldonKubernetesTest {
    /** For the tests' own reads of SeldonDeployments through the admin client. */
    static final ResourceDefinitionContext SELDON_DEPLOYMENTS = new ResourceDefinitionContext.Builder()
            .withGroup("machinelearning.seldon.io").withVersion("v1").withKind("SeldonDeployment")
            .withPlural("seldondeployments").withNamespaced(true).build();

    static final String NS = "kubeflow";
    static final String APP = "seldon-core";
    static final KubeOptions FAST = KubeOptions.DEFAULT.withPollInterval(Duration.ofMillis(10))
            .withRetry(new RetryPolicy(2, Duration.ofMillis(1), 1.0, Duration.ofMillis(1)))
            .withCrdTimeout(Duration.ofSeconds(10));

    @TempDir
    Path tmp;
    MockCluster cluster;
    Context ctx;
    State leader;

    @BeforeEach
    void start() {
        cluster = new MockCluster(tmp);
        cluster.jujuService(NS, APP);
        ctx = Context.of(() -> new SeldonCoreCharm(FAST));
        leader = State.empty().withLeader(true).withModel(NS, "5f1c7e2a-0000-4000-8000-00000000000a")
                .withEnvironment(cluster.env()).withContainer(ContainerState.reachable(SeldonCoreCharm.CONTAINER));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private ValidatingWebhookConfiguration webhook() {
        return cluster.admin.admissionRegistration().v1().validatingWebhookConfigurations()
                .withName("seldon-validating-webhook-configuration-" + NS).get();
    }

    private ConfigMap seldonConfig() {
        return cluster.admin.configMaps().inNamespace(NS).withName("seldon-config").get();
    }

    @Test
    void theLeaderAppliesTheOperatorAndGoesActive() {
        State out = ctx.run(Events.pebbleReady(SeldonCoreCharm.CONTAINER), leader);

        assertEquals(Status.active(), out.unitStatus());
        assertEquals(Status.active(), out.appStatus());
        assertNotNull(cluster.admin.apiextensions().v1().customResourceDefinitions().withName(OperatorObjects.CRD).get());
        ClusterRoleBinding manager = cluster.admin.rbac().clusterRoleBindings().withName("seldon-manager-rolebinding-" + NS).get();
        assertEquals("seldon-manager-role-" + NS, manager.getRoleRef().getName());
        assertEquals(APP, manager.getSubjects().get(0).getName());
        assertEquals(NS, manager.getSubjects().get(0).getNamespace());
        for (String role : List.of("seldon-manager-sas-role", "seldon-webhook-role", "kubeflow-edit-seldon")) {
            assertNotNull(cluster.admin.rbac().clusterRoles().withName(role + "-" + NS).get(), role);
        }
        RoleBinding election = cluster.admin.rbac().roleBindings().inNamespace(NS).withName("seldon-leader-election-rolebinding").get();
        assertEquals(APP, election.getSubjects().get(0).getName());

        Service webhookService = cluster.admin.services().inNamespace(NS).withName("seldon-webhook-service").get();
        assertEquals(4443, webhookService.getSpec().getPorts().get(0).getPort());
        assertEquals(Map.of("app.kubernetes.io/name", APP), webhookService.getSpec().getSelector());
        ValidatingWebhook hook = webhook().getWebhooks().get(0);
        assertEquals("v1.vseldondeployment.kb.io", hook.getName());
        assertEquals("Fail", hook.getFailurePolicy());
        assertEquals(NS, hook.getClientConfig().getService().getNamespace());
        assertEquals(4443, hook.getClientConfig().getService().getPort());
        String ca = new String(Base64.getDecoder().decode(hook.getClientConfig().getCaBundle()), StandardCharsets.US_ASCII);
        assertEquals(out.secretByLabel(WebhookCerts.LABEL).orElseThrow().content().get("ca-crt"), ca,
                "caBundle is the CA in the secret");

        Service app = cluster.admin.services().inNamespace(NS).withName(APP).get();
        assertEquals(List.of("metrics-port:8080", "webhook-port:4443"), app.getSpec().getPorts().stream()
                .map(p -> p.getName() + ":" + p.getPort()).toList());
        assertEquals("seldon-core", cluster.admin.configMaps().inNamespace(NS).withName("seldon-config").get()
                .getMetadata().getLabels().get("app.juju.is/created-by"));
    }

    @Test
    void seldonConfigListsSeldonsImagesByDefault() {
        ctx.run(Events.install(), leader);
        ConfigMap cm = seldonConfig();
        assertEquals(List.of("credentials", "explainer", "predictor_servers", "storageInitializer"),
                cm.getData().keySet().stream().sorted().toList());
        JsonNode predictors = json(cm.getData().get("predictor_servers"));
        assertEquals("seldonio/sklearnserver", predictors.at("/SKLEARN_SERVER/protocols/seldon/image").asString());
        assertEquals("1.17.1", predictors.at("/SKLEARN_SERVER/protocols/seldon/defaultImageVersion").asString());
        assertEquals("seldonio/rclone-storage-initializer:1.17.1",
                json(cm.getData().get("storageInitializer")).get("image").asString());
        assertEquals("seldonio/alibiexplainer:1.17.1", json(cm.getData().get("explainer")).get("image").asString());
        assertEquals("awsAccessKeyID", json(cm.getData().get("credentials")).at("/s3/s3AccessKeyIDName").asString());
    }

    @Test
    void customImagesChangeSeldonConfig() {
        State first = ctx.run(Events.install(), leader);
        ctx.run(Events.configChanged(), leader.withSecrets(first.secrets()).withConfig(Map.of("custom_images", """
                configmap__predictor__sklearn__seldon: registry.local/seldonio/sklearnserver:1.17.1
                configmap__predictor__xgboost__seldon: ''
                configmap_explainer: registry.local/seldonio/alibiexplainer:1.17.1
                """)));
        ConfigMap cm = seldonConfig();
        JsonNode predictors = json(cm.getData().get("predictor_servers"));
        assertEquals("registry.local/seldonio/sklearnserver", predictors.at("/SKLEARN_SERVER/protocols/seldon/image").asString());
        assertEquals("seldonio/xgboostserver", predictors.at("/XGBOOST_SERVER/protocols/seldon/image").asString());
        assertEquals("registry.local/seldonio/alibiexplainer:1.17.1",
                json(cm.getData().get("explainer")).get("image").asString());
    }

    @Test
    void aSecondHookKeepsTheSameCaInTheWebhook() {
        State first = ctx.run(Events.install(), leader);
        String caBundle = webhook().getWebhooks().get(0).getClientConfig().getCaBundle();
        State second = ctx.run(Events.upgradeCharm(), leader.withSecrets(first.secrets()));
        assertEquals(1, second.secrets().size());
        assertEquals(caBundle, webhook().getWebhooks().get(0).getClientConfig().getCaBundle());
    }

    @Test
    void newPortsReachTheWebhookTheServiceAndTheCommand() {
        State out = ctx.run(Events.configChanged(), leader.withConfig(Map.of("webhook-port", "9443", "metrics-port", 9090L)));
        assertEquals(Status.active(), out.unitStatus());
        assertEquals(9443, webhook().getWebhooks().get(0).getClientConfig().getService().getPort());
        Service webhookService = cluster.admin.services().inNamespace(NS).withName("seldon-webhook-service").get();
        assertEquals(9443, webhookService.getSpec().getPorts().get(0).getTargetPort().getIntVal());
        assertEquals(List.of(9090, 9443), cluster.admin.services().inNamespace(NS).withName(APP).get().getSpec().getPorts()
                .stream().map(p -> p.getPort()).toList());
    }

    @Test
    void podStartupWaitsForTheContainer() {
        State out = ctx.run(Events.install(), leader.withContainer(ContainerState.unreachable(SeldonCoreCharm.CONTAINER)));
        assertEquals(Status.waiting("[container:seldon-core] waiting for the seldon-core container (Pebble not reachable yet)"),
                out.unitStatus());
        assertNotNull(seldonConfig(), "the leader still applies the Kubernetes objects the manager needs");
        assertNull(webhook(), "but not the webhook, which nothing serves yet");
    }

    @Test
    void theAppServiceNotThereYetWaits() {
        cluster.admin.services().inNamespace(NS).withName(APP).delete();
        State out = ctx.run(Events.install(), leader);
        assertEquals(Status.waiting("[service] waiting for Service seldon-core in kubeflow: Juju creates it with the"
                + " application"), out.unitStatus());
    }

    @Test
    void withoutTrustTheLeaderIsBlocked() {
        cluster.server.expect().post().withPath("/apis/apiextensions.k8s.io/v1/customresourcedefinitions")
                .andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden").build()).always();
        State out = ctx.run(Events.install(), leader);
        assertEquals(Status.blocked("[crd] Kubernetes API refused create CustomResourceDefinition: deploy with --trust"),
                out.unitStatus());
    }

    @Test
    void gatewayInfoStatuses() {
        RelationState empty = RelationState.of("gateway-info", "istio");
        State waiting = ctx.run(Events.relationJoined(empty), leader.withRelation(empty));
        assertEquals(Status.waiting("[gateway-info] waiting for gateway info relation data"), waiting.unitStatus());

        RelationState partial = empty.withRemoteAppData(Map.of("gateway_name", "kubeflow-gateway"));
        State blocked = ctx.run(Events.relationAppChanged(partial), leader.withSecrets(waiting.secrets()).withRelation(partial));
        assertEquals(Status.blocked("[gateway-info] gateway-info data from istio lacks gateway_namespace"), blocked.unitStatus());

        RelationState full = empty.withRemoteAppData(Map.of("gateway_name", "kubeflow-gateway", "gateway_namespace", NS,
                "gateway_up", "true"));
        State active = ctx.run(Events.relationAppChanged(full), leader.withSecrets(waiting.secrets()).withRelation(full));
        assertEquals(Status.active(), active.unitStatus());
        assertEquals("kubeflow/kubeflow-gateway", active.container(SeldonCoreCharm.CONTAINER).planOrFail().services()
                .get(ManagerLayer.SERVICE).environment().get("ISTIO_GATEWAY"));

        State broken = ctx.run(Events.relationBroken(full), leader.withSecrets(waiting.secrets()));
        assertEquals(Status.active(), broken.unitStatus(), "not related: active without Istio");
    }

    @Test
    void removeDeletesWhatTheCharmCreatedOnlyWhenTheApplicationGoes() {
        State installed = ctx.run(Events.install(), leader);
        State withModel = ctx.run(Events.action("serve-model", Map.of("name", "iris",
                "model-uri", "gs://seldon-models/v1.17.1/sklearn/iris", "server", "SKLEARN_SERVER")),
                leader.withSecrets(installed.secrets()));
        assertEquals("created", withModel.actionResults().get("result"));
        cluster.admin.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
                .withName(Teardown.LEADER_ELECTION_ID).endMetadata().build()).create();

        ctx.run(Events.remove(), leader.withSecrets(installed.secrets()).withPlannedUnits(2));
        assertNotNull(webhook(), "a scale-down keeps everything");

        State removed = ctx.run(Events.remove(), leader.withSecrets(installed.secrets()).withPlannedUnits(0));
        assertEquals(Status.maintenance("removing served models and Seldon's Kubernetes objects"), removed.unitStatus());
        assertNull(webhook());
        assertNotNull(cluster.admin.apiextensions().v1().customResourceDefinitions().withName(OperatorObjects.CRD).get(),
                "users' SeldonDeployments live in the CRD: kept without purge-on-remove (InstallsTest)");
        assertNull(seldonConfig());
        assertNull(cluster.admin.rbac().clusterRoles().withName("seldon-manager-role-" + NS).get());
        assertNull(cluster.admin.services().inNamespace(NS).withName("seldon-webhook-service").get());
        assertNull(cluster.admin.configMaps().inNamespace(NS).withName(Teardown.LEADER_ELECTION_ID).get());
        assertTrue(cluster.admin.genericKubernetesResources(SELDON_DEPLOYMENTS).inNamespace(NS).list()
                .getItems().isEmpty(), "served models are deleted");
        assertNotNull(cluster.admin.services().inNamespace(NS).withName(APP).get(), "Juju's Service is Juju's to delete");
    }

    private static JsonNode json(String text) {
        return JsonMapper.builder().build().readTree(text);
    }
}
