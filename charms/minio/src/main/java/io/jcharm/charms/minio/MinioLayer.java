package io.jcharm.charms.minio;

import io.jcharm.pebble.layer.Check;
import io.jcharm.pebble.layer.CheckLevel;
import io.jcharm.pebble.layer.HttpCheck;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.OverrideMode;
import io.jcharm.pebble.layer.Service;
import io.jcharm.pebble.layer.Startup;
import io.jcharm.pebble.layer.TcpCheck;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Pebble layer that runs MinIO: the command line from config (no secret on it), the root
 * credentials in the environment, and ready/alive checks on MinIO's health endpoints.
 *
 * <pre>{@code
 * Layer l = MinioLayer.layer(config, secretKey, false);
 * l.services().get("minio").command();  // "minio server /data --address :9000 --console-address :9001 --certs-dir /minio/.minio/certs"
 * }</pre>
 */
final class MinioLayer {
    static final String SERVICE = "minio";
    static final String READY = "minio-ready";
    static final String ALIVE = "minio-alive";
    static final Duration PERIOD = Duration.ofSeconds(30);

    private MinioLayer() {
    }

    static Layer layer(MinioConfig config, String secretKey, boolean tls) {
        return Layer.builder()
                .summary("minio")
                .description("MinIO object storage, its root credentials and health checks")
                .service(SERVICE, Service.builder()
                        .override(OverrideMode.REPLACE)
                        .summary("MinIO object storage")
                        .startup(Startup.ENABLED)
                        .command(command(config))
                        .environment(environment(config, secretKey))
                        .build())
                .check(READY, check(CheckLevel.READY, config.port(), "/minio/health/ready", tls))
                .check(ALIVE, check(CheckLevel.ALIVE, config.port(), "/minio/health/live", tls))
                .build();
    }

    static String command(MinioConfig config) {
        // Charmed Kubeflow's charm leaves --address out, so its port option never reaches MinIO.
        String listen = " --address :" + config.port() + " --console-address :" + config.consolePort();
        if ("gateway".equals(config.mode())) {
            String endpoint = config.storageServiceEndpoint().isBlank() ? "" : " " + config.storageServiceEndpoint();
            return "minio gateway " + config.gatewayStorageService() + endpoint + listen;
        }
        return "minio server /data" + listen + " --certs-dir " + TlsFiles.CERTS_DIR;
    }

    static Map<String, String> environment(MinioConfig config, String secretKey) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MINIO_ROOT_USER", config.accessKey());
        env.put("MINIO_ROOT_PASSWORD", secretKey);
        // Prometheus scrapes /minio/v2/metrics/cluster without a bearer token.
        env.put("MINIO_PROMETHEUS_AUTH_TYPE", "public");
        return env;
    }

    /**
     * An HTTP check on the health endpoint; with TLS a TCP check on the port instead, since
     * Pebble's HTTP check would verify MinIO's certificate for "localhost", which it rarely names.
     */
    private static Check check(CheckLevel level, int port, String path, boolean tls) {
        Check.Builder b = Check.builder().override(OverrideMode.REPLACE).level(level).period(PERIOD);
        return tls ? b.tcp(TcpCheck.of(port)).build() : b.http(HttpCheck.of("http://localhost:" + port + path)).build();
    }
}
