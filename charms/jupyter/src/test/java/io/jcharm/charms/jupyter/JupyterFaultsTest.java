package io.jcharm.charms.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.kubernetes.certs.WebhookCerts;
import io.jcharm.kubernetes.testing.ApiFault;
import io.jcharm.kubernetes.testing.MockCluster;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import io.jcharm.testing.faults.FaultChecks;
import io.jcharm.testing.faults.FaultKind;
import io.jcharm.testing.faults.FaultMatrix;
import io.jcharm.testing.faults.FaultRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * jupyter's row of the fault matrix (docs/faults.md), against fabric8's mock API server: the
 * leader is installed with mlflow and kfp-api related, a user makes a Notebook (with its
 * workspace volume) and a PodDefault, then each fault is injected and healed; the webhook
 * certificates (Juju secret) and the user's objects must come out unchanged.
 */
@FaultMatrix(charm = "jupyter")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JupyterFaultsTest {
    private static final String NS = JupyterKubernetesTest.NS;
    private static final String S3_KEY = JupyterKubernetesTest.S3_SECRET;

    @TempDir
    static Path tmp;
    MockCluster cluster;
    /** The installed leader with its certificates secret, and the user's objects made after the install. */
    State installed;
    Map<String, String> users;
    Context ctx;
    Context quick;
    SecretState s3;
    RelationState mlflow;
    RelationState kfp;
    State base;

    @BeforeAll
    void start() {
        cluster = new MockCluster(tmp);
        cluster.jujuService(NS, JupyterKubernetesTest.APP);
        ctx = Context.of(() -> new JupyterCharm(JupyterKubernetesTest.FAST));
        quick = Context.of(() -> new JupyterCharm(JupyterKubernetesTest.FAST.withRequestTimeout(Duration.ofMillis(300))));
        s3 = SecretState.granted(Map.of("access-key", "minio", "secret-key", S3_KEY));
        mlflow = mlflowWith(Map.of("s3-credentials-secret", s3.id()));
        kfp = RelationState.of("kfp-api", "kfp-api").withRemoteAppData(Map.of("_supported_versions", "- v1\n",
                "data", "service-name: kfp-api.kubeflow\nservice-port: '8888'\n"));
        base = State.empty().withLeader(true).withModel(NS, "5f1c7e2a-0000-4000-8000-00000000003a")
                .withEnvironment(cluster.env()).withRelation(mlflow).withRelation(kfp).withSecret(s3)
                .withContainers(containers());
        installed = installWithUserObjects();
        users = userObjects();
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    private static List<ContainerState> containers() {
        return List.of(ContainerState.reachable(Layers.CONTROLLER), ContainerState.reachable(Layers.UI),
                ContainerState.reachable(Layers.WEBHOOK));
    }

    private static RelationState mlflowWith(Map<String, String> more) {
        Map<String, String> data = new LinkedHashMap<>(Map.of("version", "1",
                "tracking-uri", "http://mlflow-server.kubeflow.svc.cluster.local:5000", "artifact-root", "s3://mlflow/",
                "s3-endpoint", "http://minio.kubeflow:9000"));
        data.putAll(more);
        return RelationState.of("mlflow", "mlflow-server").withRemoteAppData(data);
    }

    /** The installed leader (its webhook certificates in a Juju secret) and, after it, a user's Notebook and PodDefault. */
    private State installWithUserObjects() {
        State installed = ctx.run(Events.install(), base);
        assertEquals("active", installed.unitStatus().name(), installed.unitStatus().toString());
        State made = ctx.run(Events.action("create-notebook", Map.of("name", "scratch")), installed);
        assertEquals("scratch", made.actionResults().get("name"), made.actionFailure().orElse(""));
        JupyterKubernetesTest.createUsersPodDefault(cluster);
        return base.withSecrets(installed.secrets());
    }

    /** The user's objects: the Notebook, its workspace volume and the PodDefault they made. */
    private Map<String, String> userObjects() {
        Map<String, String> users = new TreeMap<>();
        cluster.objects().forEach((k, v) -> {
            if (k.endsWith("/Notebook/" + NS + "/scratch") || k.endsWith("/PersistentVolumeClaim/" + NS + "/scratch-workspace")
                    || k.endsWith("/PodDefault/" + NS + "/users-gpu-env")) {
                users.put(k, v);
            }
        });
        assertEquals(3, users.size(), "the user's objects: " + users.keySet());
        return users;
    }

    private static Map<String, String> certs(State s) {
        return s.secretByLabel(WebhookCerts.LABEL).orElseThrow().content();
    }

    /** The keys of objects added, removed or changed between two snapshots. */
    private static List<String> diff(Map<String, String> before, Map<String, String> after) {
        java.util.Set<String> keys = new java.util.TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(before.get(k), after.get(k))).toList();
    }

    /** After the fault heals, Juju's retry converges and nothing was lost. */
    private void healsAndKeeps(State in, Map<String, String> users) {
        cluster.heal();
        State retried = ctx.run(Events.configChanged(), in);
        assertEquals("active", retried.unitStatus().name(), retried.unitStatus().toString());
        FaultChecks.assertNothingLost(in, retried);
        FaultChecks.assertKept(users, cluster.objects());
        assertNoSecret(retried);
    }

    private void assertNoSecret(State out) {
        WebhookCerts certs = WebhookCerts.fromSecretContent(out.secretByLabel(WebhookCerts.LABEL).orElseThrow().content());
        FaultChecks.assertNoSecretIn(out, List.of(S3_KEY, JupyterCharmTest.pemBody(certs.tlsKey())),
                cluster.objects().entrySet().stream().filter(e -> !e.getKey().contains("/Secret/")).map(Map.Entry::getValue)
                        .toList());
    }

    enum Api {
        K8S_403(ApiFault.status("*", "/clusterroles", 403, "clusterroles.rbac.authorization.k8s.io is forbidden")),
        K8S_404_CRD_NOT_ESTABLISHED(ApiFault.status("*", "/apis/kubeflow.org/v1alpha1/namespaces/kubeflow/poddefaults", 404,
                "the server could not find the requested resource")),
        K8S_409(ApiFault.conflict("PUT", "/mutatingwebhookconfigurations",
                "mutatingwebhookconfigurations.admissionregistration.k8s.io \"jupyter-poddefaults-kubeflow\"").times(1)),
        K8S_422(ApiFault.status("*", "/mutatingwebhookconfigurations", 422, "MutatingWebhookConfiguration.admissionregistration"
                + ".k8s.io \"jupyter-poddefaults-kubeflow\" is invalid: webhooks[0].clientConfig.caBundle: Invalid value")),
        K8S_429(ApiFault.tooManyRequests("*", "/poddefaults").times(1)),
        K8S_5XX(ApiFault.unavailable("*", "/poddefaults")),
        K8S_TIMEOUT(ApiFault.slow("*", "/mutatingwebhookconfigurations", Duration.ofSeconds(2))),
        K8S_CONNECTION_DROPPED(ApiFault.drop("*", "/mutatingwebhookconfigurations"));

        final ApiFault fault;

        Api(ApiFault fault) {
            this.fault = fault;
        }
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void kubernetesApiFault(Api api, FaultRecorder faults) {
        State in = installed;
        cluster.inject(api.fault);
        State[] out = new State[1];
        String outcome = FaultChecks.outcomeOrHookFails(quick, Events.configChanged(), in, out);
        if (out[0] != null) {
            FaultChecks.assertNothingLost(in, out[0]);
            assertNoSecret(out[0]);
        }
        FaultChecks.assertKept(users, cluster.objects());
        faults.observed(FaultKind.valueOf(api.name()), api.fault.method() + " *" + api.fault.pathContains() + "*",
                outcome + "; certificates, Notebook and PodDefaults kept");
        healsAndKeeps(in, users);
    }

    @Test
    void hookToolFaults(FaultRecorder faults) {
        State in = installed;
        for (FaultKind kind : List.of(FaultKind.RELATION_GET_FAILS, FaultKind.RELATION_GET_TIMES_OUT,
                FaultKind.SECRET_GET_FAILS, FaultKind.SECRET_GET_TIMES_OUT, FaultKind.STATE_SET_FAILS,
                FaultKind.STATE_SET_TIMES_OUT, FaultKind.STATUS_SET_FAILS, FaultKind.STATUS_SET_TIMES_OUT)) {
            String tool = kind.hookTool().orElseThrow();
            String outcome = FaultChecks.outcomeOrHookFails(ctx.withToolFault(tool, kind.toolFault()), Events.configChanged(), in,
                    new State[1]);
            if (tool.equals("state-set")) {
                assertTrue(outcome.startsWith("active"), outcome);
                outcome += " (jupyter keeps nothing in controller state: it never calls state-set)";
            }
            faults.observed(kind, tool, outcome);
            FaultChecks.assertKept(users, cluster.objects());
        }
        // Juju's retry: the hook run twice changes nothing the second time (no diff, no second replan).
        State retried = FaultChecks.assertIdempotent(ctx, Events.configChanged(), in, cluster::objects);
        assertEquals(Map.of(), retried.stored(), "jupyter stores nothing with state-set");
        FaultChecks.assertNothingLost(in, retried);
        assertNoSecret(retried);
    }

    @Test
    void pebbleUnreachable(FaultRecorder faults) {
        State in = installed;
        Map<String, String> applied = cluster.objects();
        State out = ctx.run(Events.configChanged(), in.withContainers(List.of(ContainerState.unreachable(Layers.CONTROLLER),
                ContainerState.unreachable(Layers.UI), ContainerState.unreachable(Layers.WEBHOOK))));
        assertEquals(applied, cluster.objects(), "the leader's objects do not depend on Pebble");
        FaultChecks.assertNothingLost(in, out);
        faults.observed(FaultKind.PEBBLE_UNREACHABLE, "all three containers", FaultChecks.outcome(out)
                + "; Kubernetes objects kept as they were");
        healsAndKeeps(in, users);
    }

    @Test
    void pebbleFaults(FaultRecorder faults) {
        State running = ctx.run(Events.pebbleReady(Layers.UI), installed);
        List<ContainerState> carried = running.containers().stream().map(ContainerState::carriedOver).toList();
        Map<String, String> applied = cluster.objects();

        State failing = installed.withContainers(containers().stream().map(c -> c.name().equals(Layers.UI)
                ? c.withServiceStartFailing(Layers.UI) : c).toList());
        State[] out = new State[1];
        String started = FaultChecks.outcomeOrHookFails(ctx, Events.configChanged(), failing, out);
        assertEquals(applied, cluster.objects(), "a failing service changed the cluster");
        faults.observed(FaultKind.PEBBLE_SERVICE_FAILS_TO_START, Layers.UI, started);

        String check = Layers.check(Layers.CONTROLLER);
        State down = installed.withContainers(carried.stream().map(c -> c.name().equals(Layers.CONTROLLER)
                ? c.withCheckDown(check) : c).toList());
        State checked = ctx.run(Events.pebbleCheckFailed(Layers.CONTROLLER, check), down);
        assertEquals(applied, cluster.objects());
        assertEquals(io.jcharm.pebble.layer.ServiceAction.RESTART, checked.container(Layers.CONTROLLER).planOrFail()
                .services().get(Layers.CONTROLLER).onCheckFailure().get(check));
        faults.observed(FaultKind.PEBBLE_CHECK_DOWN, check, FaultChecks.outcome(checked)
                + "; Pebble restarts the service (on-check-failure: restart)");

        String key = Layers.WEBHOOK_CERTS.keyPath();
        State full = installed.withContainers(containers().stream().map(c -> c.name().equals(Layers.WEBHOOK)
                ? c.withPushFailing(key) : c).toList());
        String pushed = FaultChecks.outcomeOrHookFails(ctx, Events.configChanged(), full, out);
        faults.observed(FaultKind.PEBBLE_PUSH_FAILS, key, pushed);
        // Healed (the disk freed): the retry writes the secret's key, the certificates unchanged.
        State healed = ctx.run(Events.configChanged(), full.withContainers(full.containers().stream()
                .map(ContainerState::healed).toList()));
        WebhookCerts kept = WebhookCerts.fromSecretContent(certs(installed));
        assertEquals(kept.tlsKey(), healed.container(Layers.WEBHOOK).files().get(key));
        FaultChecks.assertNothingLost(installed, healed);
        FaultChecks.assertKept(users, cluster.objects());
    }

    @Test
    void relationDataFaults(FaultRecorder faults) {
        State in = installed;
        Map<String, RelationState> bad = new LinkedHashMap<>();
        bad.put("RELATION_MALFORMED kfp-api", kfp.withRemoteAppData(Map.of("_supported_versions", "- v1\n",
                "data", "service-name: [kfp-api\nservice-port")));
        bad.put("RELATION_WRONG_TYPES kfp-api", kfp.withRemoteAppData(Map.of("_supported_versions", "- v1\n",
                "data", "service-name: kfp-api.kubeflow\nservice-port: [8888]\n")));
        bad.put("RELATION_WRONG_TYPES mlflow", mlflowWith(Map.of("s3-credentials-secret", s3.id(), "tracking-uri", "42")));
        bad.put("RELATION_MISSING_KEYS kfp-api", kfp.withRemoteAppData(Map.of("_supported_versions", "- v1\n",
                "data", "service-name: kfp-api.kubeflow\n")));
        bad.put("RELATION_MISSING_KEYS mlflow", mlflowWith(Map.of("s3-credentials-secret", s3.id())).withRemoteAppData(
                Map.of("version", "1")));
        SecretState keyless = SecretState.granted(Map.of("access-key", "minio"));
        bad.put("RELATION_MISSING_KEYS mlflow-secret", mlflowWith(Map.of("s3-credentials-secret", keyless.id())));
        bad.put("RELATION_UNSUPPORTED_SDI_VERSION kfp-api", kfp.withRemoteAppData(Map.of("_supported_versions", "- v9\n",
                "data", "service-name: kfp-api.kubeflow\nservice-port: '8888'\n")));
        bad.put("RELATION_UNSUPPORTED_SDI_VERSION mlflow", mlflowWith(Map.of("s3-credentials-secret", s3.id(),
                "version", "9")));
        Map<String, String> applied = cluster.objects();
        for (Map.Entry<String, RelationState> e : bad.entrySet()) {
            RelationState r = e.getValue();
            State out = ctx.run(Events.relationChanged(r), in.withRelation(r).withSecret(keyless));
            assertFalse(out.unitStatus().message().contains("\n"), "a status is one line: " + out.unitStatus());
            assertFalse(out.unitStatus().message().contains("[kfp-api"), "the status echoes the remote's data");
            FaultChecks.assertNothingLost(in, out);
            assertEquals(applied, cluster.objects(), "bad relation data changed the cluster");
            String[] kindAndEndpoint = e.getKey().split(" ");
            assertFalse(out.unitStatus().name().equals("active"), e.getKey() + " was taken for valid data");
            faults.observed(FaultKind.valueOf(kindAndEndpoint[0]), kindAndEndpoint[1], FaultChecks.outcome(out)
                    + "; PodDefaults kept as last applied");
        }
        SecretState ungranted = SecretState.notGranted("secret:cv0tmpd2ju3s6bbbbbbb");
        RelationState notGranted = mlflowWith(Map.of("s3-credentials-secret", ungranted.id()));
        State out = ctx.run(Events.relationChanged(notGranted), in.withRelation(notGranted).withSecret(ungranted));
        FaultChecks.assertKept(users, cluster.objects());
        assertNoSecret(out);
        faults.observed(FaultKind.RELATION_SECRET_NOT_GRANTED, "mlflow s3-credentials-secret", FaultChecks.outcome(out));
        RelationState removed = mlflowWith(Map.of("s3-credentials-secret", "secret:cv0tmpd2ju3s6aaaaaaa"));
        out = ctx.run(Events.relationChanged(removed), in.withRelation(removed));
        FaultChecks.assertKept(users, cluster.objects());
        faults.observed(FaultKind.RELATION_SECRET_REMOVED, "mlflow s3-credentials-secret", FaultChecks.outcome(out));
        healsAndKeeps(in, users);
    }

    @Test
    void everyOptionBadBlocksNamingItAndEveryOptionUnsetIsActive(FaultRecorder faults) {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("namespace", "Team_A");
        bad.put("cluster-domain", "Cluster_Local");
        bad.put("cull-idle-time", 0L);
        bad.put("idleness-check-period", 0L);
        bad.put("port", 80L);
        bad.put("ui", "fancy");
        bad.put("url-prefix", "/jupyter/");
        bad.put("backend-mode", "debug");
        bad.put("jupyter-images", "- [a/b:1\n");
        bad.put("vscode-images", "image: a/b:1");
        bad.put("rstudio-images", "- [a/b:1\n");
        bad.put("gpu-number-default", 3L);
        bad.put("gpu-vendors", "[{\"limitsKey\": \"nvidia.com/gpu\"");
        bad.put("gpu-vendors-default", "intel.com/gpu");
        bad.put("affinity-options", "configKey: x");
        bad.put("affinity-options-default", "big-nodes");
        bad.put("tolerations-options", "[{groupKey: a, displayName: A}]");
        bad.put("tolerations-options-default", "gpu-nodes");
        bad.put("default-poddefaults", "[\"access-mlflow\", 3]");
        bad.put("webhook-port", 70000L);
        Map<String, String> applied = cluster.objects();
        for (Map.Entry<String, Object> e : bad.entrySet()) {
            State out = ctx.run(Events.configChanged(), installed.withConfig(Map.of(e.getKey(), e.getValue())));
            assertTrue(out.unitStatus().message().contains(e.getKey()), out.unitStatus().toString());
            assertEquals(applied, cluster.objects(), "an invalid " + e.getKey() + " changed the cluster");
            FaultChecks.assertNothingLost(installed, out);
            faults.observed(FaultKind.CONFIG_BAD, e.getKey() + "=" + e.getValue(), FaultChecks.outcome(out));
        }
        for (String flag : List.of("enable-culling", "use-istio", "secure-cookies")) {
            IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> ctx.run(Events.configChanged(), installed.withConfig(Map.of(flag, "yes"))));
            assertTrue(refused.getMessage().contains("Juju would refuse"), refused.getMessage());
            faults.observed(FaultKind.CONFIG_BAD, flag + "=yes", "refused by Juju at juju config (type boolean);"
                    + " true and false are both valid, so the charm never sees a bad value");
        }
        State missing = ctx.run(Events.configChanged(), installed.withConfig(Map.of("namespace", "team-b")));
        FaultChecks.assertKept(users, cluster.objects());
        assertEquals(List.of(), diff(applied, cluster.objects()), "a namespace that does not exist changed the cluster: "
                + FaultChecks.outcome(missing));
        assertTrue(missing.unitStatus().message().contains("team-b"), missing.unitStatus().toString());
        faults.observed(FaultKind.CONFIG_BAD, "namespace=team-b (does not exist)", FaultChecks.outcome(missing));
        cluster.heal();
        State unset = ctx.run(Events.configChanged(), installed);
        assertEquals(applied, cluster.objects(), "the defaults changed the cluster");
        faults.observed(FaultKind.CONFIG_UNSET, "all options (defaults)", FaultChecks.outcome(unset)
                + "; back from each bad value without a Kubernetes diff");
    }

    @Test
    void lifecycle(FaultRecorder faults) {
        Map<String, String> applied = cluster.objects();
        String webhook = "admissionregistration.k8s.io/v1/MutatingWebhookConfiguration//jupyter-poddefaults-" + NS;
        assertTrue(applied.containsKey(webhook), applied.keySet().toString());
        // Leadership moves to jupyter/1 after jupyter/0 issued the certificates but before its webhook
        // reached the cluster: the new leader must apply the same CA, not issue new certificates.
        cluster.admin.admissionRegistration().v1().mutatingWebhookConfigurations()
                .withName("jupyter-poddefaults-" + NS).delete();
        State newLeader = ctx.asUnit("jupyter/1").run(Events.leaderElected(), installed.withContainers(containers()));
        assertEquals(caBundle(applied.get(webhook)), caBundle(cluster.objects().get(webhook)), "the new leader's CA differs");
        applied = cluster.objects();
        assertEquals(certs(installed), certs(newLeader), "the new leader replaced the certificates");
        faults.observed(FaultKind.LEADERSHIP_MOVES, "certificates issued by jupyter/0, webhook applied by jupyter/1",
                FaultChecks.outcome(newLeader) + "; the same CA in the webhook, certificates secret unchanged");

        // A new pod: empty containers, controller state and secrets kept; start rewrites the same files.
        State restarted = FaultChecks.assertIdempotent(ctx, Events.start(), installed.withContainers(containers()),
                cluster::objects);
        assertEquals(applied, cluster.objects());
        FaultChecks.assertNothingLost(installed, restarted);
        WebhookCerts kept = WebhookCerts.fromSecretContent(installed.secretByLabel(WebhookCerts.LABEL).orElseThrow().content());
        assertEquals(kept.tlsKey(), restarted.container(Layers.WEBHOOK).files().get(Layers.WEBHOOK_CERTS.keyPath()));
        faults.observed(FaultKind.POD_CHURN, "start with new containers", FaultChecks.outcome(restarted)
                + "; the secret's certificates written again, no Kubernetes diff");
        assertTrue(ctx.metadata().isKubernetes());
        faults.notApplicable(FaultKind.MACHINE_REBOOT, "jupyter is a Kubernetes charm: its unit is a pod (see pod churn)");

        State upgraded = FaultChecks.assertIdempotent(ctx, Events.upgradeCharm(), installed, cluster::objects);
        FaultChecks.assertNothingLost(installed, upgraded);
        FaultChecks.assertKept(users, cluster.objects());
        faults.observed(FaultKind.UPGRADE, "upgrade-charm over the running revision's state", FaultChecks.outcome(upgraded)
                + "; certificates, Notebook and PodDefaults kept");
        assertEquals(Map.of(), installed.stored());
        faults.notApplicable(FaultKind.DOWNGRADE_REFUSED, "jupyter keeps no versioned state (nothing in controller state;"
                + " its workload versions are the OCI resources Juju attaches), so no revision has anything to refuse");

        State follower = ctx.asUnit("jupyter/2").run(Events.install(), installed.withLeader(false).withPlannedUnits(3));
        State three = ctx.run(Events.configChanged(), installed.withPlannedUnits(3));
        State one = ctx.run(Events.configChanged(), three.withPlannedUnits(1));
        assertEquals(applied, cluster.objects(), "scaling changed the cluster");
        assertEquals(certs(installed), certs(follower), "a follower made certificates");
        faults.observed(FaultKind.SCALE_3_AND_BACK, "", FaultChecks.outcome(one) + " back at 1, no Kubernetes diff;"
                + " at 3: leader " + FaultChecks.outcome(three) + ", followers " + FaultChecks.outcome(follower)
                + " (workloads running with the leader's certificates)");
    }

    private static String caBundle(String webhookJson) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"caBundle\":\"([^\"]+)\"").matcher(webhookJson);
        assertTrue(m.find(), webhookJson);
        return m.group(1);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void removeWhileRelated(FaultRecorder faults) {
        State removed = ctx.run(Events.remove(), installed.withPlannedUnits(0));
        assertTrue(installed.relations().size() >= 2);
        Map<String, String> left = cluster.objects();
        assertFalse(left.keySet().stream().anyMatch(k -> k.contains("CustomResourceDefinition//notebooks")));
        String pvc = users.keySet().stream().filter(k -> k.contains("/PersistentVolumeClaim/")).findFirst().orElseThrow();
        assertEquals(users.get(pvc), left.get(pvc), "the workspace volume was deleted");
        faults.observed(FaultKind.REMOVE_WITH_RELATION, "mlflow and kfp-api related", FaultChecks.outcome(removed)
                + "; CRDs, webhook and PodDefaults deleted (Notebooks go with their CRD), workspace volumes kept");
    }
}
