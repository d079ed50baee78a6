package io.jcharm.charms.standins.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import io.jcharm.testing.faults.FaultChecks;
import io.jcharm.testing.faults.FaultKind;
import io.jcharm.testing.faults.FaultMatrix;
import io.jcharm.testing.faults.FaultRecorder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The oidc-gatekeeper stand-in's row of the fault matrix (docs/faults.md): under each fault it
 * must do what canonical/oidc-gatekeeper-operator ckf-1.10 does, and keep the client secret it
 * generated (in the client-secret peer relation) across leadership changes, new pods and upgrades.
 */
@FaultMatrix(charm = "oidc-gatekeeper")
class OidcGatekeeperFaultsTest {
    private static final String C = "oidc-authservice";
    private final Context ctx = Context.of(OidcGatekeeperStandinCharm::new, Path.of("target/standin"));
    private final RelationState dex = RelationState.of("dex-oidc-config", "dex-auth").withId(3)
            .withRemoteAppData(Map.of("issuer-url", "http://dex-auth.kubeflow.svc:5556/dex"));
    private final RelationState auth = RelationState.of("ingress-auth", "istio-pilot").withId(5)
            .withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
    private final RelationState client = RelationState.of("oidc-client", "dex-auth").withId(7)
            .withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
    private final RelationState peer = RelationState.peer("client-secret", "oidc-gatekeeper", List.of()).withId(9);
    private final State ready = State.empty().withLeader(true).withModel("kubeflow", "0f1c7e2a-0000-4000-8000-0000000000aa")
            .withContainer(ContainerState.reachable(C)).withRelation(dex).withRelation(auth).withRelation(client)
            .withRelation(peer);

    /** Running: the leader generated the client secret and sent everything. */
    private State running() {
        State out = ctx.run(Events.configChanged(), ready);
        assertEquals(Status.active(), out.unitStatus());
        return out;
    }

    private static String secret(State s) {
        return s.relation(9).localAppData().get("client-secret");
    }

    /** The client secret is only where it is handed over (oidc-client's data) and kept (the peer bag). */
    private static void secretShownNowhereElse(State out, String secret) {
        FaultChecks.assertNoSecretIn(out.withoutRelation(7).withoutRelation(9), List.of(secret));
    }

    private State converges(State in, String secret) {
        State out = FaultChecks.assertIdempotent(ctx, Events.configChanged(), in);
        assertEquals(Status.active(), out.unitStatus());
        assertEquals(secret, secret(out));
        assertTrue(out.relation(7).localAppData().get("data").contains("secret: " + secret));
        secretShownNowhereElse(out, secret);
        return out;
    }

    @Test
    void hookToolFaults(FaultRecorder faults) {
        State in = running();
        String secret = secret(in);
        FaultChecks.recordHookToolCells(faults, ctx, Events.relationChanged(auth), in, (tool, out) -> {
            assertEquals(secret, secret(out));
            secretShownNowhereElse(out, secret);
            return " (oidc-gatekeeper calls no " + tool + ": its client secret is in the peer relation)";
        });
        converges(in, secret);
    }

    @Test
    void noKubernetesClientAndNoWorkloadInTheContainer(FaultRecorder faults) {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.jcharm.kubernetes.KubeOptions"));
        for (FaultKind kind : FaultKind.inArea("Kubernetes API")) {
            faults.notApplicable(kind, "the stand-in has no Kubernetes client (lib/kubernetes is not on its class"
                    + " path): it does not patch its Service's ports as the real charm does, and calls no API");
        }
        State in = running();
        String secret = secret(in);
        assertTrue(in.container(C).plan().isEmpty() || in.container(C).plan().get().services().isEmpty());
        assertTrue(in.container(C).files().isEmpty());
        faults.notApplicable(FaultKind.PEBBLE_SERVICE_FAILS_TO_START,
                "the stand-in adds no Pebble layer (no authservice runs): it only waits for the container's Pebble");
        faults.notApplicable(FaultKind.PEBBLE_CHECK_DOWN, "the stand-in plans no service and so no check");
        faults.notApplicable(FaultKind.PEBBLE_PUSH_FAILS, "the stand-in pushes no file (not the ca-bundle: no authservice runs)");

        State away = FaultChecks.assertIdempotent(ctx, Events.configChanged(), in.withContainer(ContainerState.unreachable(C)));
        assertEquals(in.relation(5).localAppData(), away.relation(5).localAppData(), "the route was not sent before the pod");
        assertEquals(secret, secret(away));
        faults.observed(FaultKind.PEBBLE_UNREACHABLE, C + " container", FaultChecks.outcome(away)
                + "; routes and client sent first, as the real charm's main does");
        converges(away.withContainer(ContainerState.reachable(C)), secret);
        assertTrue(ctx.metadata().isKubernetes());
        faults.notApplicable(FaultKind.MACHINE_REBOOT, "oidc-gatekeeper is a Kubernetes charm: its unit is a pod (see pod churn)");
    }

    @Test
    void relationDataAsTheRealLibrariesReadIt(FaultRecorder faults) {
        State in = running();
        String secret = secret(in);
        Map<String, RelationState> malformed = new LinkedHashMap<>();
        malformed.put("ingress-auth _supported_versions not YAML", auth.withRemoteAppData(Map.of("_supported_versions", "- [v1\n")));
        malformed.put("istio-pilot sends data on ingress-auth", auth.withRemoteAppData(Map.of("_supported_versions", "- v1\n",
                "data", "service: x\n")));
        for (Map.Entry<String, RelationState> e : malformed.entrySet()) {
            RelationState r = e.getValue();
            faults.observed(FaultKind.RELATION_MALFORMED, e.getKey(),
                    FaultChecks.hookFails(() -> ctx.run(Events.relationChanged(r), in.withRelation(r))));
        }
        RelationState number = auth.withRemoteAppData(Map.of("_supported_versions", "42"));
        faults.observed(FaultKind.RELATION_WRONG_TYPES, "ingress-auth _supported_versions a number",
                FaultChecks.hookFails(() -> ctx.run(Events.relationChanged(number), in.withRelation(number))));
        RelationState floats = auth.withRemoteAppData(Map.of("_supported_versions", "- 1.5\n"));
        faults.observed(FaultKind.RELATION_WRONG_TYPES, "ingress-auth version 1.5",
                FaultChecks.hookFails(() -> ctx.run(Events.relationChanged(floats), in.withRelation(floats))));

        RelationState empty = RelationState.of("dex-oidc-config", "dex-auth").withId(3);
        State waiting = FaultChecks.assertIdempotent(ctx, Events.relationChanged(empty), in.withRelation(empty));
        assertEquals(secret, secret(waiting));
        faults.observed(FaultKind.RELATION_MISSING_KEYS, "dex-oidc-config bag empty", FaultChecks.outcome(waiting));
        RelationState noIssuer = empty.withRemoteAppData(Map.of("issuer", "http://dex"));
        faults.observed(FaultKind.RELATION_MISSING_KEYS, "dex-oidc-config without issuer-url",
                FaultChecks.hookFails(() -> ctx.run(Events.relationChanged(noIssuer), in.withRelation(noIssuer))));
        RelationState unlisted = auth.withRemoteAppData(Map.of());
        State unlistedOut = ctx.run(Events.relationChanged(unlisted), in.withRelation(unlisted));
        faults.observed(FaultKind.RELATION_MISSING_KEYS, "ingress-auth without _supported_versions",
                FaultChecks.outcome(unlistedOut));

        RelationState v2 = auth.withRemoteAppData(Map.of("_supported_versions", "- v2\n"));
        State blocked = FaultChecks.assertIdempotent(ctx, Events.relationChanged(v2), in.withRelation(v2));
        assertEquals(secret, secret(blocked));
        secretShownNowhereElse(blocked, secret);
        faults.observed(FaultKind.RELATION_UNSUPPORTED_SDI_VERSION, "ingress-auth lists only v2", FaultChecks.outcome(blocked));
        faults.notApplicable(FaultKind.RELATION_SECRET_NOT_GRANTED, "no relation of oidc-gatekeeper carries a secret URI (the"
                + " client secret travels in oidc-client's data and the peer bag, as in the real charm)");
        faults.notApplicable(FaultKind.RELATION_SECRET_REMOVED, "no relation of oidc-gatekeeper carries a secret URI (the"
                + " client secret travels in oidc-client's data and the peer bag, as in the real charm)");
        converges(in, secret);
    }

    @Test
    void everyOption(FaultRecorder faults) {
        State in = running();
        String secret = secret(in);
        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("client-id", "");
        odd.put("client-name", "");
        odd.put("client-secret", "Short-Config-Secret");
        odd.put("oidc-scopes", "");
        odd.put("ca-bundle", "not a PEM");
        odd.put("skip-auth-urls", ",,");
        odd.put("userid-claim", "");
        for (Map.Entry<String, Object> e : odd.entrySet()) {
            State out = FaultChecks.assertIdempotent(ctx, Events.configChanged(), in.withConfig(Map.of(e.getKey(), e.getValue())));
            assertEquals(secret, secret(out), "the generated client secret changed");
            FaultChecks.assertNoSecretIn(out.withoutRelation(7).withoutRelation(9), List.of(secret, "Short-Config-Secret"));
            faults.observed(FaultKind.CONFIG_BAD, e.getKey() + "='" + (e.getKey().equals("client-secret") ? "<set>" : e.getValue())
                    + "'", FaultChecks.outcome(out) + "; the generated client secret kept");
        }
        State unset = FaultChecks.assertIdempotent(ctx, Events.configChanged(), ready);
        assertTrue(secret(unset).matches("[A-Z0-9]{30}"));
        faults.observed(FaultKind.CONFIG_UNSET, "all options (defaults: client-id authservice-oidc)", FaultChecks.outcome(unset)
                + "; the leader generated the client secret once");
    }

    @Test
    void lifecycleKeepsTheClientSecret(FaultRecorder faults) {
        State in = running();
        String secret = secret(in);

        // oidc-gatekeeper/0 generated the secret while oidc-client was not related yet; oidc-gatekeeper/1 sends it.
        State early = ctx.run(Events.configChanged(), ready.withoutRelation(7));
        String generated = secret(early);
        State newLeader = ctx.asUnit("oidc-gatekeeper/1").run(Events.leaderElected(), early.withRelation(client));
        assertEquals(generated, secret(newLeader));
        assertTrue(newLeader.relation(7).localAppData().get("data").contains("secret: " + generated));
        secretShownNowhereElse(newLeader, generated);
        faults.observed(FaultKind.LEADERSHIP_MOVES, "secret generated by oidc-gatekeeper/0, sent by oidc-gatekeeper/1",
                FaultChecks.outcome(newLeader) + "; the same client secret, none generated again");

        State newPod = FaultChecks.assertIdempotent(ctx, Events.pebbleReady(C), in.withContainer(ContainerState.reachable(C)));
        assertEquals(secret, secret(newPod));
        faults.observed(FaultKind.POD_CHURN, "pebble-ready on a new pod", FaultChecks.outcome(newPod) + "; same client secret");
        State upgraded = FaultChecks.assertIdempotent(ctx, Events.upgradeCharm(), in);
        FaultChecks.assertNothingLost(in, upgraded);
        assertEquals(secret, secret(upgraded));
        faults.observed(FaultKind.UPGRADE, "upgrade-charm over the running revision's state", FaultChecks.outcome(upgraded)
                + "; same client secret");
        faults.notApplicable(FaultKind.DOWNGRADE_REFUSED, "the stand-in keeps nothing versioned (one client secret in the"
                + " peer relation, which every revision reads the same way)");

        State three = ctx.run(Events.configChanged(), in.withPlannedUnits(3));
        State follower = ctx.asUnit("oidc-gatekeeper/2").run(Events.configChanged(), in.withLeader(false).withPlannedUnits(3));
        assertEquals(secret, secret(follower));
        State one = ctx.run(Events.configChanged(), three.withPlannedUnits(1));
        assertEquals(secret, secret(one));
        faults.observed(FaultKind.SCALE_3_AND_BACK, "", FaultChecks.outcome(one) + " back at 1; at 3: leader "
                + FaultChecks.outcome(three) + ", followers " + FaultChecks.outcome(follower));

        State removed = ctx.run(Events.remove(), in.withPlannedUnits(0));
        secretShownNowhereElse(removed, secret);
        faults.observed(FaultKind.REMOVE_WITH_RELATION, "dex-oidc-config, ingress-auth and oidc-client related",
                FaultChecks.outcome(removed));
    }
}
