package io.jcharm.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.jcharm.core.Component;
import io.jcharm.core.Components;
import io.jcharm.core.Gates;
import io.jcharm.core.Inputs;
import io.jcharm.core.Reconciler;
import io.jcharm.core.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourcesComponentTest {
    @TempDir
    Path tmp;
    MockApi api;
    TestModel hook;

    @BeforeEach
    void start() {
        api = new MockApi(tmp);
        hook = new TestModel("minio", "kubeflow", api.env());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static List<HasMetadata> configMaps(String... names) {
        return java.util.Arrays.stream(names).<HasMetadata>map(n -> new ConfigMapBuilder().withNewMetadata().withName(n)
                .endMetadata().build()).toList();
    }

    @Test
    void reconcileAppliesTheSupplierAndRemoveDeletes() throws Exception {
        AtomicReference<List<HasMetadata>> desired = new AtomicReference<>(configMaps("a", "b"));
        Component<Void> leader = Gates.leader();
        Component<ApplyResult> c = Kubernetes.of(hook.model).component("resources", "store", desired::get).after(leader);
        assertEquals("resources", c.name());
        assertEquals(List.of(leader), c.dependsOn());

        c.reconcile(hook.model, Inputs.none("resources"));
        assertNotNull(api.admin().configMaps().inNamespace("kubeflow").withName("b").get());

        desired.set(configMaps("a"));
        c.reconcile(hook.model, Inputs.none("resources"));
        assertNull(api.admin().configMaps().inNamespace("kubeflow").withName("b").get(), "pruned");

        desired.set(null); // in the remove hook, the desired set may no longer be computable
        Component<ApplyResult> gone = Kubernetes.of(hook.model).component("resources", "store", () -> {
            throw new IllegalStateException("relation gone");
        });
        gone.remove(hook.model);
        assertNull(api.admin().configMaps().inNamespace("kubeflow").withName("a").get());
        assertNull(api.admin().configMaps().inNamespace("kubeflow").withName("jcharm-minio-store").get());
    }

    @Test
    void theReconcilerShowsABlockedRefusal() {
        api.server.expect().post().withPath("/api/v1/namespaces/kubeflow/configmaps")
                .andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden").build()).always();
        Component<ApplyResult> c = Kubernetes.of(hook.model).component("resources", "store", () -> configMaps("a"));

        Reconciler.Result r = new Reconciler().run(Components.of(c), hook.model);

        assertEquals(Status.blocked("Kubernetes API refused create ConfigMap: deploy with --trust"),
                ((Reconciler.Outcome.Stopped) r.outcomes().get("resources")).status());
    }

    @Test
    void aRefusedRemoveIsLoggedNotThrown() throws Exception {
        Component<ApplyResult> c = Kubernetes.of(hook.model).component("resources", "store", () -> configMaps("a"));
        c.reconcile(hook.model, Inputs.none("resources"));
        api.server.expect().delete().withPath("/api/v1/namespaces/kubeflow/configmaps/a")
                .andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden").build()).always();

        c.remove(hook.model);

        String warning = hook.logs("WARNING").get(hook.logs("WARNING").size() - 1);
        assertTrue(warning.contains("could not delete the set's objects: Kubernetes API refused delete ConfigMap")
                && warning.contains("kubectl delete <kind> -A -l app.kubernetes.io/managed-by=jcharm,app.juju.is/created-by=minio,"
                + "jcharm.io/model=kubeflow,jcharm.io/resource-set=store"), warning);
    }

    @Test
    void aRefusedInventoryDeleteOfAKeptSetIsLoggedNotThrown() throws Exception {
        Kubernetes kube = Kubernetes.of(hook.model);
        kube.component("crds", "store", () -> configMaps("a")).reconcile(hook.model, Inputs.none("resources"));
        api.server.expect().delete().withPath("/api/v1/namespaces/kubeflow/configmaps/jcharm-minio-store")
                .andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden").build()).always();

        kube.component("crds", "store", () -> configMaps("a")).removeOnlyIf(() -> false).remove(hook.model);

        List<String> warnings = hook.logs("WARNING");
        assertEquals("WARNING kubernetes[store]: could not delete the set's inventory ConfigMap jcharm-minio-store:"
                + " Kubernetes API refused delete ConfigMap: deploy with --trust; delete it by hand:"
                + " kubectl -n kubeflow delete configmap jcharm-minio-store", warnings.get(warnings.size() - 1));
        assertNotNull(api.admin().configMaps().inNamespace("kubeflow").withName("a").get(), "kept");
    }

    @Test
    void theNamespaceVariantGetsTheModelsNamespaceAndHandsOnWhatItApplied() throws Exception {
        List<String> seen = new java.util.ArrayList<>();
        Component<ApplyResult> c = Kubernetes.of(hook.model).componentIn("resources", "store", ns -> {
            seen.add(ns);
            return configMaps("in-" + ns);
        });

        ApplyResult applied = c.reconcile(hook.model, Inputs.none("resources"));

        assertEquals(List.of("kubeflow"), seen);
        assertNotNull(api.admin().configMaps().inNamespace("kubeflow").withName("in-kubeflow").get());
        assertEquals(1, applied.count(ApplyResult.Outcome.CREATED));
    }

    @Test
    void noKubernetesApiIsBlockedEvenWhenTheObjectsNeedTheNamespace() {
        TestModel outside = new TestModel("minio", "kubeflow", java.util.Map.of());
        List<String> applied = new java.util.ArrayList<>();
        Component<ApplyResult> c = Kubernetes.of(outside.model).componentIn("resources", "store", ns -> configMaps("in-" + ns));
        Component<Void> after = Component.of("after", c, (m, result) -> applied.add("after"));

        Reconciler.Result r = new Reconciler().run(Components.of(c, after), outside.model);

        Status st = ((Reconciler.Outcome.Stopped) r.outcomes().get("resources")).status();
        assertEquals("blocked", st.name());
        assertTrue(st.message().startsWith("no Kubernetes API to talk to: KUBECONFIG is not set"), st.message());
        assertEquals(List.of(), applied, "no dependant runs when nothing was applied");
    }

    @Test
    void aRefusalOfTheCharmsOwnReadWhileBuildingIsBlockedToo() {
        api.server.expect().get().withPath("/api/v1/namespaces/kubeflow/secrets/creds")
                .andReturn(403, new StatusBuilder().withCode(403).withMessage("secrets \"creds\" is forbidden").build()).always();
        Kubernetes kube = Kubernetes.of(hook.model);
        Component<ApplyResult> c = kube.componentIn("resources", "store", ns -> {
            kube.client().secrets().inNamespace(ns).withName("creds").get();
            return configMaps("a");
        });

        Reconciler.Result r = new Reconciler().run(Components.of(c), hook.model);

        assertEquals(Status.blocked("Kubernetes API refused a request while building resource set store (secrets \"creds\" is"
                + " forbidden): deploy with --trust"), ((Reconciler.Outcome.Stopped) r.outcomes().get("resources")).status());
    }

    @Test
    void removeOnlyIfKeepsTheSetWhenTheConditionDoesNotHold() throws Exception {
        Kubernetes kube = Kubernetes.of(hook.model);
        kube.component("crds", "store", () -> configMaps("a")).reconcile(hook.model, Inputs.none("resources"));

        assertNotNull(api.admin().configMaps().inNamespace("kubeflow").withName("jcharm-minio-store").get());

        kube.component("crds", "store", () -> configMaps("a")).removeOnlyIf(() -> false).remove(hook.model);
        assertNotNull(api.admin().configMaps().inNamespace("kubeflow").withName("a").get(), "kept");
        assertNull(api.admin().configMaps().inNamespace("kubeflow").withName("jcharm-minio-store").get(),
                "the kept set's inventory goes with the application");
        assertTrue(hook.logs("INFO").contains("INFO kubernetes[store]: kept the set's objects, removed its inventory"
                + " kubeflow/jcharm-minio-store"), hook.logs("INFO").toString());

        kube.component("crds", "store", () -> configMaps("a")).reconcile(hook.model, Inputs.none("resources"));

        kube.component("crds", "store", () -> configMaps("a")).removeOnlyIf(() -> true).remove(hook.model);
        assertNull(api.admin().configMaps().inNamespace("kubeflow").withName("a").get(), "removed");
    }
}
