package io.jcharm.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A charm named minio deployed on the local model: once its hooks start MinIO under Pebble, a
 * real S3 API answers on its Service's loopback address and port with the key from its plan; a
 * rotated key restarts it; it stops with the command and comes back (with its objects) at the
 * next command's first hook; removing the application stops it and deletes its data.
 */
class MinioStandinModelTest {
    @TempDir
    Path tmp;

    private static MinioClient client(String ip, int port, String key) {
        return MinioClient.builder().endpoint("http://" + ip + ":" + port).credentials("minio", key).build();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String clusterIp(LocalModel model) {
        return model.kubernetesObjects().stream().filter(o -> o.path("kind").asString("").equals("Service")
                && o.path("metadata").path("name").asString("").equals("minio")).findFirst().orElseThrow()
                .path("spec").path("clusterIP").asString("");
    }

    @Test
    void minioServesS3OnItsServiceAddressFollowsItsKeyOutlivesACommandAndGoesWithTheApplication() throws Exception {
        Path ws = tmp.resolve("ws");
        TestCharms.objectStore(ws);
        int port = freePort();
        Files.writeString(ws.resolve("bundle.yaml"), "bundle: kubernetes\nname: storage\napplications:\n  minio:\n"
                + "    charm: ./minio.charm\n    scale: 1\n    trust: true\n    options:\n      port: " + port + "\n");
        Path dir = tmp.resolve("state");
        byte[] body = "a run's artifact".getBytes(StandardCharsets.UTF_8);
        String ip;
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options())) {
            Rehearsal.assertSettled(model.deploy(ws, List.of(), Progress.NONE), dir);
            ip = clusterIp(model);
            assertTrue(ip.startsWith("127.") && !ip.equals("127.0.0.1"), ip);
            MinioClient first = client(ip, port, "first-key-123");
            first.makeBucket(MakeBucketArgs.builder().bucket("mlpipeline").build());
            first.putObject(PutObjectArgs.builder().bucket("mlpipeline").object("artifacts/run-1/out.txt")
                    .stream(new ByteArrayInputStream(body), body.length, -1).build());
            ErrorResponseException wrong = assertThrows(ErrorResponseException.class,
                    () -> client(ip, port, "not-the-key").bucketExists(BucketExistsArgs.builder().bucket("mlpipeline").build()));
            assertEquals(403, wrong.response().code());
            assertTrue(Files.isDirectory(dir.resolve("workloads/minio/mlpipeline")), "the bucket is on disk in the model directory");

            model.config("minio", Map.of("secret-key", "second-key-456"), List.of());
            Rehearsal.assertSettled(model.settle(Progress.NONE), dir);
            ErrorResponseException rotated = assertThrows(ErrorResponseException.class,
                    () -> first.bucketExists(BucketExistsArgs.builder().bucket("mlpipeline").build()));
            assertEquals(403, rotated.response().code(), "the old key after the rotation");
            assertTrue(client(ip, port, "second-key-456").bucketExists(BucketExistsArgs.builder().bucket("mlpipeline").build()));
        }
        assertThrows(ConnectException.class, () -> new Socket(ip, port).close(), "nothing runs between commands");
        List<String> log = LocalModel.readLog(dir, 400, Optional.of("minio/0"));
        assertTrue(log.stream().anyMatch(l -> l.contains("jcharm.local.workload minio: started: S3 API on http://" + ip + ":" + port)),
                String.join("\n", log));
        assertFalse(String.join("\n", log).contains("second-key-456"), "no secret in the log");

        try (LocalModel model = LocalModel.open(dir, Rehearsal.options())) {
            model.updateStatus();
            Rehearsal.assertSettled(model.settle(Progress.NONE), dir);
            try (InputStream in = client(ip, port, "second-key-456").getObject(
                    GetObjectArgs.builder().bucket("mlpipeline").object("artifacts/run-1/out.txt").build())) {
                assertArrayEquals(body, in.readAllBytes(), "the next command serves what the last one stored");
            }
            model.removeApplication("minio", false);
            Rehearsal.assertSettled(model.settle(Progress.NONE), dir);
            assertThrows(ConnectException.class, () -> new Socket(ip, port).close(), "stopped with the application");
            assertFalse(Files.exists(dir.resolve("workloads/minio")), "its data goes with it");
        }
    }
}
