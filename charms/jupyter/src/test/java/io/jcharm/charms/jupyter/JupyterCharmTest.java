package io.jcharm.charms.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.kubernetes.certs.WebhookCertIssuer;
import io.jcharm.kubernetes.certs.WebhookCerts;
import io.jcharm.pebble.layer.Check;
import io.jcharm.pebble.layer.Plan;
import io.jcharm.pebble.layer.Service;
import io.jcharm.pebble.layer.ServiceAction;
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
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * State-transition tests that need no Kubernetes API: leadership, the three Pebble plans and
 * their checks, the webhook certificates, the spawner config file, gateway-info, and config
 * errors. (A leader without an API is Blocked by its kubernetes component; see
 * {@link JupyterKubernetesTest} for the leader's objects and statuses.)
 */
class JupyterCharmTest {
    static final String NS = "kubeflow";
    static final WebhookCerts CERTS = WebhookCertIssuer.issue(PlatformObjects.WEBHOOK_CA,
            PlatformObjects.webhookService("jupyter"), NS, Instant.now(), new SecureRandom());
    private final Context ctx = Context.of(JupyterCharm::new);

    /** A follower in model kubeflow whose leader already made the certificates, its three containers up. */
    static State follower() {
        return State.empty().withModel(NS, "5f1c7e2a-0000-4000-8000-00000000001a")
                .withSecret(SecretState.ownedByApp(WebhookCerts.LABEL, CERTS.toSecretContent()))
                .withContainer(ContainerState.reachable(Layers.CONTROLLER))
                .withContainer(ContainerState.reachable(Layers.UI))
                .withContainer(ContainerState.reachable(Layers.WEBHOOK));
    }

    static Service service(State out, String container) {
        return out.container(container).planOrFail().services().get(container);
    }

    @Test
    void aFollowerRunsTheThreeWorkloadsWithHealthChecksThatRestartThem() {
        State out = ctx.run(Events.pebbleReady(Layers.UI), follower());

        assertEquals(Status.waiting("[leader] waiting for leadership"), out.unitStatus());
        assertEquals("/manager --metrics-addr=:8080 --probe-addr=:8081 --enable-leader-election"
                + " --leader-election-namespace=kubeflow", service(out, Layers.CONTROLLER).command());
        assertEquals("gunicorn -w 3 --bind 0.0.0.0:5000 --access-logfile - entrypoint:app", service(out, Layers.UI).command());
        assertEquals("/src", service(out, Layers.UI).workingDir());
        assertEquals("/webhook --tlsCertFile=/etc/webhook/certs/cert.pem --tlsKeyFile=/etc/webhook/certs/key.pem"
                + " --webhookPort=4443", service(out, Layers.WEBHOOK).command());
        Map<String, String> urls = Map.of(Layers.CONTROLLER, "http://localhost:8081/healthz",
                Layers.UI, "http://localhost:5000/healthz/liveness");
        for (String c : List.of(Layers.CONTROLLER, Layers.UI, Layers.WEBHOOK)) {
            Plan plan = out.container(c).planOrFail();
            Check check = plan.checks().get(c + "-up");
            assertEquals(4, check.threshold(), c);
            if (urls.containsKey(c)) {
                assertEquals(urls.get(c), check.http().url(), c);
            } else {
                assertEquals(4443, check.tcp().port(), c);
            }
            assertEquals(ServiceAction.RESTART, plan.services().get(c).onCheckFailure().get(c + "-up"), c);
            assertEquals("active", out.container(c).serviceStatuses().get(c), c);
        }
        Map<String, String> files = out.container(Layers.WEBHOOK).files();
        assertEquals(CERTS.tlsCrt(), files.get("/etc/webhook/certs/cert.pem"));
        assertEquals(CERTS.tlsKey(), files.get("/etc/webhook/certs/key.pem"));
        assertEquals(CERTS.caCrt(), files.get("/etc/webhook/certs/ca.pem"));
        assertTrue(out.container(Layers.UI).files().containsKey(Layers.SPAWNER_CONFIG));
        assertEquals(1, out.secrets().size(), "a follower never makes certificates");
        String logs = String.join("\n", out.logs());
        assertFalse(logs.contains(pemBody(CERTS.tlsKey())), "the key is never logged");
        for (String c : List.of(Layers.CONTROLLER, Layers.UI, Layers.WEBHOOK)) {
            assertFalse(service(out, c).command().contains("PRIVATE"), "no key material in arguments");
        }
    }

    @Test
    void withoutGatewayInfoTheControllerMakesNoVirtualServicesAndNeverNamesADefaultGateway() {
        Map<String, String> env = service(ctx.run(Events.configChanged(), follower()), Layers.CONTROLLER).environment();
        assertEquals("false", env.get("USE_ISTIO"));
        assertEquals("", env.get("ISTIO_GATEWAY"), "not the controller's kubeflow/kubeflow-gateway default");
        assertEquals(Map.of("USE_ISTIO", "false", "ISTIO_GATEWAY", "", "ISTIO_HOST", "*", "CLUSTER_DOMAIN", "cluster.local",
                "ENABLE_CULLING", "true", "CULL_IDLE_TIME", "1440", "IDLENESS_CHECK_PERIOD", "1"), env);
    }

    @Test
    void gatewayInfoPointsTheControllersVirtualServicesAtTheReportedGateway() {
        RelationState gw = RelationState.of("gateway-info", "istio").withRemoteAppData(Map.of(
                "gateway_name", "edge-gateway", "gateway_namespace", "istio-system", "gateway_up", "true"));
        State out = ctx.run(Events.relationAppChanged(gw), follower().withRelation(gw)
                .withConfig(Map.of("cull-idle-time", 60L, "enable-culling", false)));
        Map<String, String> env = service(out, Layers.CONTROLLER).environment();
        assertEquals("true", env.get("USE_ISTIO"));
        assertEquals("istio-system/edge-gateway", env.get("ISTIO_GATEWAY"));
        assertEquals("60", env.get("CULL_IDLE_TIME"));
        assertEquals("false", env.get("ENABLE_CULLING"));

        State off = ctx.run(Events.configChanged(), follower().withRelation(gw).withConfig(Map.of("use-istio", false)));
        assertEquals("false", service(off, Layers.CONTROLLER).environment().get("USE_ISTIO"));
    }

    @Test
    void gatewayInfoWithoutDataHoldsTheControllerBack() {
        RelationState gw = RelationState.of("gateway-info", "istio");
        State out = ctx.run(Events.relationCreated(gw), follower().withRelation(gw));
        assertTrue(out.container(Layers.CONTROLLER).planOrFail().services().isEmpty());
        assertTrue(out.logs().contains("DEBUG component gateway-info: waiting: waiting for gateway info from istio"),
                String.join("\n", out.logs()));
        assertEquals("active", out.container(Layers.UI).serviceStatuses().get(Layers.UI), "the UI does not wait for it");
    }

    @Test
    void theWebAppRunsWithoutItsOwnAuthorizationBehindTheUrlPrefix() {
        State out = ctx.run(Events.configChanged(), follower().withConfig(Map.of("url-prefix", "/notebooks",
                "port", 5001L, "secure-cookies", true)));
        Map<String, String> env = service(out, Layers.UI).environment();
        assertEquals(Map.of("APP_PREFIX", "/notebooks", "APP_SECURE_COOKIES", "true", "APP_DISABLE_AUTH", "true",
                "BACKEND_MODE", "production", "CLUSTER_DOMAIN", "cluster.local", "UI", "default",
                "USERID_HEADER", "kubeflow-userid", "USERID_PREFIX", ""), env);
        assertEquals("http://localhost:5001/healthz/liveness",
                out.container(Layers.UI).planOrFail().checks().get("jupyter-ui-up").http().url());
    }

    @Test
    void theSpawnerConfigCarriesTheOptionsAndSelectsAccessMlflowByDefault() throws Exception {
        State out = ctx.run(Events.configChanged(), follower().withConfig(Map.of(
                "jupyter-images", "- reg.local/scipy:1\n- reg.local/torch:2\n", "rstudio-images", "[]",
                "gpu-number-default", 2L, "gpu-vendors-default", "amd.com/gpu",
                "tolerations-options", "- groupKey: gpu\n  displayName: GPU nodes\n  tolerations: [{key: gpu, operator: Exists}]\n",
                "tolerations-options-default", "gpu")));
        JsonNode form = YAMLMapper.builder().build().readTree(out.container(Layers.UI).files().get(Layers.SPAWNER_CONFIG))
                .get("spawnerFormDefaults");
        assertEquals("reg.local/scipy:1", form.at("/image/value").asString());
        assertEquals(2, form.at("/image/options").size());
        assertEquals("kubeflownotebookswg/codeserver-python:v1.10.0", form.at("/imageGroupOne/value").asString());
        assertEquals(0, form.at("/imageGroupTwo/options").size(), "[] offers no RStudio image");
        assertEquals("2", form.at("/gpus/value/num").asString());
        assertEquals("amd.com/gpu", form.at("/gpus/value/vendor").asString());
        assertEquals("NVIDIA", form.at("/gpus/value/vendors/0/uiName").asString());
        assertEquals("gpu", form.at("/tolerationGroup/value").asString());
        assertEquals("Exists", form.at("/tolerationGroup/options/0/tolerations/0/operator").asString());
        assertEquals("[\"access-ml-pipeline\",\"access-mlflow\"]", form.at("/configurations/value").toString());
        assertEquals(Notebooks.HOME, form.at("/workspaceVolume/value/mount").asString());
        // A fixed order (each hook is a new JVM): else the file would differ, and the web app restart, every hook.
        assertEquals(List.of("metadata", "spec"), List.copyOf(form.at("/workspaceVolume/value/newPvc").propertyNames()));
        assertEquals(List.of("resources", "accessModes"),
                List.copyOf(form.at("/workspaceVolume/value/newPvc/spec").propertyNames()));
    }

    @Test
    void aChangedSpawnerConfigRestartsTheRunningWebApp() {
        State first = ctx.run(Events.pebbleReady(Layers.UI), follower());
        ContainerState ui = first.container(Layers.UI).carriedOver();
        State same = ctx.run(Events.configChanged(), follower().withContainer(ui));
        assertFalse(same.logs().contains("INFO wrote " + Layers.SPAWNER_CONFIG), "unchanged: not rewritten");
        State changed = ctx.run(Events.configChanged(), follower().withContainer(ui)
                .withConfig(Map.of("vscode-images", "- reg.local/code:1")));
        assertTrue(changed.logs().contains("INFO wrote " + Layers.SPAWNER_CONFIG), String.join("\n", changed.logs()));
        assertTrue(changed.container(Layers.UI).files().get(Layers.SPAWNER_CONFIG).contains("reg.local/code:1"));
        assertEquals("active", changed.container(Layers.UI).serviceStatuses().get(Layers.UI));
    }

    @Test
    void malformedJsonOrYamlOptionsBlockNamingTheOptionAndTheLine() {
        // The flow sequence opened on line 2 is found unclosed on line 3.
        assertBlocked("[config] invalid config jupyter-images: not valid JSON/YAML at line 3, column 8: while parsing a"
                + " flow sequence; expected ',' or ']', but got",
                Map.of("jupyter-images", "- a/b:1\n- [c/d:2\n- e/f:3\n"));
        assertBlocked("[config] invalid config gpu-vendors: not valid JSON/YAML at line 1,",
                Map.of("gpu-vendors", "[{\"limitsKey\": \"nvidia.com/gpu\", \"uiName\": \"NVIDIA\"}"));
        assertBlocked("[config] invalid config affinity-options: must be a JSON/YAML list, got a mapping",
                Map.of("affinity-options", "configKey: x"));
        assertBlocked("[config] invalid config tolerations-options: item 1 lacks tolerations (each needs groupKey,"
                + " displayName, tolerations)", Map.of("tolerations-options", "[{groupKey: a, displayName: A}]"));
        assertBlocked("[config] invalid config default-poddefaults: item 2 must be a non-empty string, got the number 3",
                Map.of("default-poddefaults", "[\"access-mlflow\", 3]"));
        assertBlocked("[config] invalid config gpu-vendors-default: \"intel.com/gpu\" is not a limitsKey of gpu-vendors;"
                + " one of amd.com/gpu, nvidia.com/gpu, or empty", Map.of("gpu-vendors-default", "intel.com/gpu"));
        assertBlocked("[config] invalid config gpu-number-default: must be one of 0, 1, 2, 4, 8 (what the spawner"
                + " offers), got 3", Map.of("gpu-number-default", 3L));
        assertBlocked("[config] invalid config namespace: \"Team_A\" is not a namespace name",
                Map.of("namespace", "Team_A"));
        assertBlocked("[config] invalid config url-prefix: \"/jupyter/\" must start with / and not end with one",
                Map.of("url-prefix", "/jupyter/"));
        assertBlocked("[config] invalid config backend-mode: must be one of production, development, got \"debug\"",
                Map.of("backend-mode", "debug"));
    }

    private void assertBlocked(String prefix, Map<String, Object> config) {
        State out = ctx.run(Events.configChanged(), follower().withConfig(config));
        assertEquals("blocked", out.unitStatus().name(), out.unitStatus().toString());
        assertTrue(out.unitStatus().message().startsWith(prefix), out.unitStatus().message());
        for (String c : List.of(Layers.CONTROLLER, Layers.UI, Layers.WEBHOOK)) {
            assertTrue(out.container(c).planOrFail().services().isEmpty(), c + " does not start on bad config");
        }
    }

    @Test
    void aFollowerWithoutTheSecretWaitsAndStartsNoWebhook() {
        State out = ctx.run(Events.pebbleReady(Layers.WEBHOOK), follower().withSecrets(List.of()));
        assertEquals(Status.waiting("[leader] waiting for leadership"), out.unitStatus());
        assertTrue(out.logs().contains("DEBUG component certs: waiting: waiting for the leader to create the webhook"
                + " certificates"), String.join("\n", out.logs()));
        assertTrue(out.container(Layers.WEBHOOK).planOrFail().services().isEmpty());
        assertTrue(out.secrets().isEmpty());
    }

    @Test
    void theLeaderMakesTheCertificatesOnceInAnApplicationSecret() {
        State in = follower().withLeader(true).withSecrets(List.of());
        State first = ctx.run(Events.install(), in);
        SecretState secret = first.secretByLabel(WebhookCerts.LABEL).orElseThrow();
        assertEquals(java.util.Optional.of("application"), secret.owner());
        WebhookCerts made = WebhookCerts.fromSecretContent(secret.content());
        assertEquals(made.tlsKey(), first.container(Layers.WEBHOOK).files().get(Layers.WEBHOOK_CERTS.keyPath()));
        State second = ctx.run(Events.upgradeCharm(), in.withSecrets(first.secrets()));
        assertEquals(secret, second.secretByLabel(WebhookCerts.LABEL).orElseThrow(), "same secret, same revision");
        assertFalse(String.join("\n", first.logs()).contains(pemBody(made.tlsKey())), "the key is never logged");
    }

    static String pemBody(String pem) {
        return pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    }
}
