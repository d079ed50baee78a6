package io.jcharm.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.s3.server.S3Server;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MinIO's SDK against a real S3 server (S3Proxy on loopback). */
class BucketsTest {
    static S3Server server;

    @BeforeAll
    static void start() {
        server = S3Server.start("minio", "minio123");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Buckets as(String accessKey, String secretKey) {
        return Buckets.connect(new S3Endpoint(server.url(), accessKey, secretKey, Optional.empty()));
    }

    @Test
    void createsChecksAndListsBuckets() throws Exception {
        try (Buckets s3 = as("minio", "minio123")) {
            assertFalse(s3.exists("created-here"));
            assertTrue(s3.create("created-here"));
            assertTrue(s3.exists("created-here"));
            assertTrue(server.bucketNames().contains("created-here"), "the server itself holds it: " + server.bucketNames());
            assertTrue(s3.list().contains("created-here"));
            assertFalse(s3.create("created-here"), "a second create changes nothing");
        }
    }

    @Test
    void listsBucketsMadeOutsideTheClient() throws Exception {
        server.blobStore().createContainerInLocation(null, "made-by-the-store");
        try (Buckets s3 = as("minio", "minio123")) {
            assertTrue(s3.list().contains("made-by-the-store"));
        }
    }

    @Test
    void wrongSecretKeyIsDenied() {
        try (Buckets s3 = as("minio", "not-the-key")) {
            S3Exception e = assertThrows(S3Exception.class, s3::list);
            assertEquals(S3Exception.Kind.DENIED, e.kind(), e.getMessage());
            assertTrue(e.getMessage().startsWith("cannot list buckets at " + server.url() + ": "), e.getMessage());
            assertFalse(e.getMessage().contains("not-the-key"), "the secret is never in a message");
            assertEquals(Status.blocked(e.getMessage() + "; check the object-storage credentials"), e.toStatus().status());
        }
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (Buckets s3 = Buckets.connect(new S3Endpoint("http://127.0.0.1:" + port, "minio", "minio123", Optional.empty()))) {
            S3Exception e = assertThrows(S3Exception.class, () -> s3.exists("mlflow"));
            assertEquals(S3Exception.Kind.UNREACHABLE, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
            assertEquals(Status.waiting("waiting for object storage: " + e.getMessage()), e.toStatus().status());
        }
    }

    @Test
    void anyOtherFailureIsBlockedWithTheServersAnswer() {
        S3Exception e = new S3Exception(S3Exception.Kind.FAILED, "cannot create bucket x at http://s3: InternalError", null);
        assertEquals(Status.blocked("cannot create bucket x at http://s3: InternalError"), e.toStatus().status());
    }

    @Test
    void invalidBucketNamesAreRefusedBeforeAnyRequest() {
        try (Buckets s3 = as("minio", "minio123")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s3.create("Bad_Name"));
            assertEquals("\"Bad_Name\" is not a valid S3 bucket name: it must use only lowercase letters, digits, '.' and '-'",
                    e.getMessage());
        }
    }

    @Test
    void bucketNameRules() {
        assertEquals(Optional.empty(), BucketName.problem("mlflow"));
        assertEquals(Optional.empty(), BucketName.problem("my.bucket-01"));
        for (String bad : List.of("ab", "a".repeat(64), "-mlflow", "mlflow-", "my..bucket", "192.168.0.1", "xn--abc",
                "data-s3alias", "UPPER")) {
            assertTrue(BucketName.problem(bad).isPresent(), bad);
        }
        assertEquals(Optional.of("must not be formatted as an IP address"), BucketName.problem("10.0.0.1"));
    }
}
