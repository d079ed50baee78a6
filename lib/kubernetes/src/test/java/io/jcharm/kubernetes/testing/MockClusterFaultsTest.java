package io.jcharm.kubernetes.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The faults MockCluster injects hit the charm's requests only, and the store snapshot sees every write. */
class MockClusterFaultsTest {
    @TempDir
    Path tmp;
    MockCluster cluster;
    KubernetesClient charm;

    @BeforeEach
    void start() throws Exception {
        cluster = new MockCluster(tmp);
        // As the charm connects: through the kubeconfig MockCluster writes (and its relay).
        charm = client(500);
    }

    private KubernetesClient client(int timeoutMillis) {
        try {
            Config c = new ConfigBuilder(Config.fromKubeconfig(Files.readString(Path.of(cluster.env().get("KUBECONFIG")))))
                    .withRequestTimeout(timeoutMillis).withConnectionTimeout(timeoutMillis)
                    .withRequestRetryBackoffLimit(0).build();
            return new KubernetesClientBuilder().withConfig(c).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        charm.close();
        cluster.close();
    }

    private void create(KubernetesClient client, String name) {
        client.configMaps().inNamespace("m").resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
                .addToData("k", "v").build()).create();
    }

    @Test
    void statusFaultAnswersTheCharmWithAKubernetesStatusAndSparesTheTestClient() {
        cluster.inject(ApiFault.status("POST", "/configmaps", 409, "the object has been modified").times(1));
        create(cluster.admin, "mine");
        KubernetesClientException e = assertThrows(KubernetesClientException.class, () -> create(charm, "a"));
        assertEquals(409, e.getCode());
        assertTrue(e.getMessage().contains("the object has been modified"), e.getMessage());
        create(charm, "a"); // times(1): the next request goes through
        assertEquals(Map.of("k", "v"), cluster.admin.configMaps().inNamespace("m").withName("a").get().getData());
    }

    @Test
    void slowFaultTimesTheClientOutWithoutWriting() {
        cluster.inject(ApiFault.slow("POST", "/configmaps", Duration.ofSeconds(2)));
        assertThrows(KubernetesClientException.class, () -> create(charm, "a"));
        assertEquals(Map.of(), cluster.objects());
    }

    @Test
    void dropTakesTheServerAwayUntilHealed() {
        create(charm, "before");
        Map<String, String> snapshot = cluster.objects();
        cluster.inject(ApiFault.drop("POST", "/configmaps"));
        assertThrows(KubernetesClientException.class, () -> create(charm, "a"));
        assertThrows(KubernetesClientException.class, () -> charm.configMaps().inNamespace("m").withName("before").get(),
                "later requests go unanswered too");
        assertEquals(snapshot, cluster.objects(), "nothing was written while down");
        cluster.heal();
        // Juju retries the hook in a new process, so a new client; with room for a loaded machine
        // (500 ms, right for the faults above, timed out here under a load of 20).
        try (KubernetesClient retried = client(10_000)) {
            create(retried, "a");
        }
        assertNotEquals(snapshot, cluster.objects());
        assertTrue(cluster.objects().containsKey("v1/ConfigMap/m/a"), cluster.objects().keySet().toString());
    }
}
