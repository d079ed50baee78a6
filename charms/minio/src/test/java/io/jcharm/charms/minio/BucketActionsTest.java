package io.jcharm.charms.minio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.s3.server.S3Server;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bucket actions against a real S3 server (S3Proxy on 127.0.0.1) standing in for the
 * workload: the charm reaches it on localhost at the configured port, with the root key from
 * the Juju secret, as it reaches MinIO in the same pod.
 */
class BucketActionsTest {
    static final String KEY = "GENERATEDKEY0123456789ABCDEFGH";
    static S3Server s3;
    final Context ctx = Context.of(MinioCharm::new);

    @BeforeAll
    static void start() {
        s3 = S3Server.start("minio", KEY);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    /** A unit whose root key is the one the leader generated, and whose port is the S3 server's. */
    static State unit() {
        return State.empty().withLeader(true).withConfig(Map.of("port", (long) s3.port()))
                .withSecret(SecretState.ownedByApp(SecretKeyComponent.LABEL, Map.of("secret-key", KEY)));
    }

    @Test
    void createBucketMakesItOnTheServer() {
        State out = ctx.run(Events.action("create-bucket", Map.of("name", "datasets")), unit());
        assertEquals(Optional.empty(), out.actionFailure());
        assertEquals(Map.of("bucket", "datasets", "created", "true"), out.actionResults());
        assertTrue(s3.bucketNames().contains("datasets"), s3.bucketNames().toString());

        State again = ctx.run(Events.action("create-bucket", Map.of("name", "datasets")), unit());
        assertEquals("false", again.actionResults().get("created"), "an existing bucket is left alone");
    }

    @Test
    void listBucketsShowsWhatTheServerHolds() {
        s3.blobStore().createContainerInLocation(null, "listed-one");
        State out = ctx.run(Events.action("list-buckets", Map.of()), unit());
        List<String> names = List.of(out.actionResults().get("buckets").split(","));
        assertTrue(names.contains("listed-one"), names.toString());
        assertEquals(String.valueOf(s3.bucketNames().size()), out.actionResults().get("count"));
    }

    @Test
    void anInvalidNameFailsTheActionSayingWhy() {
        State out = ctx.run(Events.action("create-bucket", Map.of("name", "Not_Valid")), unit());
        assertEquals(Optional.of("\"Not_Valid\" is not a valid S3 bucket name: it must use only lowercase letters, "
                + "digits, '.' and '-'"), out.actionFailure());
    }

    @Test
    void aWrongKeyIsDeniedAndNeverShown() {
        State in = unit().withConfig(Map.of("port", (long) s3.port(), "secret-key", "not-the-servers-key"));
        State out = ctx.run(Events.action("list-buckets", Map.of()), in);
        String failure = out.actionFailure().orElseThrow();
        assertTrue(failure.startsWith("cannot list buckets at http://localhost:" + s3.port() + ": "), failure);
        assertFalse(failure.contains("not-the-servers-key"));
    }

    @Test
    void anUnreachableMinioFailsTheActionNotTheHook() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        State out = ctx.run(Events.action("list-buckets", Map.of()), unit().withConfig(Map.of("port", (long) closed)));
        assertTrue(out.actionFailure().orElseThrow().startsWith("MinIO is not reachable yet (cannot list buckets at "
                + "http://localhost:" + closed), out.actionFailure().get());
    }

    @Test
    void aFollowerBeforeTheKeyExistsFailsClearly() {
        State out = ctx.run(Events.action("list-buckets", Map.of()), State.empty());
        assertEquals(Optional.of("the root credentials are not ready: waiting for the leader to generate the secret key"),
                out.actionFailure());
    }
}
