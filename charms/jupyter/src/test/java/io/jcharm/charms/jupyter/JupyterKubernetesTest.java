package io.jcharm.charms.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jcharm.core.Status;
import io.jcharm.kubernetes.KubeOptions;
import io.jcharm.kubernetes.RetryPolicy;
import io.jcharm.kubernetes.certs.WebhookCerts;
import io.jcharm.kubernetes.testing.MockCluster;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leader against fabric8's mock API server (CRUD): the objects it keeps, the PodDefaults, statuses. */
class JupyterKubernetesTest {
    static final ResourceDefinitionContext POD_DEFAULTS = new ResourceDefinitionContext.Builder()
            .withGroup("kubeflow.org").withVersion("v1alpha1").withKind("PodDefault").withPlural("poddefaults")
            .withNamespaced(true).build();
    static final String NS = "kubeflow";

    /** A user's PodDefault ({@code users-gpu-env} in {@link #NS}), made as a user would, through the admin client. */
    static void createUsersPodDefault(MockCluster cluster) {
        GenericKubernetesResource pd = new GenericKubernetesResource();
        pd.setApiVersion("kubeflow.org/v1alpha1");
        pd.setKind("PodDefault");
        pd.setMetadata(new ObjectMetaBuilder().withName("users-gpu-env").withNamespace(NS).build());
        pd.setAdditionalProperty("spec", Map.of("desc", "a user's", "selector", Map.of("matchLabels", Map.of("gpu-env", "true"))));
        cluster.admin.genericKubernetesResources(POD_DEFAULTS).inNamespace(NS).resource(pd).create();
    }
    static final String APP = "jupyter";
    static final String S3_SECRET = "s3-secret-key-that-must-not-leak";
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
        ctx = Context.of(() -> new JupyterCharm(FAST));
        leader = State.empty().withLeader(true).withModel(NS, "5f1c7e2a-0000-4000-8000-00000000002a")
                .withEnvironment(cluster.env())
                .withContainer(ContainerState.reachable(Layers.CONTROLLER))
                .withContainer(ContainerState.reachable(Layers.UI))
                .withContainer(ContainerState.reachable(Layers.WEBHOOK));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    static RelationState gateway() {
        return RelationState.of("gateway-info", "istio").withRemoteAppData(Map.of(
                "gateway_name", "kubeflow-gateway", "gateway_namespace", "istio-system", "gateway_up", "true"));
    }

    private GenericKubernetesResource podDefault(String ns, String name) {
        return cluster.admin.genericKubernetesResources(POD_DEFAULTS).inNamespace(ns).withName(name).get();
    }

    @Test
    void theLeaderAppliesCrdsRbacAndTheWebhookAndSaysTheUiIsOpen() {
        State out = ctx.run(Events.pebbleReady(Layers.CONTROLLER), leader);

        assertEquals(Status.active(GatewayAuth.NO_GATEWAY), out.unitStatus());
        for (String crd : List.of(PlatformObjects.NOTEBOOK_CRD, PlatformObjects.PODDEFAULT_CRD)) {
            assertNotNull(cluster.admin.apiextensions().v1().customResourceDefinitions().withName(crd).get(), crd);
        }
        assertEquals(List.of("v1", "v1alpha1", "v1beta1"), cluster.admin.apiextensions().v1().customResourceDefinitions()
                .withName(PlatformObjects.NOTEBOOK_CRD).get().getSpec().getVersions().stream().map(v -> v.getName()).toList());
        ClusterRoleBinding controller = cluster.admin.rbac().clusterRoleBindings().withName("jupyter-controller-" + NS).get();
        assertEquals("jupyter-controller-" + NS, controller.getRoleRef().getName());
        assertEquals(APP, controller.getSubjects().get(0).getName());
        assertEquals(NS, controller.getSubjects().get(0).getNamespace());
        Role ui = cluster.admin.rbac().roles().inNamespace(NS).withName("jupyter-ui").get();
        assertTrue(ui.getRules().get(0).getResources().contains("poddefaults"));
        assertNotNull(cluster.admin.rbac().roles().inNamespace(NS).withName("poddefaults-webhook").get());
        assertNotNull(cluster.admin.serviceAccounts().inNamespace(NS).withName("default-editor").get());

        Service svc = cluster.admin.services().inNamespace(NS).withName("jupyter-poddefaults-webhook").get();
        assertEquals(4443, svc.getSpec().getPorts().get(0).getTargetPort().getIntVal());
        assertEquals(Map.of("app.kubernetes.io/name", APP), svc.getSpec().getSelector());
        MutatingWebhook hook = cluster.admin.admissionRegistration().v1().mutatingWebhookConfigurations()
                .withName("jupyter-poddefaults-" + NS).get().getWebhooks().get(0);
        assertEquals("/apply-poddefault", hook.getClientConfig().getService().getPath());
        assertEquals(Map.of("kubernetes.io/metadata.name", NS), hook.getNamespaceSelector().getMatchLabels());
        assertEquals("notebook-name", hook.getObjectSelector().getMatchExpressions().get(0).getKey());
        String ca = new String(Base64.getDecoder().decode(hook.getClientConfig().getCaBundle()), StandardCharsets.US_ASCII);
        assertEquals(out.secretByLabel(WebhookCerts.LABEL).orElseThrow().content().get("ca-crt"), ca);

        assertEquals(List.of("http:5000", "metrics:8080"), cluster.admin.services().inNamespace(NS).withName(APP).get()
                .getSpec().getPorts().stream().map(p -> p.getName() + ":" + p.getPort()).toList());
        assertNull(podDefault(NS, AccessObjects.MLFLOW), "nothing to give without relations");
    }

    @Test
    void behindAGatewayWithoutAuthTheUnitSaysAnyoneCanReachIt() {
        State open = ctx.run(Events.relationAppChanged(gateway()), leader.withRelation(gateway()));
        assertEquals(Status.active("UI and notebooks open to anyone reaching gateway istio-system/kubeflow-gateway:"
                + " relate istio ingress-auth to an auth provider (see README)"), open.unitStatus());

        GenericKubernetesResource filter = new GenericKubernetesResource();
        filter.setApiVersion("networking.istio.io/v1alpha3");
        filter.setKind("EnvoyFilter");
        filter.setMetadata(new ObjectMetaBuilder().withName("istio-authn-filter").withNamespace("istio-system").build());
        filter.setAdditionalProperty("spec", Map.of("configPatches", List.of(Map.of("patch", Map.of("value", Map.of(
                "name", "envoy.filters.http.ext_authz"))))));
        cluster.admin.genericKubernetesResources(GatewayAuth.ENVOY_FILTERS).inNamespace("istio-system").resource(filter).create();
        State closed = ctx.run(Events.updateStatus(), leader.withRelation(gateway()).withSecrets(open.secrets()));
        assertEquals(Status.active(), closed.unitStatus());
    }

    @Test
    void mlflowAndObjectStorageGiveNotebooksAPodDefaultReadingTheCredentialsFromASecret() {
        SecretState granted = SecretState.granted(Map.of("access-key", "minio", "secret-key", S3_SECRET));
        RelationState mlflow = RelationState.of("mlflow", "mlflow-server").withRemoteAppData(Map.of("version", "1",
                "tracking-uri", "http://mlflow-server.kubeflow.svc.cluster.local:5000", "artifact-root", "s3://mlflow/",
                "s3-endpoint", "http://minio.kubeflow:9000", "s3-credentials-secret", granted.id()));
        State out = ctx.run(Events.relationAppChanged(mlflow), leader.withRelation(mlflow).withSecret(granted));

        assertEquals("active", out.unitStatus().name(), out.unitStatus().toString());
        GenericKubernetesResource pd = podDefault(NS, AccessObjects.MLFLOW);
        assertNotNull(pd);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) pd.getAdditionalProperties().get("spec");
        assertEquals(Map.of("matchLabels", Map.of("access-mlflow", "true")), spec.get("selector"));
        assertEquals(List.of(
                Map.of("name", "MLFLOW_TRACKING_URI", "value", "http://mlflow-server.kubeflow.svc.cluster.local:5000"),
                Map.of("name", "MLFLOW_S3_ENDPOINT_URL", "value", "http://minio.kubeflow:9000"),
                Map.of("name", "AWS_ACCESS_KEY_ID", "valueFrom", Map.of("secretKeyRef",
                        Map.of("name", "jupyter-s3-credentials", "key", "AWS_ACCESS_KEY_ID"))),
                Map.of("name", "AWS_SECRET_ACCESS_KEY", "valueFrom", Map.of("secretKeyRef",
                        Map.of("name", "jupyter-s3-credentials", "key", "AWS_SECRET_ACCESS_KEY")))), spec.get("env"));
        assertFalse(pd.toString().contains(S3_SECRET), "no literal secret in the PodDefault");
        Secret s = cluster.admin.secrets().inNamespace(NS).withName("jupyter-s3-credentials").get();
        String stored = s.getData() != null && s.getData().containsKey("AWS_SECRET_ACCESS_KEY")
                ? new String(Base64.getDecoder().decode(s.getData().get("AWS_SECRET_ACCESS_KEY")), StandardCharsets.UTF_8)
                : s.getStringData().get("AWS_SECRET_ACCESS_KEY");
        assertEquals(S3_SECRET, stored);
        assertNoLeak(out);

        // object-storage, when related, is the S3 notebooks get (here another MinIO).
        RelationState minio = RelationState.of("object-storage", "minio").withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n", "data", "access-key: other\nnamespace: store\nport: 9000\nsecret-key: "
                        + S3_SECRET + "-2\nsecure: false\nservice: minio\n"));
        State both = ctx.run(Events.relationAppChanged(minio), leader.withRelation(mlflow).withRelation(minio)
                .withSecret(granted).withSecrets(List.of(granted, out.secretByLabel(WebhookCerts.LABEL).orElseThrow())));
        assertEquals("active", both.unitStatus().name(), both.unitStatus().toString());
        assertTrue(podDefault(NS, AccessObjects.MLFLOW).toString().contains("http://minio.store:9000"));
        assertNoLeak(both);
    }

    @Test
    void aRelatedProviderWithoutDataIsAWait() {
        RelationState mlflow = RelationState.of("mlflow", "mlflow-server");
        State out = ctx.run(Events.relationCreated(mlflow), leader.withRelation(mlflow));
        assertEquals(Status.waiting("[notebook-access-relations] waiting for the tracking endpoint from mlflow-server"),
                out.unitStatus());
        RelationState kfp = RelationState.of("kfp-api", "kfp-api");
        // SDI's own words while the provider has not even listed its versions.
        assertEquals(Status.waiting("[notebook-access-relations] List of kfp-api versions not found for apps: kfp-api"),
                ctx.run(Events.relationCreated(kfp), leader.withRelation(kfp)).unitStatus());
    }

    @Test
    void kfpApiGivesTheEndpointAndAProjectedServiceAccountToken() {
        RelationState kfp = RelationState.of("kfp-api", "kfp-api").withRemoteAppData(Map.of("_supported_versions", "- v1\n",
                "data", "service-name: kfp-api.kubeflow\nservice-port: '8888'\n"));
        State out = ctx.run(Events.relationAppChanged(kfp), leader.withRelation(kfp));
        assertEquals("active", out.unitStatus().name(), out.unitStatus().toString());
        String pd = podDefault(NS, AccessObjects.PIPELINES).getAdditionalProperties().get("spec").toString();
        assertTrue(pd.contains("{name=KF_PIPELINES_ENDPOINT, value=http://kfp-api.kubeflow:8888}"), pd);
        assertTrue(pd.contains("audience=pipelines.kubeflow.org"), pd);
        assertTrue(pd.contains("mountPath=/var/run/secrets/kubeflow/pipelines"), pd);
    }

    @Test
    void anotherNamespaceHoldsTheNotebooksRolesAndPodDefaults() {
        cluster.admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build())
                .create();
        RelationState kfp = RelationState.of("kfp-api", "kfp-api").withRemoteAppData(Map.of("_supported_versions", "- v1\n",
                "data", "service-name: kfp-api.kubeflow\nservice-port: '8888'\n"));
        State out = ctx.run(Events.configChanged(), leader.withRelation(kfp).withConfig(Map.of("namespace", "team-a")));
        assertEquals("active", out.unitStatus().name(), out.unitStatus().toString());
        assertNotNull(cluster.admin.rbac().roles().inNamespace("team-a").withName("jupyter-ui").get());
        assertNotNull(cluster.admin.rbac().roles().inNamespace(NS).withName("jupyter-controller-leader-election").get());
        assertNotNull(podDefault("team-a", AccessObjects.PIPELINES));
        assertEquals(Map.of("kubernetes.io/metadata.name", "team-a"), cluster.admin.admissionRegistration().v1()
                .mutatingWebhookConfigurations().withName("jupyter-poddefaults-" + NS).get().getWebhooks().get(0)
                .getNamespaceSelector().getMatchLabels());
    }

    @Test
    void ingressDashboardLinksAndMetricsAreCharmedKubeflowsShapes() {
        RelationState ingress = RelationState.of("ingress", "istio-pilot").withRemoteAppData(Map.of("_supported_versions",
                "- v1\n- v2\n"));
        RelationState links = RelationState.of("dashboard-links", "kubeflow-dashboard");
        RelationState metrics = RelationState.of("metrics-endpoint", "prometheus");
        State out = ctx.run(Events.relationAppChanged(ingress), leader.withRelation(ingress).withRelation(links)
                .withRelation(metrics));
        Map<String, String> mine = out.relation("ingress").localAppData();
        assertEquals("- v1\n", mine.get("_supported_versions"));
        assertEquals("port: 5000\nprefix: /jupyter/\nrewrite: /\nservice: jupyter\n", mine.get("data"));
        assertEquals("[{\"text\":\"Notebooks\",\"link\":\"/jupyter/\",\"location\":\"menu\",\"icon\":\"book\","
                + "\"type\":\"item\",\"desc\":\"\"}]", out.relation("dashboard-links").localAppData().get("dashboard_links"));
        assertTrue(out.relation("metrics-endpoint").localAppData().get("scrape_jobs").contains("*:8080"));
    }

    @Test
    void removeDeletesTheObjectsOnlyWhenTheApplicationGoes() {
        State installed = ctx.run(Events.install(), leader);
        ctx.run(Events.remove(), leader.withSecrets(installed.secrets()).withPlannedUnits(2));
        assertNotNull(cluster.admin.apiextensions().v1().customResourceDefinitions().withName(PlatformObjects.NOTEBOOK_CRD).get());
        State removed = ctx.run(Events.remove(), leader.withSecrets(installed.secrets()).withPlannedUnits(0));
        assertEquals(Status.maintenance("removing notebooks' Kubernetes objects (workspace volumes stay)"), removed.unitStatus());
        assertNull(cluster.admin.apiextensions().v1().customResourceDefinitions().withName(PlatformObjects.NOTEBOOK_CRD).get());
        assertNull(cluster.admin.admissionRegistration().v1().mutatingWebhookConfigurations()
                .withName("jupyter-poddefaults-" + NS).get());
    }

    private static void assertNoLeak(State out) {
        String everything = String.join("\n", out.logs()) + out.unitStatus() + out.appStatus();
        assertFalse(everything.contains(S3_SECRET), "the S3 secret key is in a log or status");
        for (String c : List.of(Layers.CONTROLLER, Layers.UI, Layers.WEBHOOK)) {
            io.jcharm.pebble.layer.Service svc = JupyterCharmTest.service(out, c);
            assertFalse(svc.command().contains(S3_SECRET) || svc.environment().toString().contains(S3_SECRET), c);
        }
    }
}
