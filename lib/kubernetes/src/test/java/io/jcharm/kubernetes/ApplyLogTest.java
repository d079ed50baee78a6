package io.jcharm.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hook's Kubernetes work writes to debug-log: one DEBUG line for the connection, and an
 * INFO line per resource set only when the set changed the cluster, naming every object created,
 * updated or pruned. Each juju-log line is a hook-tool process, so an apply that changed nothing
 * says nothing.
 */
class ApplyLogTest {
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

    private static ConfigMap cm(String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("k", value).build();
    }

    @Test
    void oneDebugLineForTheConnectionSayingServerSideApplyIsOff() throws Exception {
        Kubernetes kube = Kubernetes.of(hook.model);
        kube.resources("a").apply(List.of(cm("a", "1")));
        kube.resources("b").apply(List.of(cm("b", "1")));

        List<String> connection = hook.logs.stream().filter(l -> l.contains("kubernetes: ")).toList();
        assertEquals(List.of("DEBUG kubernetes: kubeconfig " + api.env().get("KUBECONFIG") + ", namespace kubeflow, apply mode"
                + " create-or-replace (JCHARM_KUBE_APPLY; server-side apply is off)"), connection);
    }

    @Test
    void anUnchangedSetLogsNothingAndEveryChangeIsNamed() throws Exception {
        Kubernetes kube = Kubernetes.of(hook.model);
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
        ManagedResources set = Kubernetes.of(hook.model).resources("models");
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
}
