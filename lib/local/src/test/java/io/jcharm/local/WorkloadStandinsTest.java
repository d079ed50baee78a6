package io.jcharm.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.pebble.layer.Plan;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MinIO stand-in driven by the reconciler with the plan the minio charm sets: a real S3 API
 * on the Service's address and port with the plan's root credentials, restarted with a rotated
 * key, stopped when the service stops, its data gone with the application.
 */
class WorkloadStandinsTest {
    @TempDir
    Path tmp;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The plan charms/minio's MinioLayer makes, with the service started or not. */
    private static ContainerView minio(String user, String password, boolean active) {
        Plan plan = Plan.parse("""
                services:
                  minio:
                    override: replace
                    startup: enabled
                    command: minio server /data --address :9000 --console-address :9001 --certs-dir /minio/.minio/certs
                    environment:
                      MINIO_ROOT_USER: %s
                      MINIO_ROOT_PASSWORD: %s
                      MINIO_PROMETHEUS_AUTH_TYPE: public
                """.formatted(user, password));
        return new ContainerView(plan, active ? Set.of("minio") : Set.of());
    }

    /** The application's Service as the charm patched it: 9000 (port) to 9000 (MinIO's) and the console. */
    private static Optional<JsonNode> service(int port) {
        return Optional.of(JsonMapper.builder().build().readTree("""
                {"kind": "Service", "metadata": {"name": "minio", "namespace": "mlops"},
                 "spec": {"clusterIP": "127.0.0.1", "ports": [
                   {"name": "minio", "port": %d, "targetPort": 9000, "protocol": "TCP"},
                   {"name": "minio-console", "port": 9001, "targetPort": 9001, "protocol": "TCP"}]}}
                """.formatted(port)));
    }

    private static MinioClient client(int port, String user, String password) {
        return MinioClient.builder().endpoint("http://127.0.0.1:" + port).credentials(user, password).build();
    }

    @Test
    void minioPlanIsServedForRealAndFollowsTheKeyTheServiceAndTheApplication() throws Exception {
        StateDir dirs = new StateDir(tmp.resolve("model"));
        int port = freePort();
        byte[] body = "artifact".getBytes(StandardCharsets.UTF_8);
        try (WorkloadStandins standins = new WorkloadStandins(dirs)) {
            List<String> log = standins.reconcile("minio", "minio",
                    () -> new WorkloadView("minio", "minio/0", Map.of("minio", minio("minio", "first-key-123", true)), service(port)));
            assertEquals(1, log.size(), log.toString());
            assertTrue(log.get(0).startsWith("started: S3 API on http://127.0.0.1:" + port + " (S3Proxy, access key \"minio\""), log.get(0));
            assertFalse(log.get(0).contains("first-key-123"), "no secret in the log");

            MinioClient right = client(port, "minio", "first-key-123");
            right.makeBucket(MakeBucketArgs.builder().bucket("mlflow").build());
            right.putObject(PutObjectArgs.builder().bucket("mlflow").object("0/model.pkl")
                    .stream(new ByteArrayInputStream(body), body.length, -1).build());
            try (InputStream in = right.getObject(GetObjectArgs.builder().bucket("mlflow").object("0/model.pkl").build())) {
                assertArrayEquals(body, in.readAllBytes());
            }
            assertTrue(Files.isDirectory(dirs.workloadData("minio").resolve("mlflow")), "buckets live under workloads/minio");
            ErrorResponseException wrong = assertThrows(ErrorResponseException.class,
                    () -> client(port, "minio", "not-the-key").bucketExists(BucketExistsArgs.builder().bucket("mlflow").build()));
            assertEquals(403, wrong.response().code());

            // The same plan again changes nothing.
            assertEquals(List.of(), standins.reconcile("minio", "minio",
                    () -> new WorkloadView("minio", "minio/0", Map.of("minio", minio("minio", "first-key-123", true)), service(port))));

            // A rotated key: the server restarts with it; the objects stay; the old key is refused.
            log = standins.reconcile("minio", "minio",
                    () -> new WorkloadView("minio", "minio/0", Map.of("minio", minio("minio", "second-key-456", true)), service(port)));
            assertEquals(2, log.size(), log.toString());
            assertTrue(log.get(0).startsWith("stopped the stand-in on 127.0.0.1:" + port + ": restarting"), log.get(0));
            try (InputStream in = client(port, "minio", "second-key-456").getObject(
                    GetObjectArgs.builder().bucket("mlflow").object("0/model.pkl").build())) {
                assertArrayEquals(body, in.readAllBytes());
            }
            ErrorResponseException old = assertThrows(ErrorResponseException.class,
                    () -> right.bucketExists(BucketExistsArgs.builder().bucket("mlflow").build()));
            assertEquals(403, old.response().code());

            // The service stops: nothing listens any more.
            log = standins.reconcile("minio", "minio",
                    () -> new WorkloadView("minio", "minio/0", Map.of("minio", minio("minio", "second-key-456", false)), service(port)));
            assertEquals(List.of("stopped the stand-in on 127.0.0.1:" + port + ": its workload stopped"), log);
            assertEquals(Optional.empty(), standins.serving("minio"));
            assertThrows(java.net.ConnectException.class, () -> new java.net.Socket("127.0.0.1", port).close());

            // Started again, then the application goes: the server stops and its data with it.
            standins.reconcile("minio", "minio",
                    () -> new WorkloadView("minio", "minio/0", Map.of("minio", minio("minio", "second-key-456", true)), service(port)));
            assertTrue(standins.serving("minio").isPresent());
            assertEquals(Optional.of("stopped the stand-in on 127.0.0.1:" + port + ": the application was removed"),
                    standins.remove("minio"));
            assertFalse(Files.exists(dirs.workloadData("minio")), "the application's data is gone");
            assertThrows(java.net.ConnectException.class, () -> new java.net.Socket("127.0.0.1", port).close());
        }
    }

    @Test
    void noServicePortReachingMinioOrAnotherCharmServesNothing() throws Exception {
        StateDir dirs = new StateDir(tmp.resolve("model"));
        try (WorkloadStandins standins = new WorkloadStandins(dirs)) {
            Optional<JsonNode> placeholder = Optional.of(JsonMapper.builder().build().readTree("""
                    {"spec": {"clusterIP": "127.0.0.1", "ports": [{"name": "placeholder", "port": 65535}]}}"""));
            assertEquals(List.of(), standins.reconcile("minio", "minio",
                    () -> new WorkloadView("minio", "minio/0", Map.of("minio", minio("minio", "k-12345678", true)), placeholder)));
            Optional<JsonNode> service = service(freePort());
            assertEquals(List.of(), standins.reconcile("hello", "hello",
                    () -> new WorkloadView("hello", "hello/0", Map.of("minio", minio("minio", "k-12345678", true)), service)));
            assertEquals(Optional.empty(), standins.serving("minio"));
        }
    }

    @Test
    void anAddressInUseIsReportedAndTriedAgain() throws Exception {
        StateDir dirs = new StateDir(tmp.resolve("model"));
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             WorkloadStandins standins = new WorkloadStandins(dirs)) {
            int port = taken.getLocalPort();
            List<String> log = standins.reconcile("minio", "minio",
                    () -> new WorkloadView("minio", "minio/0", Map.of("minio", minio("minio", "k-12345678", true)), service(port)));
            assertEquals(1, log.size(), log.toString());
            assertTrue(log.get(0).startsWith("cannot serve minio's workload on 127.0.0.1:" + port + ": cannot start S3Proxy on 127.0.0.1:"
                    + port), log.get(0));
            assertEquals(Optional.empty(), standins.serving("minio"));
        }
    }
}
