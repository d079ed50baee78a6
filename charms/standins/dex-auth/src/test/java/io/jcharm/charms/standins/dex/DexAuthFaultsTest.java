package io.jcharm.charms.standins.dex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.HookFailedException;
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
 * The dex-auth stand-in's row of the fault matrix (docs/faults.md): under each fault it must do
 * what canonical/dex-auth-operator 2.39 does (serialized-data-interface's errors on oidc-client and
 * ingress, connectors read as YAML), and never show the static password or the client secret.
 */
@FaultMatrix(charm = "dex-auth")
class DexAuthFaultsTest {
    private static final String STATIC_PASSWORD = "st4tic-Pa55";
    private static final String CLIENT_SECRET = "K3YQ9ZL0CLIENTSECRETVALUE00001";
    private static final String CLIENT_DATA = "id: authservice-oidc\nname: Ambassador Auth OIDC\nredirectURIs:\n"
            + "- /authservice/oidc/callback\nsecret: " + CLIENT_SECRET + "\n";
    private final Context ctx = Context.of(DexAuthStandinCharm::new, Path.of("target/standin"));
    private final RelationState oidcConfig = RelationState.of("dex-oidc-config", "oidc-gatekeeper").withId(3);
    private final RelationState ingress = RelationState.of("ingress", "istio-pilot").withId(4)
            .withRemoteAppData(Map.of("_supported_versions", "- v1\n- v2\n"));
    private final RelationState client = RelationState.of("oidc-client", "oidc-gatekeeper").withId(5)
            .withRemoteAppData(Map.of("_supported_versions", "- v1\n", "data", CLIENT_DATA));
    private final State running = State.empty().withLeader(true).withModel("kubeflow", "0f1c7e2a-0000-4000-8000-0000000000bb")
            .withContainer(ContainerState.reachable("dex")).withRelation(oidcConfig).withRelation(ingress).withRelation(client)
            .withConfig(Map.of("static-username", "admin", "static-password", STATIC_PASSWORD));

    private static void nothingShown(State out) {
        FaultChecks.assertNoSecretIn(out, List.of(STATIC_PASSWORD, CLIENT_SECRET));
    }

    /** After the fault: the next hook converges, idempotently, publishing the same issuer and route. */
    private State converges(State in) {
        State out = FaultChecks.assertIdempotent(ctx, Events.configChanged(), in);
        assertEquals(Status.active(), out.unitStatus());
        assertEquals("http://dex-auth.kubeflow.svc:5556/dex", out.relation(3).localAppData().get("issuer-url"));
        assertEquals("port: 5556\nprefix: /dex\nrewrite: /dex\nservice: dex-auth\n", out.relation(4).localAppData().get("data"));
        nothingShown(out);
        return out;
    }

    @Test
    void hookToolFaults(FaultRecorder faults) {
        FaultChecks.recordHookToolCells(faults, ctx, Events.relationChanged(client), running, (tool, out) -> {
            nothingShown(out);
            return " (dex-auth calls no " + tool + ": it keeps nothing in secrets or controller state)";
        });
        converges(running);
    }

    @Test
    void noKubernetesClientAndNoWorkloadInTheContainer(FaultRecorder faults) {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.jcharm.kubernetes.KubeOptions"));
        for (FaultKind kind : FaultKind.inArea("Kubernetes API")) {
            faults.notApplicable(kind, "the stand-in has no Kubernetes client (lib/kubernetes is not on its class"
                    + " path): it does not patch its Service's ports as the real charm does, and calls no API");
        }
        State out = converges(running);
        assertTrue(out.container("dex").plan().isEmpty() || out.container("dex").plan().get().services().isEmpty());
        assertTrue(out.container("dex").files().isEmpty());
        faults.notApplicable(FaultKind.PEBBLE_SERVICE_FAILS_TO_START,
                "the stand-in adds no Pebble layer (no Dex runs): it only waits for the dex container's Pebble");
        faults.notApplicable(FaultKind.PEBBLE_CHECK_DOWN, "the stand-in plans no service and so no check");
        faults.notApplicable(FaultKind.PEBBLE_PUSH_FAILS, "the stand-in pushes no file (no Dex configuration: no Dex runs)");

        State away = ctx.run(Events.configChanged(), running.withContainer(ContainerState.unreachable("dex")));
        assertEquals("http://dex-auth.kubeflow.svc:5556/dex", away.relation(3).localAppData().get("issuer-url"));
        assertFalse(away.relation(4).localAppData().containsKey("data"));
        faults.observed(FaultKind.PEBBLE_UNREACHABLE, "dex container", FaultChecks.outcome(away)
                + "; the issuer URL is sent, the ingress route waits");
        converges(away.withContainer(ContainerState.reachable("dex")));
        assertTrue(ctx.metadata().isKubernetes());
        faults.notApplicable(FaultKind.MACHINE_REBOOT, "dex-auth is a Kubernetes charm: its unit is a pod (see pod churn)");
    }

    @Test
    void relationDataAsSerializedDataInterfaceReadsIt(FaultRecorder faults) {
        Map<String, RelationState> failing = new LinkedHashMap<>();
        failing.put("oidc-client data not YAML", client.withRemoteAppData(Map.of("_supported_versions", "- v1\n", "data", "id: [\n")));
        failing.put("ingress _supported_versions not YAML", ingress.withRemoteAppData(Map.of("_supported_versions", "- [v1\n")));
        for (Map.Entry<String, RelationState> e : failing.entrySet()) {
            RelationState r = e.getValue();
            faults.observed(FaultKind.RELATION_MALFORMED, e.getKey(),
                    FaultChecks.hookFails(() -> ctx.run(Events.relationChanged(r), running.withRelation(r))));
        }
        RelationState uriString = client.withRemoteAppData(Map.of("_supported_versions", "- v1\n",
                "data", CLIENT_DATA.replace("redirectURIs:\n- /authservice/oidc/callback\n", "redirectURIs: /cb\n")));
        faults.observed(FaultKind.RELATION_WRONG_TYPES, "oidc-client redirectURIs a string",
                FaultChecks.hookFails(() -> ctx.run(Events.relationChanged(uriString), running.withRelation(uriString))));
        RelationState number = ingress.withRemoteAppData(Map.of("_supported_versions", "42"));
        faults.observed(FaultKind.RELATION_WRONG_TYPES, "ingress _supported_versions a number",
                FaultChecks.hookFails(() -> ctx.run(Events.relationChanged(number), running.withRelation(number))));

        RelationState noSecret = client.withRemoteAppData(Map.of("_supported_versions", "- v1\n",
                "data", CLIENT_DATA.replaceAll("secret: .*\n", "")));
        faults.observed(FaultKind.RELATION_MISSING_KEYS, "oidc-client data without secret",
                FaultChecks.hookFails(() -> ctx.run(Events.relationChanged(noSecret), running.withRelation(noSecret))));
        RelationState unlisted = ingress.withRemoteAppData(Map.of());
        State waiting = FaultChecks.assertIdempotent(ctx, Events.relationChanged(unlisted), running.withRelation(unlisted));
        assertEquals(Map.of("_supported_versions", "- v1\n"), waiting.relation(4).localAppData());
        faults.observed(FaultKind.RELATION_MISSING_KEYS, "ingress without _supported_versions", FaultChecks.outcome(waiting));

        RelationState v9 = ingress.withRemoteAppData(Map.of("_supported_versions", "- v9\n"));
        State blocked = FaultChecks.assertIdempotent(ctx, Events.relationChanged(v9), running.withRelation(v9));
        assertFalse(blocked.relation(4).localAppData().containsKey("data"));
        nothingShown(blocked);
        faults.observed(FaultKind.RELATION_UNSUPPORTED_SDI_VERSION, "ingress lists only v9", FaultChecks.outcome(blocked));
        faults.notApplicable(FaultKind.RELATION_SECRET_NOT_GRANTED, "no relation of dex-auth carries a secret URI (oidc-client"
                + " hands the client secret in its data, as the real interface does)");
        faults.notApplicable(FaultKind.RELATION_SECRET_REMOVED, "no relation of dex-auth carries a secret URI (oidc-client"
                + " hands the client secret in its data, as the real interface does)");
        converges(running);
    }

    @Test
    void everyOption(FaultRecorder faults) {
        Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
        bad.put("issuer-url=not a url", Map.of("issuer-url", "not a url"));
        bad.put("public-url without scheme", Map.of("public-url", "dex.example.com:5557"));
        bad.put("port=70000", Map.of("port", 70000L));
        bad.put("static-username empty", Map.of("static-username", ""));
        bad.put("static-password empty", Map.of("static-password", ""));
        bad.put("enable-password-db=false without connectors", Map.of("enable-password-db", false));
        bad.put("connectors=[] with enable-password-db=false", Map.of("enable-password-db", false, "connectors", "[]"));
        for (Map.Entry<String, Map<String, Object>> e : bad.entrySet()) {
            Map<String, Object> config = new LinkedHashMap<>(running.config());
            config.putAll(e.getValue());
            State out = FaultChecks.assertIdempotent(ctx, Events.configChanged(), running.withConfig(config));
            nothingShown(out);
            String issuer = out.relation(3).localAppData().get("issuer-url");
            faults.observed(FaultKind.CONFIG_BAD, e.getKey(),
                    FaultChecks.outcome(out) + "; issuer-url " + issuer);
        }
        Map<String, Object> notYaml = new LinkedHashMap<>(running.config());
        notYaml.put("connectors", "- type: github\n  config: {clientSecret: gh-s3cret, clientID: [\n");
        faults.observed(FaultKind.CONFIG_BAD, "connectors not YAML", FaultChecks.hookFails(
                () -> ctx.run(Events.configChanged(), running.withConfig(notYaml))));
        HookFailedException failed = assertThrows(HookFailedException.class,
                () -> ctx.run(Events.configChanged(), running.withConfig(notYaml)));
        assertFalse(String.join("\n", failed.logs()).contains("gh-s3cret"), "the error shows the connectors' secret");
        State unset = FaultChecks.assertIdempotent(ctx, Events.configChanged(), running.withConfig(Map.of()));
        assertEquals("http://dex-auth.kubeflow.svc:5556/dex", unset.relation(3).localAppData().get("issuer-url"));
        faults.observed(FaultKind.CONFIG_UNSET, "all options (defaults: static login on, port 5556)", FaultChecks.outcome(unset)
                + "; issuer-url the Service's");
    }

    @Test
    void lifecycle(FaultRecorder faults) {
        State in = converges(running);
        State newLeader = FaultChecks.assertIdempotent(ctx.asUnit("dex-auth/1"), Events.leaderElected(), running);
        assertEquals(in.relation(3).localAppData(), newLeader.relation(3).localAppData());
        assertEquals(in.relation(4).localAppData(), newLeader.relation(4).localAppData());
        faults.observed(FaultKind.LEADERSHIP_MOVES, "leader-elected on dex-auth/1", FaultChecks.outcome(newLeader)
                + "; the same issuer URL and route");

        State newPod = FaultChecks.assertIdempotent(ctx, Events.pebbleReady("dex"), in.withContainer(ContainerState.reachable("dex")));
        assertEquals(in.relation(4).localAppData(), newPod.relation(4).localAppData());
        faults.observed(FaultKind.POD_CHURN, "pebble-ready on a new pod", FaultChecks.outcome(newPod) + "; same data sent");
        State upgraded = FaultChecks.assertIdempotent(ctx, Events.upgradeCharm(), in);
        FaultChecks.assertNothingLost(in, upgraded);
        faults.observed(FaultKind.UPGRADE, "upgrade-charm over the running revision's state", FaultChecks.outcome(upgraded));
        faults.notApplicable(FaultKind.DOWNGRADE_REFUSED, "the stand-in keeps nothing versioned: all it sends is recomputed"
                + " from config on every hook");

        State three = ctx.run(Events.configChanged(), in.withPlannedUnits(3));
        State follower = ctx.asUnit("dex-auth/2").run(Events.configChanged(), in.withLeader(false).withPlannedUnits(3));
        assertEquals(in.relation(3).localAppData(), follower.relation(3).localAppData());
        State one = ctx.run(Events.configChanged(), three.withPlannedUnits(1));
        FaultChecks.assertNothingLost(in, one);
        faults.observed(FaultKind.SCALE_3_AND_BACK, "", FaultChecks.outcome(one) + " back at 1; at 3: leader "
                + FaultChecks.outcome(three) + ", followers " + FaultChecks.outcome(follower));

        State removed = ctx.run(Events.remove(), in.withPlannedUnits(0));
        nothingShown(removed);
        faults.observed(FaultKind.REMOVE_WITH_RELATION, "dex-oidc-config, ingress and oidc-client related",
                FaultChecks.outcome(removed));
    }
}
