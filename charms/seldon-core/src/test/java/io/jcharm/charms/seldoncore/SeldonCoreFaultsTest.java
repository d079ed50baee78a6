package io.jcharm.charms.seldoncore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.jcharm.core.Status;
import io.jcharm.kubernetes.certs.WebhookCerts;
import io.jcharm.kubernetes.testing.ApiFault;
import io.jcharm.kubernetes.testing.MockClusterExtension;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.HookFailedException;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import io.jcharm.testing.TestEvent;
import io.jcharm.testing.faults.FaultChecks;
import io.jcharm.testing.faults.FaultKind;
import io.jcharm.testing.faults.FaultMatrix;
import io.jcharm.testing.faults.FaultRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * seldon-core's row of the fault matrix (docs/faults.md), against fabric8's mock API server and
 * a Pebble emulator: each fault is injected into an install, then healed; the retry must
 * converge with the webhook certificates and the users' SeldonDeployments untouched.
 */
@FaultMatrix(charm = "seldon-core")
class SeldonCoreFaultsTest {
    private static final String NS = SeldonKubernetesTest.NS;
    private static final String C = SeldonCoreCharm.CONTAINER;
    private static final String USER_SDEP = "machinelearning.seldon.io/v1/SeldonDeployment/kubeflow/users-model";

    @RegisterExtension
    final MockClusterExtension k8s = new MockClusterExtension();
    Context ctx;
    Context quick;
    State leader;

    @BeforeEach
    void start() {
        k8s.cluster().jujuService(NS, SeldonKubernetesTest.APP);
        ctx = Context.of(() -> new SeldonCoreCharm(SeldonKubernetesTest.FAST));
        quick = Context.of(() -> new SeldonCoreCharm(SeldonKubernetesTest.FAST.withRequestTimeout(Duration.ofMillis(300))));
        leader = State.empty().withLeader(true).withModel(NS, "5f1c7e2a-0000-4000-8000-00000000000d")
                .withEnvironment(k8s.cluster().env()).withContainer(ContainerState.reachable(C));
    }


    /** A first install, then a user's SeldonDeployment, which no fault may touch. */
    private State installWithUserModel() {
        State installed = ctx.run(Events.pebbleReady(C), leader);
        assertEquals(Status.active(), installed.unitStatus());
        GenericKubernetesResource sdep = new GenericKubernetesResourceBuilder().withApiVersion("machinelearning.seldon.io/v1")
                .withKind("SeldonDeployment").withNewMetadata().withName("users-model").withNamespace(NS).endMetadata()
                .addToAdditionalProperties("spec", Map.of("predictors", List.of(Map.of("name", "default")))).build();
        k8s.cluster().admin.genericKubernetesResources(SeldonKubernetesTest.SELDON_DEPLOYMENTS).inNamespace(NS).resource(sdep).create();
        return installed;
    }

    private Map<String, String> users() {
        return Map.of(USER_SDEP, k8s.cluster().objects().get(USER_SDEP));
    }

    /** The next hook's input: the secrets, stored state and Pebble plan the installed unit left. */
    private static State next(State out) {
        return out.withContainer(out.container(C).carriedOver());
    }

    private static List<String> certSecrets(State s) {
        // A line of the key's base64 body: the PEM armour itself is no secret.
        return List.of(s.secretByLabel(WebhookCerts.LABEL).orElseThrow().content().get("tls-key").lines().skip(1)
                .findFirst().orElseThrow());
    }

    /** After the fault heals, Juju's retry converges on the same objects and nothing was lost. */
    private void healsAndKeeps(State installed, Map<String, String> users) {
        k8s.cluster().heal();
        State retried = FaultChecks.assertIdempotent(ctx, Events.configChanged(), next(installed), k8s.cluster()::objects);
        assertEquals(Status.active(), retried.unitStatus());
        FaultChecks.assertNothingLost(installed, retried);
        FaultChecks.assertKept(users, k8s.cluster().objects());
        FaultChecks.assertNoSecretIn(retried, certSecrets(installed), k8s.cluster().objects().values());
    }

    enum Api {
        K8S_403(ApiFault.status("*", "/clusterroles", 403, "clusterroles.rbac.authorization.k8s.io is forbidden")),
        K8S_409(ApiFault.conflict("PUT", "/configmaps", "configmaps \"seldon-config\"").times(1)),
        K8S_422(ApiFault.status("*", "/validatingwebhookconfigurations/", 422,
                "ValidatingWebhookConfiguration.admissionregistration.k8s.io is invalid: webhooks[0].clientConfig: Invalid value")),
        K8S_429(ApiFault.tooManyRequests("*", "/configmaps").times(1)),
        K8S_5XX(ApiFault.unavailable("*", "/configmaps")),
        K8S_TIMEOUT(ApiFault.slow("*", "/configmaps", Duration.ofSeconds(2))),
        K8S_CONNECTION_DROPPED(ApiFault.drop("*", "/configmaps"));

        final ApiFault fault;

        Api(ApiFault fault) {
            this.fault = fault;
        }
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void kubernetesApiFaultDuringAnUpgrade(Api api, FaultRecorder faults) {
        State installed = installWithUserModel();
        Map<String, String> users = users();
        k8s.cluster().inject(api.fault);
        State[] out = new State[1];
        String outcome = FaultChecks.outcomeOrHookFails(quick, Events.upgradeCharm(), next(installed), out);
        if (out[0] != null) {
            FaultChecks.assertNoSecretIn(out[0], certSecrets(installed), k8s.cluster().objects().values());
        }
        FaultChecks.assertKept(users, k8s.cluster().objects());
        faults.observed(FaultKind.valueOf(api.name()), api.fault.method() + " *" + api.fault.pathContains() + "*", outcome);
        healsAndKeeps(installed, users);
    }

    @Test
    void crdNotEstablishedWhenServing(FaultRecorder faults) {
        State installed = installWithUserModel();
        Map<String, String> users = users();
        k8s.cluster().inject(ApiFault.status("*", "/namespaces/kubeflow/seldondeployments", 404,
                "the server could not find the requested resource"));
        State[] out = new State[1];
        String outcome = actionOutcome(quick, Events.action("serve-model", Map.of("name", "iris",
                "model-uri", "gs://seldon-models/v1.17.1/sklearn/iris", "server", "SKLEARN_SERVER")), next(installed));
        FaultChecks.assertKept(users, k8s.cluster().objects());
        faults.observed(FaultKind.K8S_404_CRD_NOT_ESTABLISHED, "serve-model: * */seldondeployments*", outcome);
        healsAndKeeps(installed, users);
    }

    /** An action's outcome: it fails (action-fail or a failed hook) and Juju does not retry it. */
    private static String actionOutcome(Context c, TestEvent action, State in) {
        try {
            State out = c.run(action, in);
            assertTrue(out.actionFailure().isPresent(), "the action succeeded despite the fault: " + out.actionResults());
            return "action fails, not retried (rerun it): " + out.actionFailure().get();
        } catch (HookFailedException e) {
            return FaultChecks.actionFails(() -> {
                throw e;
            });
        }
    }

    @Test
    void hookToolFaults(FaultRecorder faults) {
        State installed = installWithUserModel();
        Map<String, String> users = users();
        Map<String, String> applied = k8s.cluster().objects();
        // A follower reads the leader's certificate secret (secret-get); the leader writes statuses and stored state.
        State follower = next(installed).withLeader(false);
        for (FaultKind kind : List.of(FaultKind.RELATION_GET_FAILS, FaultKind.RELATION_GET_TIMES_OUT,
                FaultKind.SECRET_GET_FAILS, FaultKind.SECRET_GET_TIMES_OUT, FaultKind.STATE_SET_FAILS,
                FaultKind.STATE_SET_TIMES_OUT, FaultKind.STATUS_SET_FAILS, FaultKind.STATUS_SET_TIMES_OUT)) {
            String tool = kind.hookTool().orElseThrow();
            Context broken = ctx.withToolFault(tool, kind.toolFault());
            RelationState gw = RelationState.of("gateway-info", "istio").withRemoteAppData(Map.of(
                    "gateway_name", "kubeflow-gateway", "gateway_namespace", NS));
            State in = kind.name().startsWith("SECRET") ? follower : next(installed).withRelation(gw);
            State[] out = new State[1];
            String outcome = FaultChecks.outcomeOrHookFails(broken, Events.configChanged(), in, out);
            if (kind.name().startsWith("STATE_SET")) {
                assertEquals(Map.of(), out[0].stored(), "seldon-core stores nothing, so state-set is never called");
                outcome += "; seldon-core keeps no stored state (state-set not called)";
            }
            faults.observed(kind, tool, outcome);
            FaultChecks.assertKept(users, k8s.cluster().objects());
        }
        healsAndKeeps(installed, users);
        assertTrue(applied.keySet().containsAll(k8s.cluster().objects().keySet()), "a retry made objects the install did not");
    }

    @Test
    void pebbleFaults(FaultRecorder faults) {
        State installed = installWithUserModel();
        Map<String, String> users = users();
        Map<String, String> applied = k8s.cluster().objects();

        State unreachable = ctx.run(Events.configChanged(), installed.withContainer(ContainerState.unreachable(C)));
        faults.observed(FaultKind.PEBBLE_UNREACHABLE, C, FaultChecks.outcome(unreachable));

        State[] out = new State[1];
        String failing = FaultChecks.outcomeOrHookFails(ctx, Events.pebbleReady(C), installed.withContainer(ContainerState.reachable(C)
                .withServiceStartFailing(ManagerLayer.SERVICE)), out);
        faults.observed(FaultKind.PEBBLE_SERVICE_FAILS_TO_START, ManagerLayer.SERVICE + " exits at once with code 1", failing);

        assertTrue(next(installed).container(C).layers().values().stream().allMatch(l -> l.checks().isEmpty()));
        faults.notApplicable(FaultKind.PEBBLE_CHECK_DOWN, "the manager's layer declares no Pebble check (its health is"
                + " Kubernetes' business: the webhook and metrics Services)");

        // tls.key is a directory: ca.crt and tls.crt are written, then the key's push fails.
        String key = io.jcharm.kubernetes.certs.CertLayout.CONTROLLER_RUNTIME.keyPath();
        String pushing = FaultChecks.outcomeOrHookFails(ctx, Events.pebbleReady(C), installed.withContainer(ContainerState.reachable(C)
                .withFile(key + "/in-the-way", "x")), out);
        faults.observed(FaultKind.PEBBLE_PUSH_FAILS, key + " (third of three files)", pushing);
        assertEquals(applied, k8s.cluster().objects(), "a Pebble fault changed the cluster");
        FaultChecks.assertKept(users, k8s.cluster().objects());

        // The pod's next hook with a healthy Pebble converges: the manager runs with the same certificates.
        State healed = ctx.run(Events.pebbleReady(C), installed.withContainer(ContainerState.reachable(C)));
        assertEquals(Status.active(), healed.unitStatus());
        assertEquals("active", healed.container(C).serviceStatuses().get(ManagerLayer.SERVICE));
        assertEquals(installed.container(C).files(), healed.container(C).files());
        FaultChecks.assertNothingLost(installed, healed);
    }

    @Test
    void relationDataFaults(FaultRecorder faults) {
        State installed = installWithUserModel();
        Map<String, String> users = users();
        Map<FaultKind, Map<String, String>> bad = new LinkedHashMap<>();
        bad.put(FaultKind.RELATION_MALFORMED, Map.of("gateway_name", "kubeflow gateway\n[", "gateway_namespace", NS));
        bad.put(FaultKind.RELATION_WRONG_TYPES, Map.of("gateway_name", "kubeflow-gateway", "gateway_namespace", NS,
                "gateway_up", "yes"));
        bad.put(FaultKind.RELATION_MISSING_KEYS, Map.of("gateway_name", "kubeflow-gateway"));
        for (Map.Entry<FaultKind, Map<String, String>> e : bad.entrySet()) {
            RelationState r = RelationState.of("gateway-info", "istio").withRemoteAppData(e.getValue());
            State out = ctx.run(Events.relationChanged(r), next(installed).withRelation(r));
            assertFalse(out.unitStatus().message().contains("\n"), "a status is one line: " + out.unitStatus());
            faults.observed(e.getKey(), "gateway-info", FaultChecks.outcome(out));
            FaultChecks.assertKept(users, k8s.cluster().objects());
        }
        // The mlflow relation (read by serve-model) is versioned and carries the S3 credentials' secret URI.
        Map<String, Object> serve = Map.of("name", "iris", "model-uri", "models:/iris/3", "server", "MLFLOW_SERVER");
        SecretState s3 = SecretState.granted(Map.of("access-key", "AKIAMLFLOW", "secret-key", "s3cr3tMLFLOW"));
        SecretState hidden = SecretState.notGranted("secret:d4msh7fqa6rs75gjkp2g");
        Map<String, String> data = new LinkedHashMap<>(Map.of("version", "9", "tracking-uri", "http://mlflow-server.kubeflow:5000",
                "artifact-root", "s3://mlflow/", "s3-endpoint", "http://minio.kubeflow:9000", "s3-credentials-secret", s3.id()));
        RelationState v9 = RelationState.of("mlflow", "mlflow-server").withRemoteAppData(data);
        faults.observed(FaultKind.RELATION_UNSUPPORTED_SDI_VERSION, "mlflow (serve-model)",
                actionOutcome(ctx, Events.action("serve-model", serve), next(installed).withSecret(s3).withRelation(v9)));
        data.put("version", "1");
        data.put("s3-credentials-secret", hidden.id());
        RelationState ungranted = RelationState.of("mlflow", "mlflow-server").withRemoteAppData(data);
        faults.observed(FaultKind.RELATION_SECRET_NOT_GRANTED, "mlflow (serve-model)", actionOutcome(ctx,
                Events.action("serve-model", serve), next(installed).withSecret(hidden).withRelation(ungranted)));
        faults.observed(FaultKind.RELATION_SECRET_REMOVED, "mlflow (serve-model)", actionOutcome(ctx,
                Events.action("serve-model", serve), next(installed).withRelation(ungranted)));
        FaultChecks.assertKept(users, k8s.cluster().objects());
        assertFalse(k8s.cluster().objects().keySet().stream().anyMatch(k -> k.endsWith("/iris")), "a model was served anyway");
    }

    @Test
    void everyOptionBadBlocksNamingItAndEveryOptionUnsetIsActive(FaultRecorder faults) {
        State installed = installWithUserModel();
        Map<String, String> applied = k8s.cluster().objects();
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("webhook-port", "44x3");
        bad.put("metrics-port", 80);
        bad.put("manager-log-level", "LOUD");
        bad.put("executor-container-image-and-version", "https://docker.io/seldonio/executor");
        bad.put("executor-default-cpu-request", "half");
        bad.put("executor-default-cpu-limit", "0.1");
        bad.put("executor-default-memory-request", "512MB");
        bad.put("executor-default-memory-limit", "1Ki");
        bad.put("predictive-unit-default-env-secret-ref-name", "My_Secret");
        bad.put("controller-id", "-team-a");
        bad.put("watch-namespace", "Team_A");
        bad.put("custom_images", "configmap__predictor__sklearn__seldon: [");
        for (Map.Entry<String, Object> e : bad.entrySet()) {
            State out = ctx.run(Events.configChanged(), next(installed).withConfig(Map.of(e.getKey(), e.getValue())));
            assertTrue(out.unitStatus().message().contains(e.getKey()), e.getKey() + ": " + out.unitStatus());
            faults.observed(FaultKind.CONFIG_BAD, e.getKey(), FaultChecks.outcome(out));
        }
        assertEquals(applied, k8s.cluster().objects(), "an invalid option changed the cluster");
        State unset = FaultChecks.assertIdempotent(ctx, Events.configChanged(), next(installed), k8s.cluster()::objects);
        faults.observed(FaultKind.CONFIG_UNSET, "all options (defaults)", FaultChecks.outcome(unset));
    }

    @Test
    void lifecycle(FaultRecorder faults) {
        RelationState gw = RelationState.of("gateway-info", "istio").withRemoteAppData(Map.of(
                "gateway_name", "kubeflow-gateway", "gateway_namespace", NS));
        State installed = ctx.run(Events.pebbleReady(C), leader.withRelation(gw));
        assertEquals(Status.active(), installed.unitStatus());
        GenericKubernetesResource sdep = new GenericKubernetesResourceBuilder().withApiVersion("machinelearning.seldon.io/v1")
                .withKind("SeldonDeployment").withNewMetadata().withName("users-model").withNamespace(NS).endMetadata()
                .addToAdditionalProperties("spec", Map.of("predictors", List.of(Map.of("name", "default")))).build();
        k8s.cluster().admin.genericKubernetesResources(SeldonKubernetesTest.SELDON_DEPLOYMENTS).inNamespace(NS).resource(sdep).create();
        Map<String, String> users = users();
        Map<String, String> applied = k8s.cluster().objects();

        // Leadership moves after the certificates were made: the new leader keeps them (same CA in the webhook).
        State newLeader = ctx.asUnit("seldon-core/1").run(Events.leaderElected(), next(installed));
        assertEquals(applied, k8s.cluster().objects(), "the new leader changed the cluster (a new CA would change the webhook)");
        FaultChecks.assertNothingLost(installed, newLeader);
        faults.observed(FaultKind.LEADERSHIP_MOVES, "leader-elected on seldon-core/1 after the certificates were made",
                FaultChecks.outcome(newLeader) + "; same certificate secret, no Kubernetes diff");

        // A new pod: an empty container filesystem, controller state and secrets kept.
        State churned = FaultChecks.assertIdempotent(ctx, Events.pebbleReady(C),
                installed.withContainer(ContainerState.reachable(C)), k8s.cluster()::objects);
        assertEquals(applied, k8s.cluster().objects());
        assertEquals(installed.container(C).files(), churned.container(C).files(), "the same certificates are written back");
        FaultChecks.assertNothingLost(installed, churned);
        faults.observed(FaultKind.POD_CHURN, "pebble-ready on a new pod", FaultChecks.outcome(churned)
                + "; certificates rewritten from the secret, no Kubernetes diff");
        faults.notApplicable(FaultKind.MACHINE_REBOOT, "seldon-core is a Kubernetes charm: its unit is a pod (see pod churn)");

        State upgraded = FaultChecks.assertIdempotent(ctx, Events.upgradeCharm(), next(installed), k8s.cluster()::objects);
        FaultChecks.assertNothingLost(installed, upgraded);
        FaultChecks.assertKept(users, k8s.cluster().objects());
        faults.observed(FaultKind.UPGRADE, "upgrade-charm over the running revision's state", FaultChecks.outcome(upgraded));

        // A newer Seldon stored SeldonDeployments as v2: replacing its CRD with 1.17's would strand them.
        var crd = k8s.cluster().admin.apiextensions().v1().customResourceDefinitions().withName(OperatorObjects.CRD).get();
        crd.getStatus().setStoredVersions(List.of("v1", "v2"));
        k8s.cluster().admin.apiextensions().v1().customResourceDefinitions().resource(crd).updateStatus();
        Map<String, String> newer = k8s.cluster().objects();
        State down = ctx.run(Events.upgradeCharm(), next(installed));
        assertEquals(newer, k8s.cluster().objects(), "a refused downgrade applies nothing");
        faults.observed(FaultKind.DOWNGRADE_REFUSED, "CRD storedVersions [v1, v2] from a newer Seldon", FaultChecks.outcome(down));
        crd.getStatus().setStoredVersions(List.of("v1"));
        k8s.cluster().admin.apiextensions().v1().customResourceDefinitions().resource(crd).updateStatus();
        applied = k8s.cluster().objects();

        State follower = ctx.asUnit("seldon-core/2").run(Events.pebbleReady(C), next(installed).withLeader(false)
                .withPlannedUnits(3));
        State three = ctx.run(Events.configChanged(), next(installed).withPlannedUnits(3));
        State one = ctx.run(Events.configChanged(), next(three).withPlannedUnits(1));
        assertEquals(applied, k8s.cluster().objects(), "scaling changed the cluster");
        faults.observed(FaultKind.SCALE_3_AND_BACK, "", FaultChecks.outcome(one) + " back at 1, no Kubernetes diff;"
                + " at 3: leader " + FaultChecks.outcome(three) + ", followers " + FaultChecks.outcome(follower));

        State removed = ctx.run(Events.remove(), next(installed).withPlannedUnits(0));
        FaultChecks.assertKept(users, k8s.cluster().objects());
        assertTrue(k8s.cluster().objects().keySet().stream().anyMatch(k -> k.endsWith("/" + OperatorObjects.CRD)), "the CRD is kept");
        assertFalse(k8s.cluster().objects().containsKey("v1/ConfigMap/kubeflow/seldon-config"), "the operator's objects are deleted");
        faults.observed(FaultKind.REMOVE_WITH_RELATION, "gateway-info related, purge-on-remove=false",
                FaultChecks.outcome(removed) + "; operator objects deleted, CRD and the user's SeldonDeployment kept");
    }
}
