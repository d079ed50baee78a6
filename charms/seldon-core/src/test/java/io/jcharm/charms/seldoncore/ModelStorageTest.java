package io.jcharm.charms.seldoncore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where served models come from: the storage initializer runs rclone, whose image knows only an
 * anonymous GCS remote, so every other source needs a Secret of RCLONE_CONFIG_* variables
 * (seldon-core v1.17.1 components/rclone-storage-initializer). serve-model makes that Secret
 * from a Juju secret or from the MLflow tracking relation, and refuses what cannot download.
 */
class ModelStorageTest extends ActionTestBase {
    static final String SECRET_KEY = "wJalrXUtnFEMI-K7MDENG-bPxRfiCY";

    @SuppressWarnings("unchecked")
    static Map<String, Object> graph(GenericKubernetesResource sd) {
        Map<String, Object> spec = (Map<String, Object>) sd.getAdditionalProperties().get("spec");
        Map<String, Object> predictor = (Map<String, Object>) ((List<Object>) spec.get("predictors")).get(0);
        return (Map<String, Object>) predictor.get("graph");
    }

    /** The managed Secret's variables, decoded. */
    Map<String, String> rcloneEnv(String name) {
        Secret s = cluster.admin.secrets().inNamespace(NS).withName(name).get();
        if (s == null) {
            return null;
        }
        Map<String, String> out = new TreeMap<>();
        if (s.getData() != null) {
            s.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (s.getStringData() != null) {
            out.putAll(s.getStringData());
        }
        return out;
    }

    /** The secret value appears in none of: logs, action results, the SeldonDeployment. */
    void assertNotLeaked(State out, String value, String sdepName) {
        assertFalse(String.join("\n", out.logs()).contains(value), "not in the logs");
        assertFalse(out.actionResults().toString().contains(value), "not in the action's results");
        assertFalse(String.join("\n", out.actionLogs()).contains(value), "not in the action's log");
        assertFalse(JsonMapper.builder().build().writeValueAsString(sdep(sdepName)).contains(value),
                "not in the SeldonDeployment");
    }

    @Test
    void anS3ModelWithoutCredentialsIsRefusedSayingWhy() {
        State out = serve("income", "s3://models/income", "XGBOOST_SERVER");
        assertEquals(Optional.of("model-uri \"s3://models/income\" needs S3 credentials: Seldon's storage initializer"
                + " (rclone) knows only an anonymous gs remote. Give secret=<juju secret id> holding access-key,"
                + " secret-key and endpoint (or rclone-config-s3-* keys), relate seldon-core:mlflow to MLflow's"
                + " tracking endpoint, or set predictive-unit-default-env-secret-ref-name"), out.actionFailure());
        assertNull(sdep("income"), "nothing applied");
    }

    @Test
    void aJujuSecretBecomesTheModelsRcloneSecret() {
        SecretState creds = SecretState.granted(Map.of("access-key", "AKIAEXAMPLE", "secret-key", SECRET_KEY,
                "endpoint", "http://minio.kubeflow.svc.cluster.local:9000"));
        state = state.withSecret(creds);
        State out = serve("income", "s3://models/income", "XGBOOST_SERVER", "secret", creds.id());

        assertEquals(Optional.empty(), out.actionFailure());
        Map<String, Object> graph = graph(sdep("income"));
        assertEquals("income-rclone", graph.get("envSecretRefName"));
        assertEquals("s3://models/income", graph.get("modelUri"));
        assertEquals(new TreeMap<>(Map.of(
                "RCLONE_CONFIG_S3_TYPE", "s3",
                "RCLONE_CONFIG_S3_PROVIDER", "Minio",
                "RCLONE_CONFIG_S3_ENV_AUTH", "false",
                "RCLONE_CONFIG_S3_ACCESS_KEY_ID", "AKIAEXAMPLE",
                "RCLONE_CONFIG_S3_SECRET_ACCESS_KEY", SECRET_KEY,
                "RCLONE_CONFIG_S3_ENDPOINT", "http://minio.kubeflow.svc.cluster.local:9000")), rcloneEnv("income-rclone"));
        Secret k8s = cluster.admin.secrets().inNamespace(NS).withName("income-rclone").get();
        assertEquals("models", k8s.getMetadata().getLabels().get("jcharm.io/resource-set"), "removed with the models");
        assertNotLeaked(out, SECRET_KEY, "income");

        ctx.run(Events.action("remove-model", Map.of("name", "income")), state);
        assertNull(rcloneEnv("income-rclone"), "remove-model deletes the model's Secret too");
    }

    @Test
    void rclonesOwnRemoteFormIsAcceptedWithItsRemoteConfigured() {
        SecretState creds = SecretState.granted(Map.of("rclone-config-minio-type", "s3",
                "rclone-config-minio-provider", "Minio", "rclone-config-minio-access-key-id", "AKIAEXAMPLE",
                "rclone-config-minio-secret-access-key", SECRET_KEY));
        state = state.withSecret(creds);
        State out = serve("iris", "minio:models/iris", "SKLEARN_SERVER", "secret", creds.id());
        assertEquals(Optional.empty(), out.actionFailure());
        assertEquals("minio:models/iris", graph(sdep("iris")).get("modelUri"));
        assertEquals("s3", rcloneEnv("iris-rclone").get("RCLONE_CONFIG_MINIO_TYPE"));
        assertEquals(SECRET_KEY, rcloneEnv("iris-rclone").get("RCLONE_CONFIG_MINIO_SECRET_ACCESS_KEY"));
        assertNotLeaked(out, SECRET_KEY, "iris");

        // gs is the image's own anonymous remote; any other needs configuring.
        assertEquals(Optional.empty(), serve("flowers", "gs:seldon-models/sklearn/iris", "SKLEARN_SERVER").actionFailure());
        assertEquals(Optional.of("model-uri \"backup:models/iris\" uses rclone remote \"backup\", which Seldon's"
                + " storage initializer does not know: give secret=<juju secret id> holding rclone-config-backup-type"
                + " and the remote's other rclone-config-backup-* keys, or set"
                + " predictive-unit-default-env-secret-ref-name to a Secret that configures it"),
                serve("other", "backup:models/iris", "SKLEARN_SERVER").actionFailure());
    }

    @Test
    void httpsModelsGetAnHttpRemote() {
        State out = serve("iris", "https://models.example.com/sklearn/iris/", "SKLEARN_SERVER");
        assertEquals(Optional.empty(), out.actionFailure());
        assertEquals("iris-rclone", graph(sdep("iris")).get("envSecretRefName"));
        // rclone reads https://host/path as remote "https", path //host/path (checked with rclone 1.60).
        assertEquals(new TreeMap<>(Map.of("RCLONE_CONFIG_HTTPS_TYPE", "http",
                "RCLONE_CONFIG_HTTPS_URL", "https://models.example.com/")), rcloneEnv("iris-rclone"));
    }

    @Test
    void schemesThatCannotWorkAreRefusedSayingWhy() {
        assertEquals(Optional.of("model-uri \"ftp://models/iris\" has scheme ftp, which Seldon's storage initializer"
                + " (rclone copy) cannot fetch; use gs://, s3://, https://, http://, pvc://, models:/ (with the mlflow"
                + " relation) or rclone's <remote>:<bucket>/<path>"),
                serve("iris", "ftp://models/iris", "SKLEARN_SERVER").actionFailure());
        assertEquals(Optional.of("model-uri \"models:/iris/3\" names a model in an MLflow registry: relate seldon-core"
                + " to MLflow first (juju integrate seldon-core:mlflow mlflow-server:tracking)"),
                serve("iris", "models:/iris/3", "MLFLOW_SERVER").actionFailure());
        assertEquals(Optional.of("model-uri \"iris\" has no scheme; use gs://, s3://, https://, http://, pvc://,"
                + " models:/ (with the mlflow relation) or rclone's <remote>:<bucket>/<path>"),
                serve("iris", "iris", "SKLEARN_SERVER").actionFailure());
        SecretState junk = SecretState.granted(Map.of("password", "hunter22"));
        state = state.withSecret(junk);
        assertEquals(Optional.of("secret " + junk.id() + " has key password, which serve-model does not use; it takes"
                + " access-key, secret-key, endpoint, region, provider, or rclone-config-<remote>-<option> keys"),
                serve("iris", "s3://models/iris", "SKLEARN_SERVER", "secret", junk.id()).actionFailure());
        assertEquals(Optional.of("secret secret:doesnotexist0000000000 is not readable by seldon-core: create it with"
                + " juju add-secret and run juju grant-secret <name> seldon-core"),
                serve("iris", "s3://models/iris", "SKLEARN_SERVER", "secret", "secret:doesnotexist0000000000")
                        .actionFailure());
    }

    @Test
    void theDefaultEnvSecretOptionLetsS3ModelsThrough() {
        state = state.withConfig(Map.of("predictive-unit-default-env-secret-ref-name", "seldon-rclone-secret"));
        State out = serve("income", "s3://models/income", "XGBOOST_SERVER");
        assertEquals(Optional.empty(), out.actionFailure());
        assertFalse(graph(sdep("income")).containsKey("envSecretRefName"), "the manager's default applies");
        assertNull(rcloneEnv("income-rclone"));
    }

    /** The mlflow relation as charms/mlflow writes it, with the credentials in a granted Juju secret. */
    State withMlflow(String trackingUri) {
        SecretState s3 = SecretState.granted(Map.of("access-key", "AKIAMLFLOW", "secret-key", SECRET_KEY));
        RelationState rel = RelationState.of("mlflow", "mlflow-server").withRemoteAppData(Map.of("version", "1",
                "tracking-uri", trackingUri, "artifact-root", "s3://mlflow/",
                "s3-endpoint", "http://minio.kubeflow.svc.cluster.local:9000", "s3-credentials-secret", s3.id()));
        return state.withSecret(s3).withRelation(rel);
    }

    @Test
    void anMlflowModelIsFoundThroughTheTrackingRelationAndGetsItsStorageCredentials() throws Exception {
        try (FakeMlflowRegistry registry = FakeMlflowRegistry.start()) {
            registry.version("iris", "3", "s3://mlflow/1/0f8a/artifacts/model");
            state = withMlflow(registry.uri());
            State out = serve("iris", "models:/iris/3", "MLFLOW_SERVER");

            assertEquals(Optional.empty(), out.actionFailure());
            assertEquals("s3://mlflow/1/0f8a/artifacts/model", out.actionResults().get("model-uri"));
            Map<String, Object> graph = graph(sdep("iris"));
            assertEquals("s3://mlflow/1/0f8a/artifacts/model", graph.get("modelUri"));
            assertEquals("MLFLOW_SERVER", graph.get("implementation"));
            assertEquals("iris-rclone", graph.get("envSecretRefName"));
            Map<String, String> env = rcloneEnv("iris-rclone");
            assertEquals("AKIAMLFLOW", env.get("RCLONE_CONFIG_S3_ACCESS_KEY_ID"));
            assertEquals(SECRET_KEY, env.get("RCLONE_CONFIG_S3_SECRET_ACCESS_KEY"));
            assertEquals("http://minio.kubeflow.svc.cluster.local:9000", env.get("RCLONE_CONFIG_S3_ENDPOINT"));
            assertNotLeaked(out, SECRET_KEY, "iris");
            assertEquals(List.of("/api/2.0/mlflow/model-versions/get-download-uri?name=iris&version=3"), registry.asked());

            // An s3:// URI in MLflow's store takes the same credentials.
            State direct = serve("iris-2", "s3://mlflow/1/0f8a/artifacts/model", "MLFLOW_SERVER");
            assertEquals(Optional.empty(), direct.actionFailure());
            assertEquals(SECRET_KEY, rcloneEnv("iris-2-rclone").get("RCLONE_CONFIG_S3_SECRET_ACCESS_KEY"));
        }
    }

    @Test
    void mlflowsAnswersReachTheUser() throws Exception {
        try (FakeMlflowRegistry registry = FakeMlflowRegistry.start()) {
            registry.version("proxied", "1", "mlflow-artifacts:/1/0f8a/artifacts/model");
            state = withMlflow(registry.uri());
            assertEquals(Optional.of("MLflow at " + registry.uri() + " does not know model-uri \"models:/wine/1\":"
                    + " RESOURCE_DOES_NOT_EXIST: Registered Model with name=wine not found"),
                    serve("wine", "models:/wine/1", "MLFLOW_SERVER").actionFailure());
            assertEquals(Optional.of("model-uri \"models:/proxied/1\" is stored at"
                    + " mlflow-artifacts:/1/0f8a/artifacts/model, on MLflow's own storage behind its artifact proxy,"
                    + " which Seldon's storage initializer cannot fetch; relate mlflow-server to object storage"
                    + " (minio) so that new models go to S3"),
                    serve("proxied", "models:/proxied/1", "MLFLOW_SERVER").actionFailure());
            assertEquals(Optional.of("model-uri \"models:/iris\" does not name a version; use models:/<name>/<version>"),
                    serve("iris", "models:/iris", "MLFLOW_SERVER").actionFailure());
        }
    }
}
