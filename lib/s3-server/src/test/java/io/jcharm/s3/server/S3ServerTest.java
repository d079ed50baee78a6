package io.jcharm.s3.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk server through MinIO's SDK: objects on disk survive a restart, a wrong key is refused. */
class S3ServerTest {
    @TempDir
    Path tmp;

    private static MinioClient client(S3Server s, String access, String secret) {
        return MinioClient.builder().endpoint(s.url()).credentials(access, secret).build();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void onDiskKeepsObjectsAcrossARestartOnTheSameAddress() throws Exception {
        int port = freePort();
        byte[] body = "hello from a rehearsal".getBytes(StandardCharsets.UTF_8);
        try (S3Server s = S3Server.onDisk(tmp.resolve("data"), "127.0.0.1", port, "minio", "minio-secret-1")) {
            assertEquals("http://127.0.0.1:" + port, s.url());
            MinioClient c = client(s, "minio", "minio-secret-1");
            c.makeBucket(MakeBucketArgs.builder().bucket("mlflow").build());
            c.putObject(PutObjectArgs.builder().bucket("mlflow").object("runs/1.txt")
                    .stream(new ByteArrayInputStream(body), body.length, -1).build());
        }
        assertTrue(Files.isDirectory(tmp.resolve("data/mlflow")), "a bucket is a directory under the data directory");
        try (S3Server s = S3Server.onDisk(tmp.resolve("data"), "127.0.0.1", port, "minio", "minio-secret-2")) {
            MinioClient c = client(s, "minio", "minio-secret-2");
            assertTrue(c.bucketExists(BucketExistsArgs.builder().bucket("mlflow").build()));
            try (InputStream in = c.getObject(GetObjectArgs.builder().bucket("mlflow").object("runs/1.txt").build())) {
                assertArrayEquals(body, in.readAllBytes());
            }
            ErrorResponseException e = assertThrows(ErrorResponseException.class,
                    () -> client(s, "minio", "minio-secret-1").bucketExists(BucketExistsArgs.builder().bucket("mlflow").build()));
            assertEquals(403, e.response().code(), "the old key after a rotation: " + e.getMessage());
        }
    }

    @Test
    void anAddressInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> S3Server.onDisk(tmp.resolve("d"), "127.0.0.1", taken.getLocalPort(), "minio", "minio123"));
            assertTrue(e.getMessage().startsWith("cannot start S3Proxy on 127.0.0.1:" + taken.getLocalPort() + ": "), e.getMessage());
        }
    }
}
