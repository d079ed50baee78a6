package io.jcharm.charms.seldoncore;

import io.jcharm.kubernetes.certs.CertLayout;
import io.jcharm.kubernetes.certs.WebhookCertIssuer;
import io.jcharm.kubernetes.certs.WebhookCerts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.Service;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * State-transition tests that need no Kubernetes API: config, leadership, certificates, the
 * Pebble plan, gateway-info and metrics-endpoint. (A leader without an API is Blocked by its
 * kubernetes component; everything that does not depend on it still runs.)
 */
class SeldonCoreCharmTest {
    static final String NS = "kubeflow";
    static final WebhookCerts CERTS = WebhookCertIssuer.issue(OperatorObjects.WEBHOOK_CA, OperatorObjects.WEBHOOK_SERVICE, NS, Instant.now(), new SecureRandom());
    private final Context ctx = Context.of(SeldonCoreCharm::new);

    /** A follower in model kubeflow whose leader already made the certificates. */
    static State follower() {
        return State.empty().withModel(NS, "5f1c7e2a-0000-4000-8000-00000000000b")
                .withSecret(SecretState.ownedByApp(WebhookCerts.LABEL, CERTS.toSecretContent()))
                .withContainer(ContainerState.reachable(SeldonCoreCharm.CONTAINER));
    }

    private static Service manager(State out) {
        return out.container(SeldonCoreCharm.CONTAINER).planOrFail().services().get(ManagerLayer.SERVICE);
    }

    @Test
    void followerWaitsForLeadershipButRunsTheManagerWithTheSharedCertificates() {
        State out = ctx.run(Events.pebbleReady(SeldonCoreCharm.CONTAINER), follower());

        assertEquals(Status.waiting("[leader] waiting for leadership"), out.unitStatus());
        Service svc = manager(out);
        assertEquals("/manager --enable-leader-election --metrics-addr=:8080 --webhook-port 4443 --log-level=INFO",
                svc.command());
        assertEquals("active", out.container(SeldonCoreCharm.CONTAINER).serviceStatuses().get(ManagerLayer.SERVICE));
        Map<String, String> files = out.container(SeldonCoreCharm.CONTAINER).files();
        assertEquals(CERTS.caCrt(), files.get("/tmp/k8s-webhook-server/serving-certs/ca.crt"));
        assertEquals(CERTS.tlsCrt(), files.get("/tmp/k8s-webhook-server/serving-certs/tls.crt"));
        assertEquals(CERTS.tlsKey(), files.get("/tmp/k8s-webhook-server/serving-certs/tls.key"));
        assertEquals(1, out.secrets().size(), "a follower never makes certificates");
        assertFalse(String.join("\n", out.logs()).contains(pemBody(CERTS.tlsKey())), "the key is never logged");
    }

    @Test
    void staleCertificateFilesAreReplaced() {
        State in = follower().withContainer(ContainerState.reachable(SeldonCoreCharm.CONTAINER)
                .withFile("/tmp/k8s-webhook-server/serving-certs/tls.crt", "an old certificate\n"));
        State out = ctx.run(Events.upgradeCharm(), in);
        assertEquals(CERTS.files(CertLayout.CONTROLLER_RUNTIME), out.container(SeldonCoreCharm.CONTAINER).files());
    }

    @Test
    void thePlanCarriesTheEnvironmentTheManagerReads() {
        State out = ctx.run(Events.pebbleReady(SeldonCoreCharm.CONTAINER), follower().withConfig(Map.of(
                "executor-default-cpu-limit", "2", "executor-default-memory-request", "256Mi",
                "executor-container-image-and-version", "reg.local/seldon-core-executor:1.17.1")));
        Map<String, String> env = manager(out).environment();
        assertEquals(NS, env.get("POD_NAMESPACE"));
        assertEquals("false", env.get("ISTIO_ENABLED"));
        assertEquals("", env.get("ISTIO_GATEWAY"));
        assertEquals("", env.get("CONTROLLER_ID"));
        assertEquals("reg.local/seldon-core-executor:1.17.1", env.get("EXECUTOR_CONTAINER_IMAGE_AND_VERSION"));
        assertEquals("0.5", env.get("EXECUTOR_DEFAULT_CPU_REQUEST"));
        assertEquals("2", env.get("EXECUTOR_DEFAULT_CPU_LIMIT"));
        assertEquals("256Mi", env.get("EXECUTOR_DEFAULT_MEMORY_REQUEST"));
        assertEquals("512Mi", env.get("EXECUTOR_DEFAULT_MEMORY_LIMIT"));
        assertEquals("8000", env.get("EXECUTOR_SERVER_PORT"));
        assertEquals("true", env.get("USE_EXECUTOR"));
        assertEquals("", env.get("PREDICTIVE_UNIT_DEFAULT_ENV_SECRET_REF_NAME"));
        // Charmed Kubeflow's defaults, not the manager's own (10000 and 2000).
        assertEquals("2000", env.get("EXECUTOR_REQUEST_LOGGER_WORK_QUEUE_SIZE"));
        assertEquals("10000", env.get("EXECUTOR_REQUEST_LOGGER_WRITE_TIMEOUT_MS"));
        assertEquals(28, env.size(), "the documented subset: " + env.keySet());
    }

    @Test
    void portsAndLogLevelShapeTheCommand() {
        State out = ctx.run(Events.configChanged(), follower().withConfig(Map.of("webhook-port", "9443",
                "metrics-port", 9090L, "manager-log-level", "WARN")));
        // Seldon 1.17 maps WARNING, not WARN, to its warn level.
        assertEquals("/manager --enable-leader-election --metrics-addr=:9090 --webhook-port 9443 --log-level=WARNING",
                manager(out).command());
    }

    @Test
    void aConfigChangeUpdatesTheRunningManager() {
        State first = ctx.run(Events.pebbleReady(SeldonCoreCharm.CONTAINER), follower());
        State in = follower().withConfig(Map.of("executor-default-memory-limit", "1Gi"))
                .withContainer(ContainerState.reachable(SeldonCoreCharm.CONTAINER)
                        .withLayer(SeldonCoreCharm.CONTAINER, Layer.builder()
                                .service(ManagerLayer.SERVICE, manager(first)).build()));
        State out = ctx.run(Events.configChanged(), in);
        assertEquals("1Gi", manager(out).environment().get("EXECUTOR_DEFAULT_MEMORY_LIMIT"));
        assertEquals("active", out.container(SeldonCoreCharm.CONTAINER).serviceStatuses().get(ManagerLayer.SERVICE));
    }

    @Test
    void badConfigBlocksNamingTheOption() {
        assertBlocked("[config] invalid config webhook-port: must be between 1024 and 65535, got 443",
                Map.of("webhook-port", "443"));
        assertBlocked("[config] invalid config webhook-port: expected a number, got \"https\"", Map.of("webhook-port", "https"));
        assertBlocked("[config] invalid config metrics-port: must differ from webhook-port (both are 4443)",
                Map.of("metrics-port", 4443L));
        assertBlocked("[config] invalid config manager-log-level: must be one of DEBUG, INFO, WARN, WARNING, ERROR, got \"TRACE\"",
                Map.of("manager-log-level", "TRACE"));
        assertBlocked("[config] invalid config executor-default-cpu-limit: \"lots\" is not a Kubernetes quantity; use a"
                + " number with an optional suffix, such as 0.5, 500m, 512Mi or 1Gi", Map.of("executor-default-cpu-limit", "lots"));
        assertBlocked("[config] invalid config executor-default-memory-request: 1Gi is more than"
                + " executor-default-memory-limit 512Mi; Kubernetes refuses a container whose request exceeds its limit",
                Map.of("executor-default-memory-request", "1Gi"));
        assertBlocked("[config] invalid config executor-container-image-and-version: \"not an image\" is not an image"
                + " reference such as docker.io/seldonio/seldon-core-executor:1.17.1",
                Map.of("executor-container-image-and-version", "not an image"));
        assertBlocked("[config] invalid config custom_images: unknown key \"SKLEARN\"; known keys: "
                + ValuesTest.KNOWN_KEYS, Map.of("custom_images", "SKLEARN: a/b:1"));
    }

    private void assertBlocked(String status, Map<String, Object> config) {
        State out = ctx.run(Events.configChanged(), follower().withConfig(config));
        assertEquals(Status.blocked(status), out.unitStatus());
        assertTrue(out.container(SeldonCoreCharm.CONTAINER).planOrFail().services().isEmpty(),
                "the manager does not start on bad config");
    }

    @Test
    void aFollowerWithoutTheSecretWaitsAndStartsNothing() {
        State out = ctx.run(Events.pebbleReady(SeldonCoreCharm.CONTAINER),
                follower().withSecrets(List.of()));
        assertEquals(Status.waiting("[leader] waiting for leadership"), out.unitStatus());
        assertTrue(out.logs().contains("DEBUG component certs: waiting: waiting for the leader to create the webhook"
                + " certificates"), String.join("\n", out.logs()));
        assertTrue(out.container(SeldonCoreCharm.CONTAINER).files().isEmpty());
        assertTrue(out.container(SeldonCoreCharm.CONTAINER).planOrFail().services().isEmpty());
        assertTrue(out.secrets().isEmpty());
    }

    @Test
    void theLeaderMakesTheSecretOnceAndReusesIt() {
        State in = State.empty().withLeader(true).withModel(NS, "5f1c7e2a-0000-4000-8000-00000000000b")
                .withContainer(ContainerState.reachable(SeldonCoreCharm.CONTAINER));
        State first = ctx.run(Events.install(), in);
        // No Kubernetes API here: the kubernetes component blocks, the rest proceeds.
        assertTrue(first.unitStatus().message().startsWith("[crd] no Kubernetes API to talk to"),
                first.unitStatus().message());
        SecretState secret = first.secretByLabel(WebhookCerts.LABEL).orElseThrow();
        assertEquals(Optional.of("application"), secret.owner());
        WebhookCerts made = WebhookCerts.fromSecretContent(secret.content());
        assertEquals(made.files(CertLayout.CONTROLLER_RUNTIME), first.container(SeldonCoreCharm.CONTAINER).files(), "pushed files match the secret");

        State second = ctx.run(Events.upgradeCharm(), in.withSecrets(first.secrets()));
        assertEquals(1, second.secrets().size(), "no second secret");
        assertEquals(secret, second.secretByLabel(WebhookCerts.LABEL).orElseThrow(), "same id, revision and content");
        assertEquals(made.files(CertLayout.CONTROLLER_RUNTIME), second.container(SeldonCoreCharm.CONTAINER).files());
        String logs = String.join("\n", first.logs()) + String.join("\n", second.logs());
        assertFalse(logs.contains(pemBody(made.tlsKey())), "the key is never logged");
    }

    @Test
    void aMalformedSecretIsReplacedByTheLeaderAndWaitedForByFollowers() {
        SecretState broken = SecretState.ownedByApp(WebhookCerts.LABEL, Map.of("ca-crt", "x"));
        State waiting = ctx.run(Events.configChanged(), follower().withSecrets(List.of(broken)));
        assertTrue(waiting.logs().contains("DEBUG component certs: waiting: the webhook-certs secret lacks tls-crt, tls-key;"
                + " waiting for the leader to replace it"), String.join("\n", waiting.logs()));

        State leader = ctx.run(Events.configChanged(), follower().withLeader(true).withSecrets(List.of(broken)));
        SecretState fixed = leader.secretByLabel(WebhookCerts.LABEL).orElseThrow();
        assertEquals(broken.id(), fixed.id());
        assertEquals(2, fixed.revision());
        assertEquals(WebhookCerts.fromSecretContent(fixed.latestContent()).files(CertLayout.CONTROLLER_RUNTIME),
                leader.container(SeldonCoreCharm.CONTAINER).files());
    }

    @Test
    void gatewayInfoTurnsIstioOn() {
        RelationState gw = RelationState.of("gateway-info", "istio").withRemoteAppData(Map.of(
                "gateway_name", "kubeflow-gateway", "gateway_namespace", "istio-system", "gateway_up", "true"));
        State out = ctx.run(Events.relationAppChanged(gw), follower().withRelation(gw));
        Map<String, String> env = manager(out).environment();
        assertEquals("true", env.get("ISTIO_ENABLED"));
        assertEquals("istio-system/kubeflow-gateway", env.get("ISTIO_GATEWAY"));
    }

    @Test
    void gatewayInfoWithoutDataHoldsTheManagerBack() {
        RelationState gw = RelationState.of("gateway-info", "istio");
        State out = ctx.run(Events.relationJoined(gw), follower().withRelation(gw));
        assertTrue(out.logs().contains("DEBUG component gateway-info: waiting: waiting for gateway info relation data"),
                String.join("\n", out.logs()));
        assertTrue(out.container(SeldonCoreCharm.CONTAINER).planOrFail().services().isEmpty(),
                "not started without Istio only to be restarted with it");
    }

    @Test
    void metricsEndpointUnitDataOnEveryUnitAndTheJobOnTheLeader() {
        RelationState prom = RelationState.of("metrics-endpoint", "prometheus");
        State follower = ctx.run(Events.relationJoined(prom), follower().withRelation(prom));
        assertEquals(Map.of("prometheus_scrape_unit_address", "10.1.0.10", "prometheus_scrape_unit_name", "seldon-core/0"),
                follower.relation(prom.id()).localUnitData());
        assertTrue(follower.relation(prom.id()).localAppData().isEmpty(), "only the leader writes the app bag");

        State leader = ctx.run(Events.relationJoined(prom), follower().withLeader(true).withRelation(prom)
                .withConfig(Map.of("metrics-port", 9090L)));
        Map<String, String> app = leader.relation(prom.id()).localAppData();
        JsonNode jobs = JsonMapper.builder().build().readTree(app.get("scrape_jobs"));
        assertEquals("*:9090", jobs.at("/0/static_configs/0/targets/0").asString());
        assertEquals("/metrics", jobs.at("/0/metrics_path").asString());
        JsonNode meta = JsonMapper.builder().build().readTree(app.get("scrape_metadata"));
        assertEquals(NS, meta.get("model").asString());
        assertEquals("seldon-core", meta.get("application").asString());
        assertEquals("seldon-core", meta.get("charm_name").asString());
    }

    static String pemBody(String pem) {
        return pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    }
}
