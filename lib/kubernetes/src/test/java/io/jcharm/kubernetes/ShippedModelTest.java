package io.jcharm.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fabric8 model jars charms ship are a chosen subset (see this module's pom): the test class
 * path is the same subset, so every test here and in the charms runs on what ships. This test
 * pins the subset and walks the paths a charm takes through the client with it.
 */
class ShippedModelTest {
    /** One class of each dropped model jar. */
    static final List<String> DROPPED = List.of(
            "io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute",
            "io.fabric8.kubernetes.api.model.resource.v1beta1.ResourceClaim",
            "io.fabric8.kubernetes.api.model.flowcontrol.v1.FlowSchema",
            "io.fabric8.kubernetes.api.model.storage.StorageClass",
            "io.fabric8.kubernetes.api.model.node.v1.RuntimeClass",
            "io.fabric8.kubernetes.api.model.events.v1.Event",
            "io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics",
            "io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice",
            "io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget",
            "io.fabric8.kubernetes.api.model.networking.v1.Ingress");
    /** One class of each kept model jar. */
    static final List<String> KEPT = List.of(
            "io.fabric8.kubernetes.api.model.ConfigMap",
            "io.fabric8.kubernetes.api.model.apps.Deployment",
            "io.fabric8.kubernetes.api.model.rbac.ClusterRole",
            "io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition",
            "io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration",
            "io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler",
            "io.fabric8.kubernetes.api.model.coordination.v1.Lease",
            "io.fabric8.kubernetes.api.model.batch.v1.Job",
            "io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass",
            "io.fabric8.kubernetes.api.model.extensions.Deployment",
            "io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest");

    @TempDir
    Path tmp;
    MockApi api;
    TestModel hook;

    @BeforeEach
    void start() {
        api = new MockApi(tmp);
        hook = new TestModel("istio", "kubeflow", api.env());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void onlyTheChosenModelJarsAreOnTheClassPath() {
        ClassLoader cl = getClass().getClassLoader();
        for (String name : DROPPED) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name, false, cl), name + " must not ship");
        }
        for (String name : KEPT) {
            assertNotNull(assertDoesNotThrowClass(name, cl), name);
        }
    }

    @Test
    void theClientBuildsAndServesEveryApiGroupChartsUse() {
        try (Kubernetes kube = Kubernetes.of(hook.model)) {
            // Building the client registers fabric8's default handlers: that is where a missing
            // jar it names (batch, extensions, certificates) would fail with NoClassDefFoundError.
            KubernetesClient c = kube.client();
            assertEquals(List.of(), c.configMaps().inNamespace("kubeflow").list().getItems());
            assertEquals(List.of(), c.apps().deployments().inNamespace("kubeflow").list().getItems());
            assertEquals(List.of(), c.rbac().clusterRoles().list().getItems());
            assertEquals(List.of(), c.apiextensions().v1().customResourceDefinitions().list().getItems());
            assertEquals(List.of(), c.admissionRegistration().v1().validatingWebhookConfigurations().list().getItems());
            assertEquals(List.of(), c.autoscaling().v2().horizontalPodAutoscalers().inNamespace("kubeflow").list().getItems());
            assertEquals(List.of(), c.leases().inNamespace("kubeflow").list().getItems());
            assertEquals(List.of(), c.batch().v1().jobs().inNamespace("kubeflow").list().getItems());
            assertNotNull(c.getKubernetesSerialization().unmarshal("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"}"));
        }
    }

    @Test
    void kindsOfDroppedGroupsAreGenericAndAppliedThroughDiscovery() throws Exception {
        List<HasMetadata> objects = Manifest.parse("dropped.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: web}
                spec:
                  rules:
                  - http:
                      paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: nginx}]}
                """).image("web", "nginx:1.27").objects();
        assertInstanceOf(GenericKubernetesResource.class, objects.get(0));
        assertEquals("nginx:1.27", ((Deployment) objects.get(1)).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getImage());
        // A real API server lists its groups; the mock only knows CRDs, so it is told this one.
        api.server.expect().get().withPath("/apis/networking.k8s.io/v1").andReturn(200, new APIResourceListBuilder()
                .withGroupVersion("networking.k8s.io/v1").addToResources(new APIResourceBuilder().withKind("Ingress")
                        .withName("ingresses").withNamespaced(true).withSingularName("ingress").withVerbs("create", "get",
                                "list", "update", "delete").build()).build()).always();

        try (Kubernetes kube = Kubernetes.of(hook.model)) {
            ApplyResult r = kube.resources("web").apply(objects);
            assertEquals(2, r.count(ApplyResult.Outcome.CREATED));
            GenericKubernetesResource ingress = kube.resources("web").get(new ObjectRef("networking.k8s.io/v1", "Ingress",
                    "", "web")).orElseThrow();
            assertEquals("web", ingress.getMetadata().getLabels().get(ResourceLabels.RESOURCE_SET));
            assertEquals(((GenericKubernetesResource) objects.get(0)).getAdditionalProperties().get("spec"),
                    ingress.getAdditionalProperties().get("spec"));
            assertEquals(2, kube.resources("web").remove(List.of()).size());
        }
    }

    private static Class<?> assertDoesNotThrowClass(String name, ClassLoader cl) {
        try {
            return Class.forName(name, false, cl);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name + " must ship: charms or fabric8's client need it", e);
        }
    }
}
