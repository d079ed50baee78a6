package io.jcharm.charms.mlflow;

import io.jcharm.pebble.layer.Check;
import io.jcharm.pebble.layer.CheckLevel;
import io.jcharm.pebble.layer.HttpCheck;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.OverrideMode;
import io.jcharm.pebble.layer.Service;
import io.jcharm.pebble.layer.Startup;
import io.jcharm.relations.ObjectStorage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Pebble layer that runs {@code mlflow server}: options on the command line, the backend
 * store URI and S3 credentials in the environment (MLflow reads {@code MLFLOW_BACKEND_STORE_URI}
 * as {@code --backend-store-uri}), so no secret is ever a process argument; a ready check on
 * MLflow's {@code /health}.
 *
 * <pre>{@code
 * Layer l = ServerLayer.layer(config, BackendStore.sqlite(), Optional.empty());
 * l.services().get("mlflow-server").command();  // "mlflow server --host 0.0.0.0 --port 5000 ... --serve-artifacts ..."
 * }</pre>
 */
final class ServerLayer {
    static final String SERVICE = "mlflow-server";
    static final String READY = "mlflow-ready";
    /** MLflow's Prometheus exporter keeps its multiprocess files here (wiped with the pod). */
    static final String PROMETHEUS_DIR = "/tmp/mlflow-prometheus";
    static final String ARTIFACTS_DIR = BackendStore.DATA_DIR + "/artifacts";

    private ServerLayer() {
    }

    static Layer layer(MlflowConfig config, BackendStore store, Optional<ObjectStorage> s3) {
        return Layer.builder()
                .summary("mlflow-server")
                .description("The MLflow tracking server")
                .service(SERVICE, Service.builder()
                        .override(OverrideMode.REPLACE)
                        .summary("MLflow tracking server")
                        .startup(Startup.ENABLED)
                        .command(command(config, s3.isPresent()))
                        .environment(environment(store, s3))
                        .build())
                .check(READY, Check.builder().override(OverrideMode.REPLACE).level(CheckLevel.READY)
                        .period(Duration.ofSeconds(10))
                        .http(HttpCheck.of("http://localhost:" + config.mlflowPort() + "/health")).build())
                .build();
    }

    static String command(MlflowConfig config, boolean s3) {
        String base = "mlflow server --host 0.0.0.0 --port " + config.mlflowPort() + " --expose-prometheus " + PROMETHEUS_DIR;
        // With S3, clients write artifacts to the bucket themselves (Charmed MLflow's way); without,
        // the server proxies them to the mlflow-data storage.
        return s3 ? base + " --default-artifact-root s3://" + config.defaultArtifactRoot() + "/"
                : base + " --serve-artifacts --artifacts-destination " + ARTIFACTS_DIR;
    }

    static Map<String, String> environment(BackendStore store, Optional<ObjectStorage> s3) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MLFLOW_BACKEND_STORE_URI", store.uri());
        s3.ifPresent(o -> {
            env.put("MLFLOW_S3_ENDPOINT_URL", o.endpointUrl());
            env.put("AWS_ENDPOINT_URL", o.endpointUrl());
            env.put("AWS_ACCESS_KEY_ID", o.accessKey());
            env.put("AWS_SECRET_ACCESS_KEY", o.secretKey());
            env.put("USE_SSL", Boolean.toString(o.secure()));
        });
        return env;
    }
}
