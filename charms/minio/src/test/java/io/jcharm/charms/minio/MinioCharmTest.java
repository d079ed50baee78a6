package io.jcharm.charms.minio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ServicePort;
import io.jcharm.core.Status;
import io.jcharm.kubernetes.KubeOptions;
import io.jcharm.kubernetes.RetryPolicy;
import io.jcharm.kubernetes.testing.MockCluster;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.Service;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State-transition tests for every status and relation; the leader talks to fabric8's mock API
 * server (CRUD), which holds the Service Juju made for the application.
 */
class MinioCharmTest {
    static final String NS = "kubeflow";
    static final KubeOptions FAST = KubeOptions.DEFAULT.withPollInterval(Duration.ofMillis(10))
            .withRetry(new RetryPolicy(2, Duration.ofMillis(1), 1.0, Duration.ofMillis(1)));
    static final Map<String, String> KEPT = Map.of("secret-key", "KEPTKEY0123456789ABCDEFGHIJKLM");

    @TempDir
    Path tmp;
    MockCluster cluster;
    Context ctx;
    State leader;

    @BeforeEach
    void start() {
        cluster = new MockCluster(tmp);
        cluster.jujuService(NS, "minio");
        ctx = Context.of(() -> new MinioCharm(FAST));
        leader = State.empty().withLeader(true).withModel(NS, "5f1c7e2a-0000-4000-8000-0000000000a1")
                .withEnvironment(cluster.env()).withContainer(ContainerState.reachable(MinioCharm.CONTAINER));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    static Service minio(State out) {
        return out.container(MinioCharm.CONTAINER).planOrFail().services().get(MinioLayer.SERVICE);
    }

    @Test
    void leaderGeneratesTheKeyOnceKeepsItInASecretAndRunsMinio() {
        State out = ctx.run(Events.pebbleReady(MinioCharm.CONTAINER), leader);

        assertEquals(Status.active(), out.unitStatus());
        SecretState kept = out.secretByLabel(SecretKeyComponent.LABEL).orElseThrow();
        assertEquals("application", kept.owner().orElseThrow());
        String key = kept.content().get("secret-key");
        assertTrue(key.matches("[A-Z0-9]{30}"), "30 characters of A-Z0-9");
        Service svc = minio(out);
        assertEquals("minio server /data --address :9000 --console-address :9001 --certs-dir /minio/.minio/certs",
                svc.command());
        assertEquals(Map.of("MINIO_ROOT_USER", "minio", "MINIO_ROOT_PASSWORD", key, "MINIO_PROMETHEUS_AUTH_TYPE", "public"),
                svc.environment());
        assertEquals("active", out.container(MinioCharm.CONTAINER).serviceStatuses().get(MinioLayer.SERVICE));
        assertEquals("http://localhost:9000/minio/health/ready",
                out.container(MinioCharm.CONTAINER).planOrFail().checks().get(MinioLayer.READY).http().url());
        assertEquals("http://localhost:9000/minio/health/live",
                out.container(MinioCharm.CONTAINER).planOrFail().checks().get(MinioLayer.ALIVE).http().url());
        assertFalse(String.join("\n", out.logs()).contains(key), "the key is never logged");
        assertFalse(svc.command().contains(key), "nor on the command line");
        assertTrue(String.join("\n", out.logs()).contains("adding Pebble layer minio to minio and replanning"));
    }

    @Test
    void theKeptKeySurvivesANewPodAndAnUpgrade() {
        State in = leader.withSecret(SecretState.ownedByApp(SecretKeyComponent.LABEL, KEPT));
        State out = ctx.run(Events.upgradeCharm(), in);
        assertEquals(KEPT.get("secret-key"), minio(out).environment().get("MINIO_ROOT_PASSWORD"));
        assertEquals(1, out.secrets().size(), "no second key");
    }

    @Test
    void followerWaitsForTheLeadersKeyThenRunsMinioWithIt() {
        State follower = leader.withLeader(false);
        State waiting = ctx.run(Events.pebbleReady(MinioCharm.CONTAINER), follower);
        assertEquals(Status.waiting("[secret-key] waiting for the leader to generate the secret key"), waiting.unitStatus());
        assertTrue(waiting.secrets().isEmpty(), "a follower never makes the key");
        assertFalse(waiting.container(MinioCharm.CONTAINER).planOrFail().services().containsKey(MinioLayer.SERVICE));

        State out = ctx.run(Events.secretChanged(SecretState.ownedByApp(SecretKeyComponent.LABEL, KEPT)),
                follower.withSecret(SecretState.ownedByApp(SecretKeyComponent.LABEL, KEPT)));
        assertEquals(Status.waiting("[leader] waiting for leadership"), out.unitStatus());
        assertEquals(KEPT.get("secret-key"), minio(out).environment().get("MINIO_ROOT_PASSWORD"));
    }

    @Test
    void aShortSecretKeyBlocksNamingTheRuleNotTheValue() {
        State out = ctx.run(Events.configChanged(), leader.withConfig(Map.of("secret-key", "short12")));
        assertEquals(Status.blocked("[config] invalid config secret-key: must be at least 8 characters long "
                + "(or empty, to have one generated)"), out.unitStatus());
        assertFalse(out.unitStatus().message().contains("short12"));
        assertFalse(out.container(MinioCharm.CONTAINER).planOrFail().services().containsKey(MinioLayer.SERVICE));
    }

    @Test
    void badConfigBlocksNamingTheOption() {
        assertBlocked("[config] invalid config mode: must be one of server, gateway, got \"invalid-mode\"",
                Map.of("mode", "invalid-mode"));
        assertBlocked("[config] invalid config gateway-storage-service: gateway mode requires s3 or azure, got \"\"",
                Map.of("mode", "gateway"));
        assertBlocked("[config] invalid config console-port: must differ from port (both are 9000)",
                Map.of("console-port", 9000L));
        assertBlocked("[config] invalid config access-key: must be at least 3 characters long", Map.of("access-key", "mi"));
        assertBlocked("[config] invalid config ssl-key: ssl-cert and ssl-key go together: set both or neither",
                Map.of("ssl-cert", "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg=="));
        assertBlocked("[config] invalid config ssl-cert: is not base64: encode the PEM file with base64 -w0",
                Map.of("ssl-cert", "not base64!", "ssl-key", "bm90IGEga2V5"));
        assertBlocked("[config] invalid config port: must be between 1 and 65535, got 70000", Map.of("port", 70000L));
    }

    private void assertBlocked(String message, Map<String, Object> config) {
        State out = ctx.run(Events.configChanged(), leader.withConfig(config));
        assertEquals(Status.blocked(message), out.unitStatus());
    }

    @Test
    void gatewayModeBuildsTheGatewayCommand() {
        State out = ctx.run(Events.configChanged(), leader.withConfig(Map.of("mode", "gateway",
                "gateway-storage-service", "s3", "storage-service-endpoint", "https://s3.example.com")));
        assertEquals("minio gateway s3 https://s3.example.com --address :9000 --console-address :9001", minio(out).command());
    }

    @Test
    void objectStorageGetsTheCharmhubPayload() {
        RelationState rel = RelationState.of("object-storage", "mlflow-server")
                .withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
        State out = ctx.run(Events.relationChanged(rel), leader.withConfig(Map.of("secret-key", "minio123"))
                .withRelation(rel));
        assertEquals(Status.active(), out.unitStatus());
        assertEquals("access-key: minio\nnamespace: kubeflow\nport: 9000\nsecret-key: minio123\nsecure: false\n"
                + "service: minio\n", out.relation(rel.id()).localAppData().get("data"));
    }

    @Test
    void aConsumerThatListedNoVersionsWaitsWithoutHoldingBackTheOthers() {
        RelationState ready = RelationState.of("object-storage", "kfp-api")
                .withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
        RelationState silent = RelationState.of("object-storage", "mlflow-server").withId(ready.id() + 1);
        State out = ctx.run(Events.relationCreated(silent), leader.withRelation(ready).withRelation(silent));
        assertEquals(Status.waiting("[relation:object_storage] List of object-storage versions not found for apps: "
                + "mlflow-server"), out.unitStatus());
        assertTrue(out.relation(ready.id()).localAppData().containsKey("data"), "kfp-api still got its data");
        assertEquals("- v1\n", out.relation(silent.id()).localAppData().get("_supported_versions"));
    }

    @Test
    void incompatibleVersionsBlockWithCharmedKubeflowsText() {
        RelationState rel = RelationState.of("object-storage", "argo-controller")
                .withRemoteAppData(Map.of("_supported_versions", "- v2\n"));
        State out = ctx.run(Events.relationChanged(rel), leader.withRelation(rel));
        assertEquals(Status.blocked("[relation:object_storage] No compatible object-storage versions found for apps: "
                + "argo-controller"), out.unitStatus());
    }

    @Test
    void rotatingTheSecretKeyRestartsMinioAndTellsTheConsumers() {
        RelationState rel = RelationState.of("object-storage", "mlflow-server")
                .withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
        State first = ctx.run(Events.configChanged(), leader.withConfig(Map.of("secret-key", "first-key-1"))
                .withRelation(rel));
        State in = first.withConfig(Map.of("secret-key", "second-key-2"))
                .withContainer(first.container(MinioCharm.CONTAINER).carriedOver());
        State out = ctx.run(Events.configChanged(), in);
        assertEquals("second-key-2", minio(out).environment().get("MINIO_ROOT_PASSWORD"));
        assertEquals("active", out.container(MinioCharm.CONTAINER).serviceStatuses().get(MinioLayer.SERVICE));
        assertTrue(out.relation(rel.id()).localAppData().get("data").contains("secret-key: second-key-2"));
    }

    @Test
    void tlsFromAJujuSecretPushesTheFilesAndSaysSecure() {
        SecretState tls = SecretState.granted(Map.of("tls-crt", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
                "tls-key", "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"));
        RelationState rel = RelationState.of("object-storage", "mlflow-server")
                .withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
        State out = ctx.run(Events.configChanged(), leader.withSecret(tls).withRelation(rel)
                .withConfig(Map.of("tls-secret", tls.id())));
        Map<String, String> files = out.container(MinioCharm.CONTAINER).files();
        assertEquals(tls.content().get("tls-crt"), files.get("/minio/.minio/certs/public.crt"));
        assertEquals(tls.content().get("tls-key"), files.get("/minio/.minio/certs/private.key"));
        assertTrue(out.relation(rel.id()).localAppData().get("data").contains("secure: true"));
        assertEquals(9000, out.container(MinioCharm.CONTAINER).planOrFail().checks().get(MinioLayer.READY).tcp().port());
        assertFalse(String.join("\n", out.logs()).contains("MIIE"), "the TLS key is never logged");

        State off = ctx.run(Events.configChanged(), out.withConfig(Map.of())
                .withContainer(out.container(MinioCharm.CONTAINER).carriedOver()));
        assertFalse(off.container(MinioCharm.CONTAINER).files().containsKey("/minio/.minio/certs/private.key"),
                "turning TLS off removes the key");
    }

    @Test
    void aTlsSecretNotGrantedBlocksWithTheGrantCommand() {
        State out = ctx.run(Events.configChanged(), leader.withConfig(Map.of("tls-secret", "secret:cv0tmpd2ju3s6aaaaaaa")));
        assertEquals(Status.blocked("[tls] tls-secret secret:cv0tmpd2ju3s6aaaaaaa not found or not granted: "
                + "juju grant-secret secret:cv0tmpd2ju3s6aaaaaaa minio"), out.unitStatus());
    }

    @Test
    void waitsForPebble() {
        State out = ctx.run(Events.install(), leader.withContainer(ContainerState.unreachable(MinioCharm.CONTAINER)));
        assertEquals(Status.waiting("[container:minio] waiting for the minio container (Pebble not reachable yet)"),
                out.unitStatus());
    }

    @Test
    void theServiceExposesTheS3AndConsolePortsAndFollowsConfig() {
        ctx.run(Events.configChanged(), leader.withConfig(Map.of("port", 9100L, "console-port", 9101L)));
        List<ServicePort> ports = cluster.admin.services().inNamespace(NS).withName("minio").get().getSpec().getPorts();
        assertEquals(List.of("minio:9100", "minio-console:9101"),
                ports.stream().map(p -> p.getName() + ":" + p.getPort()).toList());
    }

    @Test
    void withoutTrustTheLeaderBlocksButMinioStillRuns() {
        cluster.server.expect().get().withPath("/api/v1/namespaces/" + NS + "/services/minio")
                .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\"}").always();
        State out = ctx.run(Events.configChanged(), leader);
        assertEquals("blocked", out.unitStatus().name());
        assertTrue(out.unitStatus().message().startsWith("[service] "), out.unitStatus().message());
        assertEquals("active", out.container(MinioCharm.CONTAINER).serviceStatuses().get(MinioLayer.SERVICE));
    }

    @Test
    void metricsEndpointScrapesTheClusterMetricsPath() {
        RelationState prom = RelationState.of("metrics-endpoint", "prometheus");
        State out = ctx.run(Events.relationJoined(prom), leader.withRelation(prom));
        String jobs = out.relation(prom.id()).localAppData().get("scrape_jobs");
        assertTrue(jobs.contains("\"metrics_path\":\"/minio/v2/metrics/cluster\""), jobs);
        assertTrue(jobs.contains("\"*:9000\""), jobs);
        assertTrue(jobs.startsWith("[{\"job_name\":\"minio_metrics\",\"scrape_interval\":\"30s\","), jobs);
    }

    @Test
    void aRunningLayerIsNotReplannedWhenNothingChanged() {
        State first = ctx.run(Events.configChanged(), leader.withSecret(SecretState.ownedByApp(SecretKeyComponent.LABEL, KEPT)));
        Layer carried = Layer.parse(first.container(MinioCharm.CONTAINER).planOrFail().toYaml());
        State out = ctx.run(Events.updateStatus(), first.withContainer(ContainerState.reachable(MinioCharm.CONTAINER)
                .withLayer(MinioCharm.CONTAINER, carried).withRunning(MinioLayer.SERVICE)));
        assertFalse(String.join("\n", out.logs()).contains("replanning"), String.join("\n", out.logs()));
    }

    @Test
    void grafanaGetsTheMinioDashboardAndLokiTheServicesLogs() {
        RelationState grafana = RelationState.of("grafana-dashboard", "grafana");
        RelationState loki = RelationState.of("logging", "loki").withRemoteUnitsData(Map.of("loki/0",
                Map.of("endpoint", "{\"url\": \"http://loki-0.loki-endpoints.cos.svc.cluster.local:3100/loki/api/v1/push\"}")));
        State out = ctx.run(Events.relationChanged(loki), leader.withRelation(grafana).withRelation(loki));
        String dashboards = out.relation(grafana.id()).localAppData().get("dashboards");
        assertTrue(dashboards.contains("\"file:minio.json\":{\"charm\":\"minio\""), dashboards);
        assertEquals("loki", out.container(MinioCharm.CONTAINER).planOrFail().logTargets().get("loki/0").type());
    }
}
