package io.jcharm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.bundle.BundleChecker;
import io.jcharm.bundle.CharmCatalog;
import io.jcharm.bundle.CheckResult;
import io.jcharm.local.ActionResult;
import io.jcharm.local.LocalModel;
import io.jcharm.local.ModelStatus;
import io.jcharm.local.Progress;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The jupyter charm with istio, minio and mlflow on the local model, packed charms, related by
 * the bundle: create-notebook through the action, then the Notebook object, the gateway wiring
 * and the injected configuration as the embedded Kubernetes API holds them.
 *
 * <p>What this checks, honestly: the local model runs hooks and Pebble, not the workloads, and
 * its API server admits objects without calling webhooks or running controllers. So no notebook
 * pod exists, the PodDefault is not applied to one, and the notebook's VirtualService (which
 * Kubeflow's controller would make) does not exist. Checked instead: the controller's
 * configuration (USE_ISTIO, ISTIO_GATEWAY naming the gateway istio reports), the UI's
 * VirtualService that istio made from jupyter's ingress request on that gateway, the PodDefault
 * with its selector matching the new Notebook's labels and its env reading the S3 Secret, the
 * webhook configuration, and that the S3 key is in no log, status, command or plain env.
 */
class JupyterStackTest {
    static final String MODEL = "lab";
    static final String S3_KEY = "notebook-s3-key-123";
    @TempDir
    Path tmp;

    private static Path bundle(String name) {
        return Rehearsals.module().resolve("src/test/resources/bundles").resolve(name);
    }

    @Test
    void jupyterWithOurStackAndNextToCharmhubChartsPassesJujusChecks() {
        for (String b : List.of("jupyter", "jupyter-charmhub")) {
            CheckResult checked = new BundleChecker(Optional.of(new CharmCatalog(CharmCatalog.findCharmhubDir(bundle(b)))))
                    .check(bundle(b), List.of(), Optional.empty());
            assertTrue(checked.ok(), b + ": " + checked.errors());
        }
    }

    @Test
    void aNotebookCreatedByTheActionGetsMlflowAndS3AndTheControllerRoutesOnTheReportedGateway() {
        Path dir = tmp.resolve("model");
        // Four charms, about 60 hooks: more than the usual settle time on a busy machine.
        try (LocalModel model = LocalModel.open(dir, Rehearsals.options().withModelName(MODEL)
                .withSettleTimeout(Duration.ofMinutes(30)))) {
            Rehearsals.assertSettled(model.deploy(bundle("jupyter"), List.of(), Progress.NONE), dir);
            ModelStatus.UnitStatus unit = model.status().unit("jupyter/0").orElseThrow();
            assertEquals("active", unit.workload(), unit.message());
            assertEquals("UI and notebooks open to anyone reaching gateway lab/lab-gateway: relate istio ingress-auth"
                    + " to an auth provider (see README)", unit.message());

            // The controller would attach each notebook's VirtualService to this gateway.
            Service controller = service(model, "jupyter-controller");
            assertEquals("true", controller.environment().get("USE_ISTIO"));
            assertEquals("lab/lab-gateway", controller.environment().get("ISTIO_GATEWAY"));
            // istio routed the UI: a VirtualService on that gateway for /jupyter/.
            JsonNode uiRoute = objects(model, "VirtualService").stream()
                    .filter(v -> v.toString().contains("\"/jupyter/\"")).findFirst()
                    .orElseThrow(() -> new AssertionError("no VirtualService for /jupyter/: " + objects(model, "VirtualService")));
            assertTrue(uiRoute.path("spec").path("gateways").toString().contains("lab-gateway"), uiRoute.toString());

            ActionResult created = model.runAction("jupyter/0", "create-notebook", Map.of("name", "exp1"), Progress.NONE);
            assertEquals("completed", created.status(), created.message());
            assertEquals("/notebook/lab/exp1/", created.results().get("url-path"));
            assertEquals("lab/lab-gateway", created.results().get("gateway"));

            JsonNode notebook = named(model, "Notebook", "exp1");
            assertEquals("kubeflow.org/v1", notebook.path("apiVersion").asString());
            assertEquals("true", notebook.path("metadata").path("labels").path("access-mlflow").asString());
            JsonNode podDefault = named(model, "PodDefault", "access-mlflow");
            assertEquals("true", podDefault.path("spec").path("selector").path("matchLabels").path("access-mlflow").asString(),
                    "the PodDefault selects the notebook's pods by the label the notebook carries");
            Map<String, JsonNode> env = new java.util.LinkedHashMap<>();
            podDefault.path("spec").path("env").forEach(e -> env.put(e.path("name").asString(), e));
            assertEquals("http://mlflow.lab.svc.cluster.local:5000", env.get("MLFLOW_TRACKING_URI").path("value").asString());
            assertEquals("http://minio.lab:9000", env.get("MLFLOW_S3_ENDPOINT_URL").path("value").asString());
            assertEquals("jupyter-s3-credentials", env.get("AWS_SECRET_ACCESS_KEY").path("valueFrom").path("secretKeyRef")
                    .path("name").asString());
            assertFalse(podDefault.toString().contains(S3_KEY), "no literal S3 key in the PodDefault");
            named(model, "Secret", "jupyter-s3-credentials");
            JsonNode webhook = named(model, "MutatingWebhookConfiguration", "jupyter-poddefaults-lab");
            assertFalse(webhook.path("webhooks").get(0).path("clientConfig").path("caBundle").asString().isEmpty());

            for (String c : List.of("jupyter-controller", "jupyter-ui", "poddefaults-webhook")) {
                Service s = service(model, c);
                assertFalse(s.command().contains(S3_KEY) || s.environment().toString().contains(S3_KEY), c);
            }
            assertFalse(String.join("\n", LocalModel.readLog(dir, 1_000_000, Optional.of("jupyter/0"))).contains(S3_KEY),
                    "the S3 key is in no log line of jupyter/0");
        }
    }

    private static Service service(LocalModel model, String container) {
        return Layer.parse(model.workloads("jupyter/0").get(container).planYaml()).services().get(container);
    }

    private static List<JsonNode> objects(LocalModel model, String kind) {
        return model.kubernetesObjects().stream().filter(o -> kind.equals(o.path("kind").asString(""))).toList();
    }

    private static JsonNode named(LocalModel model, String kind, String name) {
        return objects(model, kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asString("")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }
}
