package io.jcharm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.bundle.BundleChecker;
import io.jcharm.bundle.CharmCatalog;
import io.jcharm.bundle.CheckResult;
import io.jcharm.local.LocalModel;
import io.jcharm.local.ModelStatus;
import io.jcharm.local.Progress;
import io.jcharm.pebble.emulator.PebbleEmulator;
import io.jcharm.pebble.emulator.ServiceState;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MinIO and the MLflow tracking server on the local model with their packed charms: related,
 * the object-storage data as Charmed Kubeflow's consumers read it, MLflow's command and
 * environment (no secret on the command line), and a rotated MinIO key reaching MLflow, which
 * restarts with it. Also Charmed MLflow's bundle shapes pass Juju's checks.
 */
class MlflowStackTest {
    @TempDir
    Path tmp;

    private static Path bundle(String name) {
        return Rehearsals.module().resolve("src/test/resources/bundles").resolve(name);
    }

    @Test
    void mlflowAloneAndTheTrioWithMysqlPassJujusChecks() {
        for (String b : List.of("mlflow-solo", "mlflow-trio")) {
            CheckResult checked = new BundleChecker(Optional.of(new CharmCatalog(CharmCatalog.findCharmhubDir(bundle(b)))))
                    .check(bundle(b), List.of(), Optional.empty());
            assertTrue(checked.ok(), b + ": " + checked.errors());
        }
    }

    @Test
    void minioAndMlflowRelateAndARotatedKeyRestartsMlflow() {
        Path dir = tmp.resolve("model");
        try (LocalModel model = LocalModel.open(dir, Rehearsals.options().withModelName("mlops"))) {
            Rehearsals.assertSettled(model.deploy(bundle("mlflow"), List.of(), Progress.NONE), dir);
            assertEquals("active", model.status().unit("minio/0").orElseThrow().workload(),
                    model.status().unit("minio/0").orElseThrow().message());
            ModelStatus.UnitStatus alone = model.status().unit("mlflow/0").orElseThrow();
            assertEquals("active", alone.workload(), "alone, mlflow runs on sqlite: " + alone.message());
            assertEquals("sqlite:////var/lib/mlflow/mlflow.db", server(model).environment().get("MLFLOW_BACKEND_STORE_URI"));

            model.integrate("mlflow:object-storage", "minio:object-storage");
            Rehearsals.assertSettled(model.settle(Progress.NONE), dir);
            ModelStatus s = model.status();
            Map<String, String> minioBag = s.relation("mlflow", "minio").orElseThrow().appData().get("minio");
            assertEquals("- v1\n", minioBag.get("_supported_versions"));
            assertEquals("access-key: minio\nnamespace: mlops\nport: 9000\nsecret-key: first-key-123\nsecure: false\n"
                    + "service: minio\n", minioBag.get("data"));
            assertEquals("- v1\n", s.relation("mlflow", "minio").orElseThrow().appData().get("mlflow").get("_supported_versions"));

            Service svc = server(model);
            assertEquals("mlflow server --host 0.0.0.0 --port 5000 --expose-prometheus /tmp/mlflow-prometheus "
                    + "--default-artifact-root s3://mlflow/", svc.command());
            assertEquals("http://minio.mlops:9000", svc.environment().get("MLFLOW_S3_ENDPOINT_URL"));
            assertEquals("minio", svc.environment().get("AWS_ACCESS_KEY_ID"));
            assertEquals("first-key-123", svc.environment().get("AWS_SECRET_ACCESS_KEY"));
            assertFalse(svc.command().contains("first-key-123"), "no secret on the command line");
            // minio.mlops resolves to the Service's loopback address, where the local model serves MinIO's
            // S3 API for real (S3Proxy, on disk in the model directory): MLflow's artifact bucket is made there.
            ModelStatus.UnitStatus related = s.unit("mlflow/0").orElseThrow();
            assertEquals("active", related.workload(), related.message());
            assertTrue(Files.isDirectory(dir.resolve("workloads/minio/mlflow")), "the bucket mlflow is on the S3 server's disk");

            int startsBefore = mlflowService(model).startCount();
            model.config("minio", Map.of("secret-key", "rotated-key-456"), List.of());
            Rehearsals.assertSettled(model.settle(Progress.NONE), dir);
            assertTrue(model.status().relation("mlflow", "minio").orElseThrow().appData().get("minio").get("data")
                    .contains("secret-key: rotated-key-456"));
            assertEquals("rotated-key-456", server(model).environment().get("AWS_SECRET_ACCESS_KEY"));
            assertEquals("rotated-key-456", Layer.parse(model.workloads("minio/0").get("minio").planYaml()).services()
                    .get("minio").environment().get("MINIO_ROOT_PASSWORD"));
            assertTrue(mlflowService(model).startCount() > startsBefore, "mlflow restarted with the new key");
            assertEquals("active", mlflowService(model).current());
            ModelStatus.UnitStatus rotated = model.status().unit("mlflow/0").orElseThrow();
            assertEquals("active", rotated.workload(), "the bucket check passes with the rotated key: " + rotated.message());
        }
    }

    private static PebbleEmulator mlflowWorkload(LocalModel model) {
        return model.workloads("mlflow/0").get("mlflow-server");
    }

    private static Service server(LocalModel model) {
        return Layer.parse(mlflowWorkload(model).planYaml()).services().get("mlflow-server");
    }

    private static ServiceState mlflowService(LocalModel model) {
        return mlflowWorkload(model).service("mlflow-server").orElseThrow();
    }
}
