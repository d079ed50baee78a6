package io.jcharm.kubernetes.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh {@link MockCluster} for every test (its kubeconfig in a temporary directory of its
 * own), closed and deleted after it: the lifecycle a charm's Kubernetes test class would
 * otherwise write out with a {@code @TempDir} and a {@code @BeforeEach}/{@code @AfterEach} pair.
 *
 * <pre>{@code
 * @RegisterExtension
 * final MockClusterExtension k8s = new MockClusterExtension();
 * ...
 * State out = ctx.run(Events.configChanged(), State.empty().withEnvironment(k8s.cluster().env()));
 * }</pre>
 */
public final class MockClusterExtension implements BeforeEachCallback, AfterEachCallback {
    private Path dir;
    private MockCluster cluster;

    /** The running test's cluster. */
    public MockCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("no test is running: register this with @RegisterExtension on an instance field");
        }
        return cluster;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("jcharm-mock-cluster");
        cluster = new MockCluster(dir);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            cluster.close();
        } finally {
            cluster = null;
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + dir, e);
            }
        }
    }
}
