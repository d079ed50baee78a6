package io.jcharm.local;

import io.jcharm.pebble.layer.Service;
import io.jcharm.s3.server.S3Server;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * MinIO's S3 API, served for real: when a started Pebble service runs {@code minio}, an S3
 * server ({@link S3Server}, S3Proxy on disk) listens on the application Service's loopback
 * address, on the Service port that targets MinIO's {@code --address} port (9000 unless the
 * command says otherwise), with the root credentials of the service's environment
 * ({@code MINIO_ROOT_USER} / {@code MINIO_ROOT_PASSWORD}; MinIO's older {@code MINIO_ACCESS_KEY} /
 * {@code MINIO_SECRET_KEY}; else MinIO's default {@code minioadmin}). Any other key gets S3's 403.
 * The console port is not served.
 *
 * <pre>{@code
 * // plan: services: minio: {command: "minio server /data --address :9000 ...", environment: {MINIO_ROOT_USER: minio, ...}}
 * new MinioStandin().wanted(view);   // Optional[127.1.0.3:9000] with access-key and secret-key
 * }</pre>
 */
final class MinioStandin implements WorkloadStandin {
    static final String ACCESS_KEY = "access-key";
    static final String SECRET_KEY = "secret-key";
    /** MinIO's own default API port and credentials. */
    private static final int DEFAULT_PORT = 9000;
    private static final String DEFAULT_CREDENTIAL = "minioadmin";
    private static final Pattern MINIO = Pattern.compile("(^|\\s|/)minio\\s+(server|gateway)(\\s|$)");
    private static final Pattern ADDRESS = Pattern.compile("--address[=\\s]+\\S*:(\\d+)");

    @Override
    public String charm() {
        return "minio";
    }

    @Override
    public Optional<Served> wanted(WorkloadView workload) {
        for (ContainerView c : workload.containers().values()) {
            for (Map.Entry<String, Service> e : c.plan().services().entrySet()) {
                String command = e.getValue().command() == null ? "" : e.getValue().command();
                if (c.active().contains(e.getKey()) && MINIO.matcher(command).find()) {
                    return served(e.getValue(), command, workload.service());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Served> served(Service s, String command, Optional<JsonNode> service) {
        Matcher m = ADDRESS.matcher(command);
        int listen = m.find() ? Integer.parseInt(m.group(1)) : DEFAULT_PORT;
        if (service.isEmpty()) {
            return Optional.empty();
        }
        String ip = service.get().path("spec").path("clusterIP").asString("");
        if (!ip.startsWith("127.")) {
            return Optional.empty();
        }
        for (JsonNode p : service.get().path("spec").path("ports")) {
            JsonNode target = p.path("targetPort");
            boolean toMinio = target.isMissingNode() || target.isNull() ? p.path("port").asInt() == listen
                    : target.isNumber() ? target.asInt() == listen : target.asString("").equals(Integer.toString(listen));
            if (toMinio && "TCP".equals(p.path("protocol").asString("TCP"))) {
                Map<String, String> env = s.environment() == null ? Map.of() : s.environment();
                String user = env.getOrDefault("MINIO_ROOT_USER", env.getOrDefault("MINIO_ACCESS_KEY", DEFAULT_CREDENTIAL));
                String password = env.getOrDefault("MINIO_ROOT_PASSWORD", env.getOrDefault("MINIO_SECRET_KEY", DEFAULT_CREDENTIAL));
                return Optional.of(new Served(ip, p.path("port").asInt(), Map.of(ACCESS_KEY, user, SECRET_KEY, password)));
            }
        }
        return Optional.empty(); // no Service port reaches MinIO's: a client could not reach it on a cluster either
    }

    @Override
    public AutoCloseable serve(Served what, Path dataDir) {
        return S3Server.onDisk(dataDir, what.address(), what.port(), what.settings().get(ACCESS_KEY), what.settings().get(SECRET_KEY));
    }

    @Override
    public String describe(Served what, Path dataDir) {
        return "S3 API on http://" + what + " (S3Proxy, access key \"" + what.settings().get(ACCESS_KEY) + "\", data in "
                + dataDir + "); the console port is not served";
    }
}
