package io.jcharm.charms.standins.mysql;

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
import io.jcharm.testing.SecretState;
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
 * The mysql-k8s stand-in's row of the fault matrix (docs/faults.md): under each fault it must
 * do what canonical/mysql-k8s-operator 8.0 does, and keep the user and generated password it
 * gave each requirer (a Juju secret) across every fault, leadership change, new pod and upgrade.
 */
@FaultMatrix(charm = "mysql-k8s")
class MysqlK8sFaultsTest {
    private static final String C = MysqlStandinCharm.CONTAINER;
    private static final String LABEL = "database.7.user.secret";
    private final Context ctx = Context.of(MysqlStandinCharm::new, Path.of("target/standin"));
    private final RelationState mlflow = RelationState.of("database", "mlflow-server").withId(7)
            .withRemoteAppData(Map.of("database", "mlflow", "requested-secrets", MysqlStandinCharmTest.REQUESTED));
    private final State leader = State.empty().withLeader(true).withModel("kubeflow", MysqlStandinCharmTest.UUID)
            .withContainer(ContainerState.reachable(C)).withRelation(mlflow);

    /** mlflow-server's request answered: its user and password are in the secret the bag names. */
    private State answered() {
        State out = ctx.run(Events.relationChanged(mlflow), leader);
        assertTrue(out.relation(7).localAppData().containsKey("secret-user"));
        return out;
    }

    private static String password(State s) {
        return s.secretByLabel(LABEL).orElseThrow().content().get("password");
    }

    /** The password is only in the secret: not in logs, statuses, stored state or the relation bags. */
    private static void noPasswordShown(State out, String password) {
        FaultChecks.assertNoSecretIn(out, List.of(password));
    }

    @Test
    void hookToolFaultsWhileAnsweringARequest(FaultRecorder faults) {
        FaultChecks.recordHookToolCells(faults, ctx, Events.relationChanged(mlflow), leader, (tool, out) -> {
            // The hook did not need the tool: the request must still be answered, once.
            assertEquals(1, out.secrets().size());
            noPasswordShown(out, password(out));
            return tool.equals("secret-get") ? " (answering adds the user secret and never reads it back)"
                    : " (the stand-in keeps nothing in controller state)";
        });
        // Juju's retry: a failed hook committed nothing, so the request is answered once, with one user.
        State retried = FaultChecks.assertIdempotent(ctx, Events.relationChanged(mlflow), leader);
        assertEquals(1, retried.secrets().size());
        assertEquals(Status.active("Primary"), retried.unitStatus());
        noPasswordShown(retried, password(retried));
    }

    @Test
    void noKubernetesClientAndNoWorkloadInTheContainer(FaultRecorder faults) {
        // The real charm creates the -primary and -replicas Services; the stand-in has no client to.
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.jcharm.kubernetes.KubeOptions"));
        for (FaultKind kind : FaultKind.inArea("Kubernetes API")) {
            faults.notApplicable(kind, "the stand-in has no Kubernetes client (lib/kubernetes is not on its class"
                    + " path): it names the -primary Service the real charm would create, and calls no API");
        }
        State out = answered();
        assertTrue(out.container(C).plan().isEmpty() || out.container(C).plan().get().services().isEmpty());
        assertTrue(out.container(C).files().isEmpty());
        faults.notApplicable(FaultKind.PEBBLE_SERVICE_FAILS_TO_START,
                "the stand-in adds no Pebble layer (no MySQL runs): it only waits for the mysql container's Pebble");
        faults.notApplicable(FaultKind.PEBBLE_CHECK_DOWN, "the stand-in plans no service and so no check");
        faults.notApplicable(FaultKind.PEBBLE_PUSH_FAILS, "the stand-in pushes no file (no my.cnf: no MySQL runs)");

        State away = ctx.run(Events.relationChanged(mlflow), leader.withContainer(ContainerState.unreachable(C)));
        assertFalse(away.relation(7).localAppData().containsKey("secret-user"), "answered before the workload was up");
        State back = ctx.run(Events.pebbleReady(C), away.withContainer(ContainerState.reachable(C)));
        assertEquals(Status.active("Primary"), back.unitStatus());
        faults.observed(FaultKind.PEBBLE_UNREACHABLE, "mysql container, request pending", FaultChecks.outcome(away)
                + "; answered on pebble-ready");
        assertTrue(ctx.metadata().isKubernetes());
        faults.notApplicable(FaultKind.MACHINE_REBOOT, "mysql-k8s is a Kubernetes charm: its unit is a pod (see pod churn)");
    }

    @Test
    void malformedRequestsFailOrBlockAsTheRealCharmDoes(FaultRecorder faults) {
        // data_interfaces' get_encoded_list: json.loads raises out of the hook (Juju retries until the requirer fixes it).
        RelationState badJson = mlflow.withRemoteAppData(Map.of("database", "mlflow", "requested-secrets", "[\"username\", "));
        faults.observed(FaultKind.RELATION_MALFORMED, "requested-secrets not JSON", FaultChecks.hookFails(
                () -> ctx.run(Events.relationChanged(badJson), leader.withRelation(badJson))));
        // A database name MySQL refuses: the real charm's CREATE DATABASE fails and it blocks.
        for (String name : List.of("x".repeat(65), "sys", "ml`flow")) {
            RelationState refused = mlflow.withRemoteAppData(Map.of("database", name, "requested-secrets",
                    MysqlStandinCharmTest.REQUESTED));
            State out = FaultChecks.assertIdempotent(ctx, Events.relationChanged(refused), leader.withRelation(refused));
            assertTrue(out.secrets().isEmpty(), "a user was made for a database MySQL refuses");
            assertFalse(out.relation(7).localAppData().containsKey("endpoints"));
            faults.observed(FaultKind.RELATION_MALFORMED, "database " + (name.length() > 20 ? "of 65 characters" : name),
                    FaultChecks.outcome(out));
        }
        // Valid JSON of the wrong type: the library logs it and falls back to plain fields, as the real charm does.
        RelationState notAList = mlflow.withRemoteAppData(Map.of("database", "mlflow", "requested-secrets", "\"username\""));
        State plain = ctx.run(Events.relationChanged(notAList), leader.withRelation(notAList));
        assertTrue(plain.secrets().isEmpty());
        assertTrue(plain.relation(7).localAppData().get("password").matches("[A-Za-z0-9]{24}"));
        assertTrue(plain.logs().stream().anyMatch(l -> l.contains("Unexpected datatype")), plain.logs().toString());
        faults.observed(FaultKind.RELATION_WRONG_TYPES, "requested-secrets a JSON string", FaultChecks.outcome(plain)
                + "; credentials written in the bag (the library's fallback), the type logged");

        RelationState silent = mlflow.withRemoteAppData(Map.of("requested-secrets", MysqlStandinCharmTest.REQUESTED));
        State waiting = FaultChecks.assertIdempotent(ctx, Events.relationChanged(silent), leader.withRelation(silent));
        assertFalse(waiting.relation(7).localAppData().containsKey("secret-user"));
        faults.observed(FaultKind.RELATION_MISSING_KEYS, "no database requested", FaultChecks.outcome(waiting)
                + "; nothing answered until the requirer names its database, as in the real charm");

        assertEquals("mysql_client", ctx.metadata().endpoint("database").orElseThrow().interfaceName());
        faults.notApplicable(FaultKind.RELATION_UNSUPPORTED_SDI_VERSION,
                "mysql_client is data_platform_libs' plain keys, not serialized-data-interface");
        faults.notApplicable(FaultKind.RELATION_SECRET_NOT_GRANTED, "mysql-k8s is the provider: no requirer sends it a secret"
                + " URI (secret-user is its own secret, which it grants)");
        faults.notApplicable(FaultKind.RELATION_SECRET_REMOVED, "mysql-k8s is the provider: no requirer sends it a secret"
                + " URI (secret-user is its own secret, which it never removes)");
    }

    @Test
    void badConfigFailsTheHookNamingTheOptionAsPydanticDoes(FaultRecorder faults) {
        State in = answered();
        String password = password(in);
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("profile", "staging");
        bad.put("cluster-name", "1cluster");
        bad.put("cluster-set-name", "set/1");
        bad.put("profile-limit-memory", 500L);
        bad.put("mysql-interface-user", "u".repeat(33));
        bad.put("mysql-interface-database", "my.db");
        bad.put("mysql-root-interface-user", "r".repeat(33));
        bad.put("mysql-root-interface-database", "a/b");
        bad.put("experimental-max-connections", 5L);
        bad.put("binlog_retention_days", 0L);
        bad.put("plugin-audit-strategy", "sync");
        bad.put("logs_audit_policy", "none");
        bad.put("logs_retention_period", "0");
        for (Map.Entry<String, Object> e : bad.entrySet()) {
            State broken = in.withConfig(Map.of(e.getKey(), e.getValue()));
            String outcome = FaultChecks.hookFails(() -> ctx.run(Events.configChanged(), broken));
            HookFailedException failure = assertThrows(HookFailedException.class, () -> ctx.run(Events.configChanged(), broken));
            String field = e.getKey().replace('-', '_');
            String why = failure.logs().stream().filter(l -> l.contains("validation error")).findFirst().orElseThrow();
            assertTrue(why.contains("\n" + field + "\n  "), "the error does not name " + field + ": " + why);
            assertFalse(why.contains(password));
            faults.observed(FaultKind.CONFIG_BAD, e.getKey() + "=" + e.getValue().toString().replaceAll("(.)\\1{5,}", "$1…"),
                    outcome + "; the error names " + field + ": " + why.lines().skip(2).findFirst().orElseThrow().strip());
        }
        // Fixed: the retry converges with the same user and password.
        State fixed = FaultChecks.assertIdempotent(ctx, Events.configChanged(), in.withConfig(Map.of("profile", "testing")));
        FaultChecks.assertNothingLost(in, fixed);
        assertEquals(Status.active("Primary"), fixed.unitStatus());
        State unset = FaultChecks.assertIdempotent(ctx, Events.configChanged(), in);
        faults.observed(FaultKind.CONFIG_UNSET, "all options (defaults: profile production, audit on, binlogs 7 days)",
                FaultChecks.outcome(unset));
    }

    @Test
    void lifecycleKeepsEveryUserAndPassword(FaultRecorder faults) {
        State in = answered();
        String password = password(in);
        List<SecretState> secrets = in.secrets();

        // mysql-k8s/0 saw the request while its workload was down; leadership moved before it answered.
        State seen = ctx.run(Events.relationChanged(mlflow), leader.withContainer(ContainerState.unreachable(C)));
        State newLeader = ctx.asUnit("mysql-k8s/1").run(Events.leaderElected(), seen.withContainer(ContainerState.reachable(C)));
        assertEquals(1, newLeader.secrets().size());
        State oldLeader = ctx.run(Events.relationChanged(newLeader.relation(7)), newLeader.withLeader(false)
                .withContainer(ContainerState.reachable(C)));
        assertEquals(newLeader.relation(7).localAppData(), oldLeader.relation(7).localAppData());
        assertEquals(1, oldLeader.secrets().size(), "the old leader made a second user");
        faults.observed(FaultKind.LEADERSHIP_MOVES, "request seen by mysql-k8s/0, answered by mysql-k8s/1",
                FaultChecks.outcome(newLeader) + "; one user, the old leader (now " + FaultChecks.outcome(oldLeader)
                + ") writes nothing");
        // After the answer: the new leader keeps the user and password.
        State after = FaultChecks.assertIdempotent(ctx.asUnit("mysql-k8s/1"), Events.leaderElected(), in);
        FaultChecks.assertNothingLost(in, after);
        assertEquals(in.relation(7).localAppData(), after.relation(7).localAppData());
        faults.observed(FaultKind.LEADERSHIP_MOVES, "leader-elected on mysql-k8s/1 after mysql-k8s/0 answered",
                FaultChecks.outcome(after) + "; same user and password, no second secret");

        State newPod = FaultChecks.assertIdempotent(ctx, Events.pebbleReady(C), in.withContainer(ContainerState.reachable(C)));
        FaultChecks.assertNothingLost(in, newPod);
        assertEquals(password, password(newPod));
        assertEquals(in.relation(7).localAppData(), newPod.relation(7).localAppData());
        faults.observed(FaultKind.POD_CHURN, "pebble-ready on a new pod", FaultChecks.outcome(newPod)
                + "; the requirer's user and password kept");

        State upgraded = FaultChecks.assertIdempotent(ctx, Events.upgradeCharm(), in);
        FaultChecks.assertNothingLost(in, upgraded);
        assertEquals(in.relation(7).localAppData(), upgraded.relation(7).localAppData());
        faults.observed(FaultKind.UPGRADE, "upgrade-charm over the running revision's state", FaultChecks.outcome(upgraded)
                + "; same answer, same password");
        faults.notApplicable(FaultKind.DOWNGRADE_REFUSED, "the stand-in keeps nothing versioned (its answers and the user"
                + " secret are in Juju's store); the real charm's upgrade-peer compatibility check has no data to guard here");

        State three = ctx.run(Events.configChanged(), in.withPlannedUnits(3));
        State follower = ctx.asUnit("mysql-k8s/2").run(Events.relationChanged(in.relation(7)),
                in.withLeader(false).withPlannedUnits(3));
        assertEquals(in.relation(7).localAppData(), follower.relation(7).localAppData());
        State one = ctx.run(Events.configChanged(), three.withPlannedUnits(1));
        FaultChecks.assertNothingLost(in, one);
        assertEquals(secrets, one.secrets());
        faults.observed(FaultKind.SCALE_3_AND_BACK, "", FaultChecks.outcome(one) + " back at 1; at 3: leader "
                + FaultChecks.outcome(three) + ", followers " + FaultChecks.outcome(follower) + " writing nothing");

        State removed = ctx.run(Events.remove(), in.withPlannedUnits(0));
        FaultChecks.assertNothingLost(in, removed);
        noPasswordShown(removed, password);
        faults.observed(FaultKind.REMOVE_WITH_RELATION, "database related", FaultChecks.outcome(removed)
                + "; the user secret is kept (Juju removes it with the application)");
    }
}
