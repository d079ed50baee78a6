package io.jcharm.charms.mlflow;

import io.jcharm.kubernetes.KubeOptions;
import io.jcharm.kubernetes.RetryPolicy;
import io.jcharm.kubernetes.testing.MockCluster;
import io.jcharm.pebble.emulator.ExecReply;
import io.jcharm.pebble.layer.Service;
import io.jcharm.s3.server.S3Server;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the mlflow tests share: a mock API server holding the application's Service, a real S3
 * server standing in for MinIO, a leader in model {@value #NS} whose workload answers
 * {@code mlflow --version}, and object-storage data pointing at the S3 server.
 *
 * <pre>{@code
 * MlflowFixture f = new MlflowFixture(tmp, s3);
 * State out = f.ctx.run(Events.pebbleReady(MlflowCharm.CONTAINER), f.leader);
 * }</pre>
 */
final class MlflowFixture implements AutoCloseable {
    static final String NS = "kubeflow";
    static final String APP = "mlflow-server";
    static final String VERSION = "mlflow, version 2.22.0\n";
    static final KubeOptions FAST = KubeOptions.DEFAULT.withPollInterval(Duration.ofMillis(10))
            .withRetry(new RetryPolicy(2, Duration.ofMillis(1), 1.0, Duration.ofMillis(1)));
    final MockCluster cluster;
    final Context ctx = Context.of(() -> new MlflowCharm(FAST));
    final State leader;
    final S3Server s3;

    MlflowFixture(Path tmp, S3Server s3) {
        this.s3 = s3;
        cluster = new MockCluster(tmp);
        cluster.jujuService(NS, APP);
        leader = State.empty().withLeader(true).withModel(NS, "5f1c7e2a-0000-4000-8000-0000000000f1")
                .withEnvironment(cluster.env()).withContainer(workload(VERSION));
    }

    /** The workload container whose `mlflow --version` prints {@code version}. */
    static ContainerState workload(String version) {
        return ContainerState.reachable(MlflowCharm.CONTAINER)
                .withExec(List.of("mlflow", "--version"), ExecReply.ok(version));
    }

    /** What our minio (or Charmhub's) writes, pointing at the S3 server: no namespace, so the host is "localhost". */
    RelationState objectStorage(String secretKey) {
        return RelationState.of("object-storage", "minio").withRemoteAppData(Map.of("_supported_versions", "- v1\n",
                "data", "access-key: minio\nport: " + s3.port() + "\nsecret-key: " + secretKey
                        + "\nsecure: false\nservice: localhost\n"));
    }

    static Service server(State out) {
        return out.container(MlflowCharm.CONTAINER).planOrFail().services().get(ServerLayer.SERVICE);
    }

    @Override
    public void close() {
        cluster.close();
    }
}
