package io.jcharm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.local.ActionResult;
import io.jcharm.local.LocalModel;
import io.jcharm.local.Progress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An MLflow model served by seldon-core on the local model with the packed charms: the
 * SeldonDeployment runs MLflow's prepackaged server on the artifact's s3:// URI, and its storage
 * initializer gets MinIO's credentials, which came to seldon-core through MLflow's tracking
 * relation, from a Secret the charm manages, never in the SeldonDeployment itself.
 */
class MlflowServingTest {
    private static final String ARTIFACT = "s3://mlflow/1/5f1c7e2a/artifacts/model";

    @TempDir
    Path tmp;

    @Test
    void anMlflowArtifactIsServedWithMinioCredentialsFromAManagedSecret() {
        Path dir = tmp.resolve("model");
        Path bundle = Rehearsals.module().resolve("src/test/resources/bundles/mlflow-serving");
        try (LocalModel model = LocalModel.open(dir, Rehearsals.options().withModelName("serving"))) {
            Rehearsals.assertSettled(model.deploy(bundle, List.of(), Progress.NONE), dir);
            assertEquals("active", model.status().unit("seldon-core/0").orElseThrow().workload(),
                    model.status().unit("seldon-core/0").orElseThrow().message());

            ActionResult served = model.runAction("seldon-core/0", "serve-model",
                    Map.of("name", "wine", "model-uri", ARTIFACT, "server", "MLFLOW_SERVER"), Progress.NONE);
            assertEquals("completed", served.status(), served.message() + " " + served.log());

            JsonNode sdep = object(model, "SeldonDeployment", "wine");
            JsonNode graph = sdep.path("spec").path("predictors").get(0).path("graph");
            assertEquals("MLFLOW_SERVER", graph.path("implementation").asString());
            assertEquals(ARTIFACT, graph.path("modelUri").asString());
            assertEquals("wine-rclone", graph.path("envSecretRefName").asString());
            assertFalse(sdep.toString().contains("serving-key-123"), "no credential in the SeldonDeployment");

            JsonNode data = object(model, "Secret", "wine-rclone").path("data");
            assertEquals("serving-key-123", decode(data, "RCLONE_CONFIG_S3_SECRET_ACCESS_KEY"));
            assertEquals("minio", decode(data, "RCLONE_CONFIG_S3_ACCESS_KEY_ID"));
            assertEquals("http://minio.serving:9000", decode(data, "RCLONE_CONFIG_S3_ENDPOINT"));
            assertFalse(served.results().toString().contains("serving-key-123") || served.log().toString().contains("serving-key-123"));
        }
    }

    private static JsonNode object(LocalModel model, String kind, String name) {
        return model.kubernetesObjects().stream()
                .filter(o -> kind.equals(o.path("kind").asString()) && name.equals(o.path("metadata").path("name").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static String decode(JsonNode data, String key) {
        return new String(Base64.getDecoder().decode(data.path(key).asString()), StandardCharsets.UTF_8);
    }
}
