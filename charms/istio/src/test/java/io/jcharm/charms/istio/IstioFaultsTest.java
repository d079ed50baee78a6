package io.jcharm.charms.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.jcharm.core.Status;
import io.jcharm.kubernetes.testing.ApiFault;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import io.jcharm.testing.faults.FaultChecks;
import io.jcharm.testing.faults.FaultKind;
import io.jcharm.testing.faults.FaultMatrix;
import io.jcharm.testing.faults.FaultRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * istio's row of the fault matrix (docs/faults.md), against fabric8's mock API server: each
 * fault is injected into a first install, then healed; the retry must converge with the user's
 * objects and the TLS key untouched.
 */
@FaultMatrix(charm = "istio")
class IstioFaultsTest extends IstioClusterTest {
    private static final String KEY_SECRET = "MIIEs3cr3t";
    private final Context quick = Context.of(() -> new IstioCharm(FAST.withRequestTimeout(Duration.ofMillis(300))));

    /** A user's VirtualService, which no fault may touch. */
    private Map<String, String> userObjects() {
        GenericKubernetesResource vs = new GenericKubernetesResourceBuilder().withApiVersion("networking.istio.io/v1")
                .withKind("VirtualService").withNewMetadata().withName("users-route").withNamespace(NS).endMetadata()
                .addToAdditionalProperties("spec", Map.of("hosts", List.of("*"))).build();
        cluster.admin.genericKubernetesResources("networking.istio.io/v1", "VirtualService").inNamespace(NS).resource(vs)
                .create();
        return Map.of("networking.istio.io/v1/VirtualService/kubeflow/users-route",
                cluster.objects().get("networking.istio.io/v1/VirtualService/kubeflow/users-route"));
    }

    private State tlsState() {
        SecretState tls = SecretState.granted(Map.of("tls-crt", IstioCharmTest.CERT, "tls-key", IstioCharmTest.KEY));
        return base.withSecret(tls).withConfig(Map.of("tls-secret-id", tls.id()));
    }

    /** The cell's outcome: the final status, or the hook failing so that Juju retries. */
    private static String run(Context c, State in, State[] out) {
        return FaultChecks.outcomeOrHookFails(c, Events.install(), in, out);
    }

    /** After the fault heals, Juju's retry (or the next hook) converges and nothing was lost. */
    private void healsAndKeeps(State in, Map<String, String> users) {
        cluster.heal();
        State retried = FaultChecks.assertIdempotent(ctx, Events.configChanged(), in, cluster::objects);
        assertEquals(Status.active(), retried.unitStatus());
        FaultChecks.assertKept(users, cluster.objects());
        FaultChecks.assertNoSecretIn(retried, List.of(KEY_SECRET), cluster.objects().values());
    }

    enum Api {
        K8S_403(ApiFault.status("*", "/clusterroles", 403, "clusterroles.rbac.authorization.k8s.io is forbidden")),
        K8S_404_CRD_NOT_ESTABLISHED(ApiFault.status("*", "/apis/networking.istio.io/v1/namespaces/kubeflow/gateways", 404,
                "the server could not find the requested resource")),
        K8S_409(ApiFault.conflict("PUT", "/deployments", "deployments.apps \"istiod\"").times(1)),
        K8S_422(ApiFault.status("*", "/deployments", 422, "Deployment.apps \"istiod\" is invalid: spec.template: Invalid value")),
        K8S_429(ApiFault.tooManyRequests("*", "/deployments").times(1)),
        K8S_5XX(ApiFault.unavailable("*", "/deployments")),
        K8S_TIMEOUT(ApiFault.slow("*", "/deployments", Duration.ofSeconds(2))),
        K8S_CONNECTION_DROPPED(ApiFault.drop("*", "/deployments"));

        final ApiFault fault;

        Api(ApiFault fault) {
            this.fault = fault;
        }
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void kubernetesApiFaultDuringInstall(Api api, FaultRecorder faults) {
        Map<String, String> users = userObjectsAfterCrds();
        State in = tlsState();
        cluster.inject(api.fault);
        State[] out = new State[1];
        String outcome = run(quick, in, out);
        if (out[0] != null) {
            FaultChecks.assertNoSecretIn(out[0], List.of(KEY_SECRET), cluster.objects().values());
        }
        FaultChecks.assertKept(users, cluster.objects());
        faults.observed(FaultKind.valueOf(api.name()), api.fault.method() + " *" + api.fault.pathContains() + "*", outcome);
        healsAndKeeps(in, users);
    }

    /** The CRDs exist (a first install ran) so that the user's object can be stored. */
    private Map<String, String> userObjectsAfterCrds() {
        assertEquals(Status.active(), ctx.run(Events.install(), base).unitStatus());
        return userObjects();
    }

    @Test
    void hookToolFaults(FaultRecorder faults) {
        Map<String, String> users = userObjectsAfterCrds();
        RelationState ingress = RelationState.of("ingress", "jupyter-ui").withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n", "data", "port: 5000\nprefix: /jupyter/\nrewrite: /\nservice: jupyter-ui\n"));
        // A version change makes the hook record the new version (state-set).
        State in = tlsState().withRelation(ingress).withStored(Map.of(IstioCharm.VERSION_KEY, "\"1.27.2\""));
        for (FaultKind kind : List.of(FaultKind.RELATION_GET_FAILS, FaultKind.RELATION_GET_TIMES_OUT,
                FaultKind.SECRET_GET_FAILS, FaultKind.SECRET_GET_TIMES_OUT, FaultKind.STATE_SET_FAILS,
                FaultKind.STATE_SET_TIMES_OUT, FaultKind.STATUS_SET_FAILS, FaultKind.STATUS_SET_TIMES_OUT)) {
            String tool = kind.hookTool().orElseThrow();
            Context broken = ctx.withToolFault(tool, kind.toolFault());
            faults.observed(kind, tool, run(broken, in, new State[1]));
            FaultChecks.assertKept(users, cluster.objects());
        }
        State retried = ctx.run(Events.install(), in);
        assertEquals(Status.active(), retried.unitStatus());
        assertEquals(java.util.Optional.of("\"1.28.0\""), retried.storedValue(IstioCharm.VERSION_KEY));
        FaultChecks.assertNoSecretIn(retried, List.of(KEY_SECRET), cluster.objects().values());
    }

    @Test
    void noWorkloadContainer(FaultRecorder faults) {
        assertTrue(ctx.metadata().containers().isEmpty(), "istio declares no containers");
        for (FaultKind kind : List.of(FaultKind.PEBBLE_UNREACHABLE, FaultKind.PEBBLE_SERVICE_FAILS_TO_START,
                FaultKind.PEBBLE_CHECK_DOWN, FaultKind.PEBBLE_PUSH_FAILS)) {
            faults.notApplicable(kind, "istio has no workload container (istiod and the gateway are Deployments it applies)");
        }
        faults.notApplicable(FaultKind.MACHINE_REBOOT, "istio is a Kubernetes charm: its unit is a pod (see pod churn)");
    }

    @Test
    void relationDataFaults(FaultRecorder faults) {
        Map<String, String> users = userObjectsAfterCrds();
        Map<FaultKind, Map<String, String>> bad = Map.of(
                FaultKind.RELATION_MALFORMED, Map.of("_supported_versions", "- v1\n", "data", "port: [5000\nprefix"),
                FaultKind.RELATION_WRONG_TYPES, Map.of("_supported_versions", "- v1\n", "data",
                        "port: five\nprefix: /jupyter/\nservice: jupyter-ui\n"),
                FaultKind.RELATION_MISSING_KEYS, Map.of("_supported_versions", "- v1\n", "data", "port: 5000\n"),
                FaultKind.RELATION_UNSUPPORTED_SDI_VERSION, Map.of("_supported_versions", "- v9\n", "data",
                        "port: 5000\nprefix: /jupyter/\nservice: jupyter-ui\n"));
        for (Map.Entry<FaultKind, Map<String, String>> e : bad.entrySet()) {
            RelationState r = RelationState.of("ingress", "jupyter-ui").withRemoteAppData(e.getValue());
            State out = ctx.run(Events.relationChanged(r), base.withRelation(r));
            assertFalse(out.unitStatus().message().contains("\n"), "a status is one line: " + out.unitStatus());
            assertFalse(out.unitStatus().message().contains("[5000"), "the status echoes the remote's data");
            faults.observed(e.getKey(), "ingress", FaultChecks.outcome(out));
            FaultChecks.assertKept(users, cluster.objects());
        }
        faults.notApplicable(FaultKind.RELATION_SECRET_NOT_GRANTED,
                "no relation of istio carries a secret URI (its TLS secret is the tls-secret-id option, under config)");
        faults.notApplicable(FaultKind.RELATION_SECRET_REMOVED,
                "no relation of istio carries a secret URI (its TLS secret is the tls-secret-id option, under config)");
    }

    @Test
    void everyOptionBadBlocksNamingItAndEveryOptionUnsetIsActive(FaultRecorder faults) {
        Map<String, Object> bad = new java.util.LinkedHashMap<>();
        bad.put("default-gateway", "Kubeflow_Gateway");
        bad.put("gateway-service-type", "Ingress");
        bad.put("gateway-annotations", "kubernetes.io/x=1");
        bad.put("image-hub", "https://ghcr.io/x");
        bad.put("image-tag", "latest");
        bad.put("profile", "tiny");
        for (Map.Entry<String, Object> e : bad.entrySet()) {
            State out = ctx.run(Events.configChanged(), base.withConfig(Map.of(e.getKey(), e.getValue())));
            assertTrue(out.unitStatus().message().contains(e.getKey()), out.unitStatus().toString());
            faults.observed(FaultKind.CONFIG_BAD, e.getKey(), FaultChecks.outcome(out));
        }
        assertEquals(Map.of(), cluster.objects(), "an invalid option applies nothing");
        // The TLS secret only concerns the gateway: the control plane is applied meanwhile.
        State notFound = ctx.run(Events.configChanged(), base.withConfig(Map.of("tls-secret-id", "secret:cv0tmpd2ju3s6aaaaaaa")));
        faults.observed(FaultKind.CONFIG_BAD, "tls-secret-id (not found)", FaultChecks.outcome(notFound));
        SecretState keyless = SecretState.granted(Map.of("tls-crt", IstioCharmTest.CERT));
        State noKey = ctx.run(Events.configChanged(), base.withSecret(keyless).withConfig(Map.of("tls-secret-id", keyless.id())));
        faults.observed(FaultKind.CONFIG_BAD, "tls-secret-id (no tls-key)", FaultChecks.outcome(noKey));
        FaultChecks.assertNoSecretIn(noKey, List.of("MIIBfake"), cluster.objects().values());
        State unset = FaultChecks.assertIdempotent(ctx, Events.configChanged(), base, cluster::objects);
        faults.observed(FaultKind.CONFIG_UNSET, "all options (defaults)", FaultChecks.outcome(unset));
    }

    @Test
    void lifecycle(FaultRecorder faults) {
        RelationState ingress = RelationState.of("ingress", "jupyter-ui").withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n", "data", "port: 5000\nprefix: /jupyter/\nrewrite: /\nservice: jupyter-ui\n"));
        State installed = ctx.run(Events.install(), tlsState().withRelation(ingress));
        assertEquals(Status.active(), installed.unitStatus());
        Map<String, String> users = userObjects();
        Map<String, String> applied = cluster.objects();

        // Leadership moves to istio/1: it applies the same objects, no diff (no flow spans hooks).
        State newLeader = ctx.asUnit("istio/1").run(Events.leaderElected(), tlsState().withRelation(ingress)
                .withStored(installed.stored()));
        assertEquals(applied, cluster.objects(), "the new leader changed the cluster");
        faults.observed(FaultKind.LEADERSHIP_MOVES, "leader-elected on istio/1", FaultChecks.outcome(newLeader)
                + "; no Kubernetes diff (istio generates no certificates, tokens or keys across hooks)");

        // A new pod: only controller state and secrets remain; start must converge on the same objects.
        State restarted = FaultChecks.assertIdempotent(ctx, Events.start(), installed, cluster::objects);
        assertEquals(applied, cluster.objects());
        FaultChecks.assertNothingLost(installed, restarted);
        faults.observed(FaultKind.POD_CHURN, "start on a new pod", FaultChecks.outcome(restarted) + "; no Kubernetes diff");

        State upgraded = FaultChecks.assertIdempotent(ctx, Events.upgradeCharm(), installed, cluster::objects);
        FaultChecks.assertNothingLost(installed, upgraded);
        FaultChecks.assertKept(users, cluster.objects());
        faults.observed(FaultKind.UPGRADE, "upgrade-charm over the running revision's state", FaultChecks.outcome(upgraded));
        State down = ctx.run(Events.configChanged(), installed.withConfig(Map.of("image-tag", "1.27.0")));
        assertEquals(applied, cluster.objects(), "a refused downgrade applies nothing");
        faults.observed(FaultKind.DOWNGRADE_REFUSED, "image-tag 1.28.0 -> 1.27.0", FaultChecks.outcome(down));

        // A new leader has no unit state: it asks the cluster which version runs. An API error there
        // must not pass for "nothing installed" (that skipped the downgrade refusal).
        cluster.inject(ApiFault.unavailable("GET", "/deployments/istiod"));
        String unanswered = FaultChecks.hookFails(() -> quick.asUnit("istio/1").run(Events.leaderElected(),
                base.withConfig(Map.of("image-tag", "1.27.0"))));
        cluster.heal();
        assertEquals(applied, cluster.objects(), "a new leader downgraded Istio while the API failed");
        faults.observed(FaultKind.LEADERSHIP_MOVES, "new leader reads the running version; API answers 503", unanswered);

        State follower = ctx.asUnit("istio/2").run(Events.install(), base.withLeader(false).withPlannedUnits(3));
        State three = ctx.run(Events.configChanged(), installed.withPlannedUnits(3));
        State one = ctx.run(Events.configChanged(), three.withPlannedUnits(1));
        assertEquals(applied, cluster.objects(), "scaling changed the cluster");
        faults.observed(FaultKind.SCALE_3_AND_BACK, "", FaultChecks.outcome(one) + " back at 1, no Kubernetes diff;"
                + " at 3: leader " + FaultChecks.outcome(three) + ", followers " + FaultChecks.outcome(follower));

        State removed = ctx.run(Events.remove(), installed.withPlannedUnits(0));
        FaultChecks.assertKept(users, cluster.objects());
        assertFalse(cluster.objects().keySet().stream().anyMatch(k -> k.contains("/Deployment/")), "the control plane is deleted");
        faults.observed(FaultKind.REMOVE_WITH_RELATION, "ingress related, purge-on-remove=false",
                FaultChecks.outcome(removed) + "; control plane and gateway deleted, CRDs and the user's VirtualService kept");
    }
}
