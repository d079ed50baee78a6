package io.jcharm.charms.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.jcharm.kubernetes.Manifest;
import io.jcharm.kubernetes.testing.MockCluster;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.State;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** create-notebook, list-notebooks, stop-notebook and delete-notebook against fabric8's mock API server (CRUD). */
class NotebookActionsTest {
    static final String NS = "kubeflow";
    @TempDir
    Path tmp;
    MockCluster cluster;
    final Context ctx = Context.of(() -> new JupyterCharm(JupyterKubernetesTest.FAST));
    State state;

    @BeforeEach
    void start() {
        cluster = new MockCluster(tmp);
        // The leader installed the CRDs earlier; actions run on any unit.
        for (HasMetadata crd : Manifest.load(PlatformObjects.class, "crds.yaml").objects()) {
            cluster.admin.apiextensions().v1().customResourceDefinitions().resource((CustomResourceDefinition) crd).create();
        }
        state = State.empty().withModel(NS, "5f1c7e2a-0000-4000-8000-00000000003a").withEnvironment(cluster.env());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private State run(String action, Object... params) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            p.put((String) params[i], params[i + 1]);
        }
        return ctx.run(Events.action(action, p), state);
    }

    private GenericKubernetesResource notebook(String name) {
        return cluster.admin.genericKubernetesResources(Notebooks.CONTEXT).inNamespace(NS).withName(name).get();
    }

    @Test
    void createAppliesANotebookWithItsWorkspaceAndTheDefaultPodDefaultLabels() {
        State out = run("create-notebook", "name", "scratch", "cpu", "1", "memory", "2Gi", "gpu", 1);

        assertEquals(Optional.empty(), out.actionFailure());
        assertEquals("scratch", out.actionResults().get("name"));
        assertEquals("/notebook/kubeflow/scratch/", out.actionResults().get("url-path"));
        assertEquals("kubeflownotebookswg/jupyter-scipy:v1.10.0", out.actionResults().get("image"));
        GenericKubernetesResource nb = notebook("scratch");
        assertEquals("true", nb.getMetadata().getLabels().get("access-mlflow"));
        assertEquals("true", nb.getMetadata().getLabels().get("access-ml-pipeline"));
        String spec = nb.getAdditionalProperties().get("spec").toString();
        assertTrue(spec.contains("serviceAccountName=default-editor"), spec);
        assertTrue(spec.contains("requests={cpu=1, memory=2Gi}"), spec);
        assertTrue(spec.contains("limits={cpu=1.2, memory=2576980378, nvidia.com/gpu=1}"), spec);
        assertTrue(spec.contains("claimName=scratch-workspace"), spec);
        assertTrue(spec.contains("mountPath=/home/jovyan"), spec);
        assertEquals("5Gi", cluster.admin.persistentVolumeClaims().inNamespace(NS).withName("scratch-workspace").get()
                .getSpec().getResources().getRequests().get("storage").toString());
        assertEquals(java.util.List.of("scratch-workspace"), Notebooks.claims(nb));
        assertTrue(out.actionResults().get("note").contains("kubectl port-forward -n kubeflow svc/scratch 8888:80"));
    }

    @Test
    void behindTheGatewayCreateReturnsTheUrlOnItsAddress() {
        cluster.admin.services().inNamespace("istio-system").resource(new ServiceBuilder().withNewMetadata()
                .withName("istio-ingressgateway-workload").addToLabels("istio", "ingressgateway").endMetadata()
                .withNewSpec().addNewPort().withPort(80).endPort().endSpec()
                .withNewStatus().withNewLoadBalancer().addNewIngress().withIp("10.64.140.43").endIngress()
                .endLoadBalancer().endStatus().build()).create();
        state = state.withRelation(JupyterKubernetesTest.gateway());
        State out = run("create-notebook", "name", "lab", "image", "reg.local/lab:1", "workspace-size", "");
        assertEquals(Optional.empty(), out.actionFailure());
        assertEquals("istio-system/kubeflow-gateway", out.actionResults().get("gateway"));
        assertEquals("http://10.64.140.43/notebook/kubeflow/lab/", out.actionResults().get("url"));
        assertEquals(java.util.List.of(), Notebooks.claims(notebook("lab")), "no workspace asked for");
    }

    @Test
    void badParametersFailWithTheReason() {
        assertEquals(Optional.of("name \"Bad_Name\" must be lowercase letters, digits and dashes, starting and ending"
                + " with a letter or digit, at most 52 characters"), run("create-notebook", "name", "Bad_Name").actionFailure());
        assertEquals(Optional.of("cpu \"lots\" is not a Kubernetes quantity such as 0.5, 500m, 1Gi or 512Mi"),
                run("create-notebook", "name", "a", "cpu", "lots").actionFailure());
        assertEquals(Optional.of("memory must be more than 0, got 0"), run("create-notebook", "name", "a", "memory", "0")
                .actionFailure());
        state = state.withConfig(Map.of("gpu-vendors", "[]"));
        assertEquals(Optional.of("gpu asked for but gpu-vendors lists no vendor"),
                run("create-notebook", "name", "a", "gpu", 2).actionFailure());
        assertEquals(Optional.of("no notebook \"ghost\" in kubeflow; list-notebooks shows them"),
                run("stop-notebook", "name", "ghost").actionFailure());
        assertNull(notebook("a"), "nothing made on a failure");
    }

    @Test
    void aSecondCreateWithTheSameNameIsRefused() {
        run("create-notebook", "name", "twin");
        assertEquals(Optional.of("notebook twin already exists in kubeflow; choose another name or delete-notebook it first"),
                run("create-notebook", "name", "twin").actionFailure());
    }

    @Test
    void listStopAndDeleteWhichNeedsForceForAWorkspace() {
        run("create-notebook", "name", "keep", "workspace-size", "");
        run("create-notebook", "name", "data");

        State listed = run("list-notebooks");
        assertEquals("2", listed.actionResults().get("count"));
        assertEquals("starting", listed.actionResults().get("notebooks.keep.state"));

        assertEquals("stopped", run("stop-notebook", "name", "keep").actionResults().get("result"));
        assertNotNull(notebook("keep").getMetadata().getAnnotations().get(Notebooks.STOPPED));
        assertEquals("stopped", run("list-notebooks").actionResults().get("notebooks.keep.state"));

        assertEquals(Optional.of("notebook data has volume(s) data-workspace; run again with force=true to delete the"
                + " notebook and its volumes (their data is lost), or stop-notebook to keep them"),
                run("delete-notebook", "name", "data").actionFailure());
        assertNotNull(notebook("data"));
        State forced = run("delete-notebook", "name", "data", "force", true);
        assertEquals(Optional.empty(), forced.actionFailure());
        assertEquals("data-workspace", forced.actionResults().get("volumes"));
        assertNull(notebook("data"));
        assertNull(cluster.admin.persistentVolumeClaims().inNamespace(NS).withName("data-workspace").get());
        assertEquals(Optional.empty(), run("delete-notebook", "name", "keep").actionFailure(), "no volume: no force needed");
        assertEquals("0", run("list-notebooks").actionResults().get("count"));
    }
}
