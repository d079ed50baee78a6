package io.jcharm.charms.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.s3.server.S3Server;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import io.jcharm.testing.faults.FaultChecks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What mlflow's two fault test classes share: one install per class (a leader on MySQL, its
 * artifacts in a real S3 server's bucket, every relation Charmed MLflow speaks), a user's run
 * artifact in that bucket, and the checks each cell makes: the MySQL password and the S3 key
 * show nowhere an operator reads, the artifact and the secrets survive, the retry converges.
 *
 * <pre>{@code
 * class MyFaultsTest extends MlflowFaultsBase { @Test void t() { f.ctx.run(Events.configChanged(), running); } }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MlflowFaultsBase {
    static final String C = MlflowCharm.CONTAINER;
    static final String KEY = "minio-s3cr3t-key-77";
    static final String PASSWORD = "Zx9-mysql-pass-41";
    static final String ARTIFACT = "1/0a1b2c3d/artifacts/model/model.pkl";

    @TempDir
    static Path tmp;
    S3Server s3;
    MlflowFixture f;
    /** Unlike {@code f.ctx}, a 300 ms Kubernetes request timeout, for the timeout cells. */
    Context quick;
    final SecretState user = SecretState.granted(Map.of("username", "relation-7", "password", PASSWORD));
    RelationState storage;
    RelationState mysql;
    final RelationState ingress = RelationState.of("ingress", "istio-pilot").withId(61)
            .withRemoteAppData(Map.of("_supported_versions", "- v1\n- v2\n"));
    final RelationState secrets = RelationState.of("secrets", "resource-dispatcher").withId(62);
    final RelationState tracking = RelationState.of("tracking", "jupyter").withId(63);
    /** Before the first hook: the leader with every relation, nothing stored. */
    State base;
    /** The installed leader, as the next hook sees it: plan, files and stored state carried over. */
    State running;
    Map<String, String> artifacts;

    @BeforeAll
    void install() {
        s3 = S3Server.start("minio", KEY);
        f = new MlflowFixture(tmp, s3);
        quick = Context.of(() -> new MlflowCharm(MlflowFixture.FAST.withRequestTimeout(Duration.ofMillis(300))));
        storage = f.objectStorage(KEY).withId(60);
        mysql = mysqlWith(Map.of());
        base = f.leader.withRelation(storage).withRelation(mysql).withRelation(ingress).withRelation(secrets)
                .withRelation(tracking).withSecret(user);
        State installed = f.ctx.run(Events.pebbleReady(C), base);
        assertEquals(Status.active(), installed.unitStatus());
        assertTrue(MlflowFixture.server(installed).environment().get("MLFLOW_BACKEND_STORE_URI").startsWith("mysql+pymysql://"));
        running = carried(installed);
        BlobStore blobs = s3.blobStore();
        blobs.putBlob("mlflow", blobs.blobBuilder(ARTIFACT).payload("a user's model".getBytes(StandardCharsets.UTF_8)).build());
        artifacts = artifacts();
    }

    @AfterAll
    void stop() {
        f.close();
        s3.close();
    }

    /** mysql-k8s's answer on relational-db, {@code more} replacing or adding keys. */
    RelationState mysqlWith(Map<String, String> more) {
        Map<String, String> data = new TreeMap<>(Map.of("database", "mlflow", "endpoints",
                "mysql-k8s-primary.kubeflow.svc.cluster.local:3306", "version", "8.0.41", "secret-user", user.id()));
        data.putAll(more);
        return RelationState.of("relational-db", "mysql-k8s").withId(64).withRemoteAppData(data);
    }

    static State carried(State out) {
        return out.withContainer(out.container(C).carriedOver());
    }

    /** The server as the carried-over plan of {@code in} runs it. */
    static io.jcharm.pebble.layer.Service planned(State in) {
        return in.container(C).layers().values().iterator().next().services().get(ServerLayer.SERVICE);
    }

    /** Every object in the S3 server's buckets, by bucket/key, with its content. */
    Map<String, String> artifacts() {
        Map<String, String> all = new TreeMap<>();
        BlobStore blobs = s3.blobStore();
        for (StorageMetadata bucket : blobs.list()) {
            for (StorageMetadata o : blobs.list(bucket.getName(), ListContainerOptions.Builder.recursive())) {
                try (var in = blobs.getBlob(bucket.getName(), o.getName()).getPayload().openStream()) {
                    all.put(bucket.getName() + "/" + o.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        return all;
    }

    /**
     * The MySQL password shows nowhere (it is only in the 0600 option file), and the S3 key nowhere
     * but where handing it on is the purpose: the server's environment (boto3 reads it there, as in
     * Charmed MLflow), the {@code secrets} manifests (resource-dispatcher's protocol) and the
     * tracking secret. Process arguments, commands run, logs, statuses, stored state, other relation
     * data and Kubernetes objects are searched.
     */
    void noSecretShown(State out) {
        List<String> objects = new ArrayList<>(f.cluster.objects().values());
        FaultChecks.assertNoSecretIn(out, List.of(PASSWORD), objects);
        List<String> texts = new ArrayList<>(objects);
        for (ContainerState c : out.containers()) {
            c.plan().ifPresent(p -> p.services().values().forEach(svc -> texts.add(svc.command())));
            texts.add(c.execHistory().toString());
        }
        FaultChecks.assertNoSecretIn(out.withoutRelation(secrets.id()).withContainers(List.of()), List.of(KEY), texts);
    }

    /** Nothing lost: the secrets and stored state of {@code in}, the user's artifacts. */
    void nothingLost(State in, State out, String... mayChange) {
        FaultChecks.assertNothingLost(in, out, mayChange);
        FaultChecks.assertKept(artifacts, artifacts());
    }

    /** The fault healed, Juju's retry (config-changed) converges on {@code in}, idempotently, keeping everything. */
    State convergesKeeping(State in) {
        f.cluster.heal();
        State retried = FaultChecks.assertIdempotent(f.ctx, Events.configChanged(), in, f.cluster::objects);
        assertEquals(Status.active(), retried.unitStatus());
        nothingLost(in, retried);
        noSecretShown(retried);
        return retried;
    }
}
