package io.jcharm.charms.seldoncore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** serve-model, list-models and remove-model against fabric8's mock API server (CRUD). */
class ModelActionsTest extends ActionTestBase {
    static final String IRIS = "gs://seldon-models/v1.17.1/sklearn/iris";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> predictor(GenericKubernetesResource sd) {
        Map<String, Object> spec = (Map<String, Object>) sd.getAdditionalProperties().get("spec");
        return (Map<String, Object>) ((List<Object>) spec.get("predictors")).get(0);
    }

    @Test
    void serveAppliesASeldonDeploymentAndReturnsItsEndpoint() {
        State out = serve("iris", IRIS, "SKLEARN_SERVER", "replicas", 2);

        assertEquals(Optional.empty(), out.actionFailure());
        assertEquals(Map.of("name", "iris", "namespace", NS, "server", "SKLEARN_SERVER", "protocol", "seldon",
                "replicas", "2", "result", "created", "model-uri", IRIS,
                "endpoint", "http://iris-default.kubeflow.svc.cluster.local:8000/api/v1.0/predictions"), out.actionResults());
        GenericKubernetesResource sd = sdep("iris");
        assertEquals("seldon-core", sd.getMetadata().getLabels().get("app.juju.is/created-by"));
        assertEquals("models", sd.getMetadata().getLabels().get("jcharm.io/resource-set"));
        Map<String, Object> predictor = predictor(sd);
        assertEquals("default", predictor.get("name"));
        assertEquals(2, ((Number) predictor.get("replicas")).intValue());
        assertEquals(Map.of("name", "iris", "implementation", "SKLEARN_SERVER", "modelUri", IRIS, "children", List.of()),
                predictor.get("graph"));
    }

    @Test
    void serveThroughTheIstioGatewayWhenRelated() {
        RelationState gw = RelationState.of("gateway-info", "istio").withRemoteAppData(Map.of(
                "gateway_name", "kubeflow-gateway", "gateway_namespace", "istio-system"));
        state = state.withRelation(gw);
        State out = serve("iris", IRIS, "SKLEARN_SERVER");
        assertEquals("http://istio-ingressgateway-workload.istio-system.svc.cluster.local/seldon/kubeflow/iris/api/v1.0/predictions",
                out.actionResults().get("endpoint"));
    }

    @Test
    void tritonIsServedWithTheV2Protocol() {
        State out = serve("resnet", "gs://seldon-models/triton/resnet", "TRITON_SERVER");
        assertEquals("v2", out.actionResults().get("protocol"));
        assertEquals("http://resnet-default.kubeflow.svc.cluster.local:8000/v2/models/resnet/infer",
                out.actionResults().get("endpoint"));
        assertEquals("v2", ((Map<?, ?>) sdep("resnet").getAdditionalProperties().get("spec")).get("protocol"));
    }

    @Test
    void tritonsEndpointNamesTheModelAsItsRepositoryDoes() {
        // Triton serves each directory of its model repository under that directory's name, which
        // need not be the SeldonDeployment's (Seldon's own Triton example: SeldonDeployment triton, model simple).
        State named = serve("triton", "gs://seldon-models/trtis/simple-model", "TRITON_SERVER", "model-name", "simple");
        assertEquals("http://triton-default.kubeflow.svc.cluster.local:8000/v2/models/simple/infer",
                named.actionResults().get("endpoint"));
        assertEquals(null, named.actionResults().get("note"));
        State listed = ctx.run(Events.action("list-models", Map.of()), state);
        assertEquals("http://triton-default.kubeflow.svc.cluster.local:8000/v2/models/simple/infer",
                listed.actionResults().get("models.triton.endpoint"));

        State assumed = serve("resnet", "gs://seldon-models/triton/resnet", "TRITON_SERVER");
        assertEquals("the endpoint assumes Triton's model repository names the model resnet; if the repository at"
                + " gs://seldon-models/triton/resnet names it otherwise, serve again with model-name=<its directory>",
                assumed.actionResults().get("note"));
    }

    @Test
    void servingAgainUpdatesTheModel() {
        serve("iris", IRIS, "SKLEARN_SERVER");
        State again = serve("iris", "gs://seldon-models/v1.17.1/sklearn/iris-2", "SKLEARN_SERVER", "replicas", 3);
        assertEquals("updated", again.actionResults().get("result"));
        Map<String, Object> predictor = predictor(sdep("iris"));
        assertEquals(3, ((Number) predictor.get("replicas")).intValue());
        assertEquals("gs://seldon-models/v1.17.1/sklearn/iris-2", ((Map<?, ?>) predictor.get("graph")).get("modelUri"));
    }

    @Test
    void badParametersFailTheAction() {
        assertEquals(Optional.of("model-uri \"ftp://models/iris\" has scheme ftp, which Seldon's storage initializer"
                + " (rclone copy) cannot fetch; " + ModelSource.USE), serve("iris", "ftp://models/iris", "SKLEARN_SERVER")
                .actionFailure());
        assertEquals(Optional.of("model-uri \"gs:///iris\" names no bucket (gs://<bucket>/<path>)"),
                serve("iris", "gs:///iris", "SKLEARN_SERVER").actionFailure());
        // Checked by the SDK against actions.yaml before the charm runs.
        assertTrue(serve("iris", IRIS, "PYTORCH_SERVER").actionFailure().orElseThrow().contains("server"));
        assertTrue(serve("Iris", IRIS, "SKLEARN_SERVER").actionFailure().orElseThrow().contains("name"));
        assertTrue(serve("iris", IRIS, "SKLEARN_SERVER", "replicas", 0).actionFailure().orElseThrow().contains("replicas"));
        assertTrue(cluster.admin.genericKubernetesResources(SeldonKubernetesTest.SELDON_DEPLOYMENTS).inNamespace(NS).list()
                .getItems().isEmpty(), "nothing applied");
    }

    @Test
    void serveFailsBeforeTheCrdIsInstalled() {
        cluster.admin.apiextensions().v1().customResourceDefinitions().withName(OperatorObjects.CRD).delete();
        assertEquals(Optional.of("the SeldonDeployment CRD is not installed yet: wait until seldon-core is active (its"
                + " leader installs it)"), serve("iris", IRIS, "SKLEARN_SERVER").actionFailure());
    }

    @Test
    void aSeldonDeploymentSomeoneElseMadeIsLeftAlone() {
        cluster.admin.genericKubernetesResources(SeldonKubernetesTest.SELDON_DEPLOYMENTS).inNamespace(NS).resource(
                new GenericKubernetesResourceBuilder().withApiVersion("machinelearning.seldon.io/v1")
                        .withKind("SeldonDeployment").withNewMetadata().withName("theirs").endMetadata()
                        .withAdditionalProperties(Map.of("spec", Map.of("predictors", List.of()))).build()).create();
        assertEquals(Optional.of("SeldonDeployment theirs already exists in kubeflow and was not served by seldon-core;"
                + " choose another name"), serve("theirs", IRIS, "SKLEARN_SERVER").actionFailure());
        State remove = ctx.run(Events.action("remove-model", Map.of("name", "theirs")), state);
        assertEquals(Optional.of("SeldonDeployment theirs in kubeflow was not served by seldon-core (it lacks label"
                + " app.juju.is/created-by=seldon-core); delete it yourself: kubectl delete sdep theirs -n kubeflow"),
                remove.actionFailure());
        assertNotNull(sdep("theirs"));
        State list = ctx.run(Events.action("list-models", Map.of()), state);
        assertEquals(Map.of("count", "0"), list.actionResults(), "only this application's models are listed");
    }

    @Test
    void listShowsServerReplicasStateAndEndpoint() {
        serve("iris", IRIS, "SKLEARN_SERVER", "replicas", 2);
        serve("income", "gs://seldon-models/xgboost/income", "XGBOOST_SERVER");
        GenericKubernetesResource iris = sdep("iris");
        iris.setAdditionalProperty("status", Map.of("state", "Available"));
        cluster.admin.genericKubernetesResources(SeldonKubernetesTest.SELDON_DEPLOYMENTS).inNamespace(NS).resource(iris).updateStatus();

        State out = ctx.run(Events.action("list-models", Map.of()), state);

        Map<String, String> r = out.actionResults();
        assertEquals("2", r.get("count"));
        assertEquals("SKLEARN_SERVER", r.get("models.iris.server"));
        assertEquals("2", r.get("models.iris.replicas"));
        assertEquals("Available", r.get("models.iris.state"));
        assertEquals(IRIS, r.get("models.iris.model-uri"));
        assertEquals("http://iris-default.kubeflow.svc.cluster.local:8000/api/v1.0/predictions", r.get("models.iris.endpoint"));
        assertEquals("XGBOOST_SERVER", r.get("models.income.server"));
        assertEquals("Unknown", r.get("models.income.state"), "the manager has not reported yet");
    }

    @Test
    void removeDeletesOnlyWhatServeMade() {
        serve("iris", IRIS, "SKLEARN_SERVER");
        State out = ctx.run(Events.action("remove-model", Map.of("name", "iris")), state);
        assertEquals(Map.of("removed", "iris", "namespace", NS), out.actionResults());
        assertNull(sdep("iris"));

        State missing = ctx.run(Events.action("remove-model", Map.of("name", "iris")), state);
        assertEquals(Optional.of("no SeldonDeployment iris in kubeflow; list-models shows the ones seldon-core serves"),
                missing.actionFailure());
    }

    @Test
    void inProductionServeIsAServerSideApplyOwnedByTheApplication() throws Exception {
        // The mock cannot do server-side apply; an expectation answers the PATCH instead.
        String path = "/apis/machinelearning.seldon.io/v1/namespaces/kubeflow/seldondeployments/iris";
        cluster.server.expect().patch().withPath(path + "?fieldManager=seldon-core")
                .andReturn(200, sdepJson("iris")).once();
        // The models set's inventory (which kinds it holds, for the remove hook) is applied the same way.
        cluster.server.expect().patch().withPath("/api/v1/namespaces/kubeflow/configmaps/jcharm-seldon-core-models"
                + "?fieldManager=seldon-core").andReturn(200, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"}").once();
        state = state.withEnvironment(Map.of("KUBECONFIG", cluster.env().get("KUBECONFIG")));
        State out = serve("iris", IRIS, "SKLEARN_SERVER");
        assertEquals(Optional.empty(), out.actionFailure());
        assertEquals("created", out.actionResults().get("result"));
        // The recorded requests include the test's CRD controller polling every few ms; the action
        // has ended, so its PATCH is already queued behind them: take requests until it shows up.
        RecordedRequest patch = null;
        RecordedRequest r;
        for (int i = 0; i < 100_000 && patch == null
                && (r = cluster.server.takeRequest(100, TimeUnit.MILLISECONDS)) != null; i++) {
            if ("PATCH".equals(r.getMethod()) && r.getPath().contains("/seldondeployments/")) {
                patch = r;
            }
        }
        assertNotNull(patch, "a PATCH of the SeldonDeployment was sent");
        assertEquals("application/apply-patch+yaml", patch.getHeader("Content-Type").replaceFirst(";.*", ""));
        assertTrue(patch.getBody().readUtf8().contains("SKLEARN_SERVER"));
    }

    private static String sdepJson(String name) {
        return "{\"apiVersion\":\"machinelearning.seldon.io/v1\",\"kind\":\"SeldonDeployment\",\"metadata\":{\"name\":\""
                + name + "\",\"namespace\":\"kubeflow\"}}";
    }

    @Test
    void withoutTrustTheActionSaysSo() {
        cluster.server.expect().post().withPath("/apis/machinelearning.seldon.io/v1/namespaces/kubeflow/seldondeployments")
                .andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden").build()).always();
        State out = serve("iris", IRIS, "SKLEARN_SERVER");
        assertEquals(Optional.of("Kubernetes API refused create SeldonDeployment: deploy with --trust"), out.actionFailure());
    }
}
