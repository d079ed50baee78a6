package io.jcharm.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jcharm.core.StatusException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apply, prune and remove against fabric8's mock API server in CRUD mode.
 *
 * <p>The mock cannot do server-side apply (it answers an apply PATCH of a missing object with
 * 404 and has no field managers), so these tests select the create-or-replace mode explicitly
 * through JCHARM_KUBE_APPLY, as the local model does; {@link #serverSideApplyIsNotSilentlyReplaced}
 * shows that without that choice nothing falls back. The server-side wire format is covered
 * with expectations in {@link ApiErrorsTest}.
 */
class ManagedResourcesTest {
    @TempDir
    Path tmp;
    MockApi api;
    TestModel hook;
    Thread crdController;

    @BeforeEach
    void start() {
        api = new MockApi(tmp);
        hook = new TestModel("seldon-core", "kubeflow", api.env());
        crdController = Fixtures.establishCrds(api.admin(), Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        crdController.interrupt();
        api.close();
    }

    Kubernetes kube() {
        return Kubernetes.of(hook.model, KubeOptions.DEFAULT.withPollInterval(Duration.ofMillis(10)));
    }

    @Test
    void appliesInKindOrderWithLabelsAndNamespace() throws Exception {
        ApplyResult r = kube().resources("control-plane").apply(Fixtures.everyTierShuffled());

        assertEquals(18, r.count(ApplyResult.Outcome.CREATED));
        List<String> creates = api.requests().stream().filter(x -> x.startsWith("POST ")).map(x -> x.substring(5)).toList();
        assertEquals(List.of(
                "/api/v1/namespaces/kubeflow/configmaps", // the set's inventory, before anything else
                "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
                "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
                "/api/v1/namespaces",
                "/api/v1/namespaces/kubeflow/serviceaccounts",
                "/apis/rbac.authorization.k8s.io/v1/clusterroles",
                "/apis/rbac.authorization.k8s.io/v1/namespaces/kubeflow/roles",
                "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
                "/apis/rbac.authorization.k8s.io/v1/namespaces/kubeflow/rolebindings",
                "/api/v1/namespaces/kubeflow/configmaps",
                "/api/v1/namespaces/kubeflow/secrets",
                "/api/v1/namespaces/kubeflow/services",
                "/apis/apps/v1/namespaces/kubeflow/deployments",
                "/apis/apps/v1/namespaces/kubeflow/statefulsets",
                "/apis/apps/v1/namespaces/kubeflow/daemonsets",
                "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations",
                "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations",
                "/apis/networking.istio.io/v1/namespaces/kubeflow/gateways",
                "/apis/machinelearning.seldon.io/v1/namespaces/kubeflow/seldondeployments"), creates);

        KubernetesClient admin = api.admin();
        Deployment web = admin.apps().deployments().inNamespace("kubeflow").withName("web").get();
        assertEquals(Map.of("app.kubernetes.io/name", "seldon-core", "app.kubernetes.io/managed-by", "jcharm",
                "app.juju.is/created-by", "seldon-core", "jcharm.io/model", "kubeflow",
                "jcharm.io/resource-set", "control-plane"), web.getMetadata().getLabels());
        ClusterRole cr = admin.rbac().clusterRoles().withName("cr").get();
        assertNull(cr.getMetadata().getNamespace(), "cluster-scoped objects get no namespace");
        assertEquals("control-plane", cr.getMetadata().getLabels().get("jcharm.io/resource-set"));
        GenericKubernetesResource sd = admin.genericKubernetesResources("machinelearning.seldon.io/v1", "SeldonDeployment")
                .inNamespace("kubeflow").withName("model").get();
        assertEquals("seldon-core", sd.getMetadata().getLabels().get("app.juju.is/created-by"));
    }

    @Test
    void theCallersObjectsAreNotChanged() throws Exception {
        ConfigMap mine = new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build();
        kube().resources("s").apply(List.of(mine));
        assertTrue(mine.getMetadata().getLabels() == null || mine.getMetadata().getLabels().isEmpty());
        assertNull(mine.getMetadata().getNamespace());
    }

    @Test
    void applyingTheSameSetTwiceChangesNothing() throws Exception {
        ManagedResources set = kube().resources("control-plane");
        set.apply(Fixtures.everyTierShuffled());
        Map<String, String> versions = resourceVersions();
        api.requests();

        ApplyResult again = set.apply(Fixtures.everyTierShuffled());

        assertEquals(18, again.count(ApplyResult.Outcome.UNCHANGED));
        assertEquals(List.of(), again.pruned());
        assertEquals(List.of(), api.writes(), "a second identical apply writes nothing");
        assertEquals(versions, resourceVersions(), "no resourceVersion moved");
    }

    @Test
    void aChangedFieldIsUpdatedAndServerFieldsSurvive() throws Exception {
        ManagedResources set = kube().resources("cfg");
        set.apply(List.of(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().addToData("a", "1").build()));
        api.admin().configMaps().inNamespace("kubeflow").withName("c")
                .edit(c -> { c.getMetadata().getAnnotations(); c.getMetadata().setAnnotations(Map.of("someone", "else")); return c; });

        ApplyResult r = set.apply(List.of(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata()
                .addToData("a", "2").build()));

        assertEquals(ApplyResult.Outcome.UPDATED, r.applied().values().iterator().next());
        ConfigMap live = api.admin().configMaps().inNamespace("kubeflow").withName("c").get();
        assertEquals("2", live.getData().get("a"));
        assertEquals("else", live.getMetadata().getAnnotations().get("someone"), "fields we do not state are kept");
    }

    @Test
    void prunesWhatIsOursButNoLongerDesired() throws Exception {
        ManagedResources set = kube().resources("control-plane");
        set.apply(Fixtures.everyTierShuffled());
        // Another set of the same app and another app's set with the same name: never pruned.
        kube().resources("routes").apply(List.of(cm("route-1")));
        TestModel other = new TestModel("istio-pilot", "kubeflow", api.env());
        Kubernetes.of(other.model).resources("control-plane").apply(List.of(cm("istio-config")));
        api.requests();

        List<HasMetadata> fewer = new ArrayList<>(Fixtures.everyTierShuffled());
        fewer.removeIf(o -> o.getKind().equals("Deployment") || o.getKind().equals("SeldonDeployment")
                || o.getKind().equals("ClusterRole"));
        ApplyResult r = set.apply(fewer);

        assertEquals(List.of("SeldonDeployment kubeflow/model", "Deployment kubeflow/web", "ClusterRole cr"),
                r.pruned().stream().map(ObjectRef::toString).toList(), "pruned in reverse kind order");
        assertNull(api.admin().apps().deployments().inNamespace("kubeflow").withName("web").get());
        assertNull(api.admin().rbac().clusterRoles().withName("cr").get());
        assertNotNull(api.admin().configMaps().inNamespace("kubeflow").withName("route-1").get());
        assertNotNull(api.admin().configMaps().inNamespace("kubeflow").withName("istio-config").get());
        assertNotNull(api.admin().configMaps().inNamespace("kubeflow").withName("settings").get());
    }

    @Test
    void aKindDroppedEntirelyIsStillPruned() throws Exception {
        ManagedResources set = kube().resources("s");
        set.apply(List.of(cm("keep"), new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                .withName("old").endMetadata().build()));

        ApplyResult r = set.apply(List.of(cm("keep")));

        assertEquals(List.of("Secret kubeflow/old"), r.pruned().stream().map(ObjectRef::toString).toList());
        assertNull(api.admin().secrets().inNamespace("kubeflow").withName("old").get());
    }

    @Test
    void removeDeletesInReverseKindOrder() throws Exception {
        ManagedResources set = kube().resources("control-plane");
        set.apply(Fixtures.everyTierShuffled());
        api.requests();

        List<ObjectRef> removed = set.remove(List.of());

        assertEquals(18, removed.size());
        List<KindOrder.Tier> tiers = removed.stream().map(KindOrder::tier).toList();
        for (int i = 1; i < tiers.size(); i++) {
            assertTrue(tiers.get(i - 1).compareTo(tiers.get(i)) >= 0, "reverse order: " + removed);
        }
        assertEquals(KindOrder.Tier.CUSTOM_RESOURCES, tiers.get(0));
        assertEquals(KindOrder.Tier.CUSTOM_RESOURCE_DEFINITIONS, tiers.get(tiers.size() - 1));
        List<String> deletes = api.requests().stream().filter(x -> x.startsWith("DELETE ")).toList();
        assertEquals(19, deletes.size(), "18 objects and the inventory: " + deletes);
        assertTrue(deletes.get(deletes.size() - 1).endsWith("/configmaps/jcharm-seldon-core-control-plane"));
        assertNull(api.admin().rbac().clusterRoleBindings().withName("crb").get());
        assertEquals(0, api.admin().apiextensions().v1().customResourceDefinitions().list().getItems().size());
    }

    @Test
    void waitsUntilCrdsAreEstablishedBeforeCustomResources() throws Exception {
        crdController.interrupt();
        crdController.join(5000);
        var crd = Fixtures.crd("example.jcharm.io", "Widget", "widgets", "Namespaced");
        var widget = Fixtures.custom("example.jcharm.io/v1", "Widget", "w", Map.of("size", 3));
        Thread late = new Thread(() -> {
            // The "controller" marks the CRD Established only after a few polls have seen it not so.
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < end) {
                var live = api.admin().apiextensions().v1().customResourceDefinitions().withName("widgets.example.jcharm.io").get();
                if (live != null) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                    Fixtures.establishCrds(api.admin(), Duration.ofSeconds(5));
                    return;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        late.start();

        kube().resources("w").apply(List.of(widget, crd));

        late.join(5000);
        List<String> reqs = api.requests();
        int crdPolls = (int) reqs.stream().filter(x -> x.equals("GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.jcharm.io")).count();
        assertTrue(crdPolls >= 2, "polled until Established: " + reqs);
        int created = reqs.indexOf("POST /apis/example.jcharm.io/v1/namespaces/kubeflow/widgets");
        assertTrue(created > reqs.lastIndexOf("GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.jcharm.io"));
    }

    @Test
    void theCrdWaitIsBounded() {
        crdController.interrupt();
        Kubernetes k = Kubernetes.of(hook.model, KubeOptions.DEFAULT.withCrdTimeout(Duration.ofMillis(200))
                .withPollInterval(Duration.ofMillis(20)));
        var crd = Fixtures.crd("example.jcharm.io", "Gadget", "gadgets", "Cluster");

        KubernetesApiException e = assertThrows(KubernetesApiException.class, () -> k.resources("g").apply(List.of(crd)));

        assertTrue(e.getMessage().contains("CustomResourceDefinition gadgets.example.jcharm.io is not Established after 200 ms"),
                e.getMessage());
        assertEquals(1, hook.logs("ERROR").size(), hook.logs.toString());
    }

    @Test
    void aCustomResourceWithoutItsCrdWaits() {
        var orphan = Fixtures.custom("unknown.jcharm.io/v1", "Thing", "t", Map.of());

        StatusException e = assertThrows(StatusException.class, () -> kube().resources("t").apply(List.of(orphan)));

        assertEquals("waiting", e.status().name());
        assertTrue(e.status().message().contains("Thing (unknown.jcharm.io/v1)"), e.status().message());
    }

    @Test
    void aDuplicateObjectIsACharmBug() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kube().resources("d").apply(List.of(cm("x"), cm("x"))));
        assertTrue(e.getMessage().contains("lists ConfigMap kubeflow/x twice"), e.getMessage());
    }

    @Test
    void serverSideApplyIsNotSilentlyReplaced() {
        // Without JCHARM_KUBE_APPLY the mode is server-side; the mock cannot do it, and the
        // library must fail loudly rather than switch to create-or-replace by itself.
        TestModel plain = new TestModel("seldon-core", "kubeflow", Map.of("KUBECONFIG", api.kubeconfig.toString()));
        Kubernetes k = Kubernetes.of(plain.model, KubeOptions.DEFAULT.withRetry(new RetryPolicy(1, Duration.ZERO, 1, Duration.ZERO)));
        assertEquals(ApplyMode.SERVER_SIDE, k.applyMode());

        KubernetesApiException e = assertThrows(KubernetesApiException.class, () -> k.resources("s").apply(List.of(cm("x"))));

        assertTrue(api.requests().stream().anyMatch(r -> r.startsWith("PATCH ") && r.contains("fieldManager=seldon-core")));
        assertEquals(404, e.code(), "the mock answers an apply PATCH of a new object with 404");
        assertTrue(api.requests().stream().noneMatch(r -> r.startsWith("POST ")));
    }

    // What debug-log gets: one DEBUG line for the connection, and an INFO line per resource set
    // only when it changed the cluster, naming every object created, updated or pruned (each
    // juju-log line is a hook-tool process, so an apply that changed nothing says nothing).

    @Test
    void oneDebugLineForTheConnectionSayingServerSideApplyIsOff() throws Exception {
        Kubernetes kube = kube();
        kube.resources("a").apply(List.of(cm("a", "1")));
        kube.resources("b").apply(List.of(cm("b", "1")));

        List<String> connection = hook.logs.stream().filter(l -> l.contains("kubernetes: ")).toList();
        assertEquals(List.of("DEBUG kubernetes: kubeconfig " + api.env().get("KUBECONFIG") + ", namespace kubeflow, apply mode"
                + " create-or-replace (JCHARM_KUBE_APPLY; server-side apply is off)"), connection);
    }

    @Test
    void anUnchangedSetLogsNothingAndEveryChangeIsNamed() throws Exception {
        Kubernetes kube = kube();
        ManagedResources set = kube.resources("store");
        set.apply(List.of(cm("a", "1"), cm("b", "1")));
        assertEquals(List.of("INFO kubernetes[store]: 2 created, 0 pruned (created ConfigMap kubeflow/a, ConfigMap kubeflow/b)"),
                hook.logs("INFO"));

        hook.logs.clear();
        set.apply(List.of(cm("a", "1"), cm("b", "1")));
        assertEquals(List.of(), hook.logs, "nothing changed: not a line (each is a juju-log process)");

        set.apply(List.of(cm("a", "2"), cm("c", "1")));
        assertEquals(List.of("INFO kubernetes[store]: 1 created, 1 updated, 1 pruned (created ConfigMap kubeflow/c;"
                + " updated ConfigMap kubeflow/a; pruned ConfigMap kubeflow/b)"), hook.logs);

        hook.logs.clear();
        set.apply(List.of());
        assertEquals(List.of("INFO kubernetes[store]: nothing desired, 2 pruned (pruned ConfigMap kubeflow/a, ConfigMap kubeflow/c)"),
                hook.logs);
        hook.logs.clear();
        set.apply(List.of());
        assertEquals(List.of(), hook.logs, "nothing desired and nothing left to prune: silent");
    }

    @Test
    void applyOneLogsOnlyWhatChanged() throws Exception {
        ManagedResources set = kube().resources("models");
        set.applyOne(cm("iris", "1"));
        set.applyOne(cm("iris", "1"));
        set.applyOne(cm("iris", "2"));
        assertEquals(List.of("INFO kubernetes[models]: ConfigMap kubeflow/iris created",
                "INFO kubernetes[models]: ConfigMap kubeflow/iris updated"), hook.logs("INFO"));
    }

    @Test
    void serverSideApplyCountsAsAChangeSinceOnlyTheServerKnows() {
        ObjectRef a = new ObjectRef("v1", "ConfigMap", "kubeflow", "a");
        Map<ObjectRef, ApplyResult.Outcome> applied = new LinkedHashMap<>();
        applied.put(a, ApplyResult.Outcome.APPLIED);
        ApplyResult ssa = new ApplyResult(applied, List.of());
        assertTrue(ssa.changed());
        assertEquals("", ssa.changes(), "every desired object is applied: not listed");

        applied.put(a, ApplyResult.Outcome.UNCHANGED);
        assertFalse(new ApplyResult(applied, List.of()).changed());
        assertTrue(new ApplyResult(applied, List.of(a)).changed(), "a prune is a change");
    }

    private static ConfigMap cm(String name) {
        return cm(name, name);
    }

    private static ConfigMap cm(String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("k", value).build();
    }

    private Map<String, String> resourceVersions() {
        Map<String, String> out = new java.util.TreeMap<>();
        KubernetesClient admin = api.admin();
        for (HasMetadata o : Fixtures.everyTierShuffled()) {
            var ctx = new Discovery(admin, new ApiCalls(RetryPolicy.DEFAULT, Sleeper.REAL, hook.model.log(), "t"))
                    .context(o.getApiVersion(), o.getKind()).orElseThrow();
            var ops = admin.genericKubernetesResources(ctx);
            GenericKubernetesResource live = ctx.isNamespaceScoped()
                    ? ops.inNamespace("kubeflow").withName(o.getMetadata().getName()).get()
                    : ops.withName(o.getMetadata().getName()).get();
            out.put(o.getKind() + "/" + o.getMetadata().getName(), live.getMetadata().getResourceVersion());
        }
        return out;
    }
}
