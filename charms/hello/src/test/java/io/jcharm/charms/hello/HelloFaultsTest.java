package io.jcharm.charms.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.HookFailedException;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import io.jcharm.testing.faults.FaultChecks;
import io.jcharm.testing.faults.FaultKind;
import io.jcharm.testing.faults.FaultMatrix;
import io.jcharm.testing.faults.FaultRecorder;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** hello's row of the fault matrix (docs/faults.md): each test records the cells it shows. */
@FaultMatrix(charm = "hello")
class HelloFaultsTest {
    private static final String TOKEN = "tok-9f8e7d";
    private final Context ctx = Context.of(HelloCharm::new);
    private final RelationState listen = RelationState.of("listen", "talker").withRemoteAppData(Map.of("greeting", "Hi"));
    private final SecretState token = SecretState.granted(Map.of("token", TOKEN));
    private final State running = State.empty().withLeader(true).withRelation(listen).withSecret(token)
            .withConfig(Map.of("token-secret", token.id()));

    @Test
    void hookToolFaultsFailTheHookSoJujuRetriesAndLoseNothing(FaultRecorder faults) {
        for (FaultKind kind : List.of(FaultKind.RELATION_GET_FAILS, FaultKind.RELATION_GET_TIMES_OUT,
                FaultKind.SECRET_GET_FAILS, FaultKind.SECRET_GET_TIMES_OUT, FaultKind.STATUS_SET_FAILS,
                FaultKind.STATUS_SET_TIMES_OUT)) {
            String tool = kind.hookTool().orElseThrow();
            Context broken = ctx.withToolFault(tool, kind.toolFault());
            String outcome = FaultChecks.hookFails(() -> broken.run(Events.relationChanged(listen), running));
            HookFailedException e = org.junit.jupiter.api.Assertions.assertThrows(HookFailedException.class,
                    () -> broken.run(Events.relationChanged(listen), running));
            assertFalse(e.getMessage().contains(TOKEN), "the failure report shows the token");
            faults.observed(kind, tool, outcome);
        }
        // Juju's retry, once the controller answers again: the same state, so nothing was lost.
        State retried = ctx.run(Events.relationChanged(listen), running);
        assertEquals(Status.active(), retried.unitStatus());
        FaultChecks.assertNothingLost(running, retried);
        FaultChecks.assertNoSecretIn(retried, List.of(TOKEN));
    }

    @Test
    void stateSetFaultFailsTheActionAndKeepsTheCount(FaultRecorder faults) {
        State served = ctx.run(Events.action("greet", Map.of("name", "Ada")), State.empty());
        for (FaultKind kind : List.of(FaultKind.STATE_SET_FAILS, FaultKind.STATE_SET_TIMES_OUT)) {
            Context broken = ctx.withToolFault("state-set", kind.toolFault());
            faults.observed(kind, "state-set",
                    FaultChecks.actionFails(() -> broken.run(Events.action("greet", Map.of("name", "Bob")), served)));
        }
        State rerun = ctx.run(Events.action("greet", Map.of("name", "Bob")), served);
        assertEquals("2", rerun.actionResults().get("count"), "the count before the fault was kept");
    }

    @Test
    void noKubernetesApiAndNoWorkloadContainer(FaultRecorder faults) {
        assertFalse(ctx.metadata().isKubernetes(), "hello declares neither containers nor k8s-api");
        assertTrue(ctx.metadata().containers().isEmpty());
        for (FaultKind kind : FaultKind.values()) {
            if (kind.name().startsWith("K8S_")) {
                faults.notApplicable(kind, "hello never calls the Kubernetes API (no k8s-api in assumes)");
            } else if (kind.name().startsWith("PEBBLE_")) {
                faults.notApplicable(kind, "hello has no workload container, so no Pebble");
            }
        }
    }

    @Test
    void remoteGreetingIsFreeTextAndAMissingOneIsWaitedFor(FaultRecorder faults) {
        for (Map.Entry<FaultKind, String> bad : Map.of(FaultKind.RELATION_MALFORMED, "{greeting: [",
                FaultKind.RELATION_WRONG_TYPES, "42").entrySet()) {
            RelationState r = listen.withRemoteAppData(Map.of("greeting", bad.getValue()));
            State out = ctx.run(Events.relationChanged(r), running.withRelation(r));
            assertEquals(Status.active(), out.unitStatus(), "any text is a greeting");
            faults.observed(bad.getKey(), "greeting=" + bad.getValue(), FaultChecks.outcome(out)
                    + " (a greeting is free text: nothing to reject)");
        }
        RelationState silent = listen.withRemoteAppData(Map.of("other", "x"));
        faults.observed(FaultKind.RELATION_MISSING_KEYS, "no greeting",
                FaultChecks.outcome(ctx.run(Events.relationChanged(silent), running.withRelation(silent))));
        assertTrue(ctx.metadata().endpoints().values().stream().allMatch(e -> e.interfaceName().equals("hello-greeting")));
        faults.notApplicable(FaultKind.RELATION_UNSUPPORTED_SDI_VERSION,
                "hello-greeting is a plain key, not a serialized-data-interface with versions");
        faults.notApplicable(FaultKind.RELATION_SECRET_NOT_GRANTED,
                "hello-greeting carries no secret URI (the token-secret option's grant is under config)");
        faults.notApplicable(FaultKind.RELATION_SECRET_REMOVED,
                "hello-greeting carries no secret URI (the token-secret option's removal is under config)");
    }

    @Test
    void everyOptionBadBlocksNamingItAndEveryOptionUnsetIsActive(FaultRecorder faults) {
        SecretState keyless = SecretState.granted(Map.of("t", TOKEN));
        Map<String, State> bad = Map.of(
                "greeting", State.empty().withConfig(Map.of("greeting", " ")),
                "port", State.empty().withConfig(Map.of("port", 70000L)),
                "token-secret (no token key)", State.empty().withSecret(keyless)
                        .withConfig(Map.of("token-secret", keyless.id())),
                "token-secret (not granted or removed)", State.empty().withConfig(Map.of("token-secret",
                        "secret:cv0tmpd2ju3s6aaaaaaa")));
        for (Map.Entry<String, State> e : bad.entrySet()) {
            State out = ctx.run(Events.configChanged(), e.getValue());
            FaultChecks.assertNoSecretIn(out, List.of(TOKEN));
            String option = e.getKey().split(" ")[0];
            assertTrue(out.unitStatus().message().contains(option) || out.unitStatus().message().contains("secret"),
                    out.unitStatus().toString());
            faults.observed(FaultKind.CONFIG_BAD, e.getKey(), FaultChecks.outcome(out));
        }
        State unset = ctx.run(Events.configChanged(), State.empty().withLeader(true));
        faults.observed(FaultKind.CONFIG_UNSET, "all options", FaultChecks.outcome(unset) + " (defaults: greeting "
                + "Hello, port 8080, no token)");
    }

    @Test
    void lifecycle(FaultRecorder faults) {
        RelationState greeting = RelationState.of("greeting", "other");
        State leader = ctx.run(Events.relationJoined(greeting), running.withRelation(greeting));
        // Leadership moves to hello/1: it republishes in one hook; no flow spans hooks.
        State newLeader = ctx.asUnit("hello/1").run(Events.leaderElected(), State.empty().withLeader(true)
                .withRelation(greeting).withConfig(running.config()).withSecret(token));
        assertEquals(leader.relation(greeting.id()).localAppData(), newLeader.relation(greeting.id()).localAppData());
        faults.observed(FaultKind.LEADERSHIP_MOVES, "leader-elected on hello/1", FaultChecks.outcome(newLeader)
                + "; the new leader republishes the same greeting (hello has no multi-hook flow)");

        // A new pod or a rebooted machine: controller state (the greet count) is all hello keeps.
        State counted = ctx.run(Events.action("greet", Map.of("name", "Ada")), leader);
        State restarted = ctx.run(Events.start(), counted);
        FaultChecks.assertNothingLost(counted, restarted);
        String kept = "greetings-served=" + restarted.storedValue("greetings-served").orElse("lost");
        faults.observed(FaultKind.POD_CHURN, "start on a new pod", FaultChecks.outcome(restarted) + "; " + kept);
        faults.observed(FaultKind.MACHINE_REBOOT, "start after reboot", FaultChecks.outcome(restarted) + "; " + kept);

        State upgraded = FaultChecks.assertIdempotent(ctx, Events.upgradeCharm(), counted);
        FaultChecks.assertNothingLost(counted, upgraded);
        faults.observed(FaultKind.UPGRADE, "upgrade-charm over the running revision's state",
                FaultChecks.outcome(upgraded) + "; " + kept);
        faults.notApplicable(FaultKind.DOWNGRADE_REFUSED,
                "hello keeps no versioned schema (one integer in controller state): any revision runs over another's");

        State three = ctx.run(Events.configChanged(), leader.withPlannedUnits(3));
        State one = ctx.run(Events.configChanged(), three.withPlannedUnits(1));
        FaultChecks.assertNothingLost(leader, one);
        faults.observed(FaultKind.SCALE_3_AND_BACK, "", FaultChecks.outcome(three) + " at 3 units, "
                + FaultChecks.outcome(one) + " back at 1");

        State removed = ctx.run(Events.remove(), leader.withPlannedUnits(0));
        String logs = removed.logs().stream().filter(l -> !l.startsWith("DEBUG")).collect(Collectors.joining("; "));
        faults.observed(FaultKind.REMOVE_WITH_RELATION, "greeting related", FaultChecks.outcome(removed)
                + "; remove succeeds, the relation data goes with the relation (Juju's)" + (logs.isEmpty() ? "" : "; " + logs));
    }
}
