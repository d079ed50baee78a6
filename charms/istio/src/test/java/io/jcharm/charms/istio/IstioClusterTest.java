package io.jcharm.charms.istio;

import io.jcharm.kubernetes.KubeOptions;
import io.jcharm.kubernetes.RetryPolicy;
import io.jcharm.kubernetes.testing.MockCluster;
import io.jcharm.testing.Context;
import io.jcharm.testing.State;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The istio charm against fabric8's mock API server (CRUD): a fresh cluster per test, the
 * charm's test context with short Kubernetes timeouts, and a leader in model {@code kubeflow}
 * pointed at the cluster.
 *
 * <pre>{@code
 * class MyTest extends IstioClusterTest {
 *     @Test void installs() { assertEquals(Status.active(), ctx.run(Events.install(), base).unitStatus()); }
 * }
 * }</pre>
 */
abstract class IstioClusterTest {
    static final String NS = "kubeflow";
    static final KubeOptions FAST = KubeOptions.DEFAULT.withPollInterval(Duration.ofMillis(10))
            .withRetry(new RetryPolicy(2, Duration.ofMillis(1), 1.0, Duration.ofMillis(1)))
            .withCrdTimeout(Duration.ofSeconds(10));

    @TempDir
    Path tmp;
    MockCluster cluster;
    Context ctx;
    State base;

    @BeforeEach
    void startCluster() {
        cluster = new MockCluster(tmp);
        ctx = Context.of(() -> new IstioCharm(FAST));
        base = State.empty().withLeader(true).withModel(NS, "5f1c7e2a-0000-4000-8000-00000000000a")
                .withEnvironment(cluster.env());
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }
}
