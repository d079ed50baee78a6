package io.jcharm.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jcharm.core.Status;
import io.jcharm.core.StatusException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One object at a time, as actions do: apply, get, list and delete within a resource set. */
class SingleObjectTest {
    static final String SDEP = "machinelearning.seldon.io/v1";
    static final String PATH = "/apis/machinelearning.seldon.io/v1/namespaces/kubeflow/seldondeployments";
    static final ResourceDefinitionContext SDEPS = new ResourceDefinitionContext.Builder()
            .withGroup("machinelearning.seldon.io").withVersion("v1").withKind("SeldonDeployment")
            .withPlural("seldondeployments").withNamespaced(true).build();
    @TempDir
    Path tmp;
    MockApi api;
    Thread crdController;

    @BeforeEach
    void start() {
        api = new MockApi(tmp);
        crdController = Fixtures.establishCrds(api.admin(), Duration.ofSeconds(30));
        api.admin().apiextensions().v1().customResourceDefinitions()
                .resource(Fixtures.crd("machinelearning.seldon.io", "SeldonDeployment", "seldondeployments", "Namespaced"))
                .create();
    }

    @AfterEach
    void stop() {
        crdController.interrupt();
        api.close();
    }

    private Kubernetes kube(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(api.env());
        env.putAll(extraEnv);
        TestModel hook = new TestModel("seldon-core", "kubeflow", env);
        return Kubernetes.of(hook.model, KubeOptions.DEFAULT.withPollInterval(Duration.ofMillis(10))
                .withRetry(new RetryPolicy(2, Duration.ZERO, 1, Duration.ZERO)));
    }

    private static GenericKubernetesResource model(String name, int replicas) {
        return Fixtures.custom(SDEP, "SeldonDeployment", name, Map.of("replicas", replicas));
    }

    private GenericKubernetesResource live(String name) {
        return api.admin().genericKubernetesResources(SDEPS).inNamespace("kubeflow").withName(name).get();
    }

    private static ObjectRef ref(String name) {
        return new ObjectRef(SDEP, "SeldonDeployment", "", name);
    }

    @Test
    void applyOneLabelsAndPlacesTheObjectAndFollowsTheApplyMode() throws Exception {
        ManagedResources models = kube(Map.of()).resources("models");

        assertEquals(ApplyResult.Outcome.CREATED, models.applyOne(model("iris", 1)));
        assertEquals(ApplyResult.Outcome.UNCHANGED, models.applyOne(model("iris", 1)));
        assertEquals(ApplyResult.Outcome.UPDATED, models.applyOne(model("iris", 3)));

        GenericKubernetesResource iris = live("iris");
        assertTrue(models.labels().selects(iris.getMetadata().getLabels()), iris.getMetadata().getLabels().toString());
        assertEquals(3, ((Map<?, ?>) iris.getAdditionalProperties().get("spec")).get("replicas"));
        assertEquals(Optional.of("iris"), models.get(ref("iris")).map(g -> g.getMetadata().getName()));
        assertEquals(Optional.empty(), models.get(ref("absent")));
    }

    @Test
    void listShowsOnlyTheSetsObjectsAndDeleteOneLeavesOthersAlone() throws Exception {
        Kubernetes kube = kube(Map.of());
        kube.resources("models").applyOne(model("iris", 1));
        kube.resources("other").applyOne(model("theirs-too", 1));
        api.admin().genericKubernetesResources(SDEPS).inNamespace("kubeflow").resource(model("theirs", 1)).create();

        assertEquals(List.of("iris"), kube.resources("models").list(SDEP, "SeldonDeployment").stream()
                .map(g -> g.getMetadata().getName()).toList());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kube.resources("models").deleteOne(ref("theirs")));
        assertTrue(e.getMessage().startsWith("SeldonDeployment kubeflow/theirs is not part of resource set \"models\" of"
                + " seldon-core"), e.getMessage());
        assertNotNull(live("theirs"));
        assertTrue(kube.resources("models").deleteOne(ref("iris")));
        assertNull(live("iris"));
        assertFalse(kube.resources("models").deleteOne(ref("iris")), "already gone");
        assertNotNull(live("theirs-too"));
    }

    @Test
    void removeFindsWhatApplyOneMadeThroughTheInventory() throws Exception {
        Kubernetes kube = kube(Map.of());
        kube.resources("models").applyOne(model("a", 1));
        kube.resources("models").applyOne(model("b", 1));

        List<ObjectRef> removed = kube.resources("models").remove(List.of());

        assertEquals(List.of("a", "b"), removed.stream().map(ObjectRef::name).sorted().toList());
        assertNull(api.admin().configMaps().inNamespace("kubeflow").withName("jcharm-seldon-core-models").get());
    }

    @Test
    void aKindTheApiDoesNotServeWaitsForItsCrd() throws Exception {
        ManagedResources set = kube(Map.of()).resources("models");
        GenericKubernetesResource unknown = Fixtures.custom("example.com/v1", "Widget", "w", Map.of());

        StatusException e = assertThrows(StatusException.class, () -> set.applyOne(unknown));

        assertEquals(Status.waiting("no Kubernetes API for Widget (example.com/v1) yet: its CustomResourceDefinition must be"
                + " installed first"), e.status());
        assertEquals(List.of(), set.list("example.com/v1", "Widget"));
        assertEquals(Optional.empty(), set.get(new ObjectRef("example.com/v1", "Widget", "", "w")));
    }

    @Test
    void aRefusalSaysDeployWithTrust() {
        api.server.expect().post().withPath(PATH)
                .andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden").build()).always();

        StatusException e = assertThrows(StatusException.class, () -> kube(Map.of()).resources("models").applyOne(model("x", 1)));

        assertEquals(Status.blocked("Kubernetes API refused create SeldonDeployment: deploy with --trust"), e.status());
    }

    @Test
    void inAnActionAFailureSaysToRunTheActionAgain() {
        api.server.expect().get().withPath(PATH + "/x")
                .andReturn(503, new StatusBuilder().withCode(503).withMessage("unavailable").build()).always();
        Kubernetes kube = kube(Map.of("JUJU_ACTION_NAME", "serve-model"));

        KubernetesApiException e = assertThrows(KubernetesApiException.class,
                () -> kube.resources("models").applyOne(model("x", 1)));

        assertTrue(e.getMessage().endsWith("503 unavailable; the action fails; run it again once the API answers"),
                e.getMessage());
    }

    @Test
    void serverSideApplyIsAPatchOwnedByTheApplication() throws Exception {
        // The mock cannot do server-side apply; an expectation answers the PATCH instead.
        api.server.expect().patch().withPath("/api/v1/namespaces/kubeflow/configmaps/jcharm-seldon-core-models"
                + "?fieldManager=seldon-core").andReturn(200, Map.of("apiVersion", "v1", "kind", "ConfigMap")).once();
        api.server.expect().patch().withPath(PATH + "/iris?fieldManager=seldon-core")
                .andReturn(200, model("iris", 1)).once();
        Map<String, String> ssa = Map.of(ApplyMode.ENV, "server-side");

        assertEquals(ApplyResult.Outcome.APPLIED, kube(ssa).resources("models").applyOne(model("iris", 1)));

        assertTrue(api.requests().stream().anyMatch(r -> r.equals("PATCH " + PATH + "/iris?fieldManager=seldon-core")),
                "a server-side apply of the object");
    }
}
