package io.jcharm.charms.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.pebble.emulator.ExecReply;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import io.jcharm.testing.faults.FaultChecks;
import io.jcharm.testing.faults.FaultKind;
import io.jcharm.testing.faults.FaultMatrix;
import io.jcharm.testing.faults.FaultRecorder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * mlflow's row of the fault matrix (docs/faults.md), part two: every option bad or unset,
 * leadership moving, a new pod, upgrades and a refused downgrade of the image's MLflow, scaling
 * and removal, on the same installed leader as MlflowFaultsTest (MySQL, artifacts in S3).
 */
@FaultMatrix(charm = "mlflow")
class MlflowLifecycleFaultsTest extends MlflowFaultsBase {
    private static final String OLD = "mlflow, version 2.15.1\n";
    private static final String SCHEMA = SchemaUpgradeComponent.RECORDED + BackendStore.MYSQL;

    @Test
    void everyOptionBadBlocksNamingItAndEveryOptionUnsetIsActive(FaultRecorder faults) {
        Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
        bad.put("default_artifact_root", Map.of("default_artifact_root", "My_Bucket"));
        bad.put("default_artifact_root (missing, may not be created)", Map.of("default_artifact_root", "never-made",
                "create_default_artifact_root_if_missing", false));
        bad.put("mlflow_port", Map.of("mlflow_port", 70000L));
        bad.put("mlflow_nodeport", Map.of("mlflow_nodeport", 80L));
        bad.put("mlflow_prometheus_exporter_port", Map.of("mlflow_prometheus_exporter_port", 0L));
        bad.put("mlflow_prometheus_exporter_nodeport", Map.of("mlflow_prometheus_exporter_nodeport", 29999L));
        Map<String, String> applied = f.cluster.objects();
        for (Map.Entry<String, Map<String, Object>> e : bad.entrySet()) {
            State out = f.ctx.run(Events.configChanged(), running.withConfig(e.getValue()));
            String option = e.getKey().split(" ")[0];
            assertTrue(out.unitStatus().message().contains(option.equals("default_artifact_root") && e.getKey().contains(" ")
                    ? "never-made" : option), out.unitStatus().toString());
            assertEquals(applied, f.cluster.objects(), "an invalid " + option + " changed the Service");
            assertEquals("active", out.container(C).serviceStatuses().get(ServerLayer.SERVICE), "the server stopped");
            nothingLost(running, out);
            noSecretShown(out);
            faults.observed(FaultKind.CONFIG_BAD, e.getKey() + "=" + e.getValue().get(option), FaultChecks.outcome(out)
                    + "; the server runs on, no Kubernetes diff");
        }
        assertFalse(s3.bucketNames().contains("never-made"));
        for (String flag : List.of("create_default_artifact_root_if_missing", "enable_mlflow_nodeport")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> f.ctx.run(Events.configChanged(), running.withConfig(Map.of(flag, "yes"))));
            assertTrue(refused.getMessage().contains("Juju would refuse"), refused.getMessage());
            faults.observed(FaultKind.CONFIG_BAD, flag + "=yes", "refused by Juju at juju config (type boolean);"
                    + " true and false are both valid, so the charm never sees a bad value");
        }
        State unset = FaultChecks.assertIdempotent(f.ctx, Events.configChanged(), running.withConfig(Map.of()),
                f.cluster::objects);
        assertEquals(applied, f.cluster.objects(), "the defaults changed the Service");
        noSecretShown(unset);
        faults.observed(FaultKind.CONFIG_UNSET, "all options (defaults)", FaultChecks.outcome(unset)
                + "; back from each bad value without a Kubernetes diff or a second replan");
    }

    @Test
    void leadershipMoves(FaultRecorder faults) {
        // mlflow-server/0 made the tracking credentials secret and asked MySQL for the database, then
        // lost leadership: mlflow-server/1 must publish the same secret, not make a second one.
        SecretState creds = running.secretByLabel(Publishers.TRACKING_SECRET).orElseThrow();
        State follower = base.withLeader(false).withSecrets(running.secrets());
        State newLeader = f.ctx.asUnit("mlflow-server/1").run(Events.leaderElected(), follower.withLeader(true));
        assertEquals(running.secrets().size(), newLeader.secrets().size(), "the new leader made a second secret");
        assertEquals(creds.id(), newLeader.relation(tracking.id()).localAppData().get("s3-credentials-secret"));
        assertEquals("mlflow", newLeader.relation(mysql.id()).localAppData().get("database"));
        nothingLost(running, newLeader);
        noSecretShown(newLeader);
        faults.observed(FaultKind.LEADERSHIP_MOVES, "tracking secret made by mlflow-server/0, leader-elected on /1",
                FaultChecks.outcome(newLeader) + "; the same tracking credentials secret, no second one");

        // A new image while mlflow-server/1 was a follower: the MySQL schema is the leader's to
        // upgrade; leadership then moves to it before mlflow-server/0 did.
        State waited = f.ctx.asUnit("mlflow-server/1").run(Events.upgradeCharm(), follower
                .withStored(Map.of(SCHEMA, "\"2.15.1\"")).withContainer(upgradable()));
        State elected = f.ctx.asUnit("mlflow-server/1").run(Events.leaderElected(), carried(waited).withLeader(true));
        assertTrue(elected.container(C).execHistory().contains(List.of("mlflow", "db", "upgrade",
                MlflowFixture.server(elected).environment().get("MLFLOW_BACKEND_STORE_URI"))));
        assertEquals(Optional.of("\"2.22.0\""), elected.storedValue(SCHEMA));
        noSecretShown(elected);
        faults.observed(FaultKind.LEADERSHIP_MOVES, "new image; leadership moves to a follower before the schema upgrade",
                "follower " + FaultChecks.outcome(waited) + "; as leader " + FaultChecks.outcome(elected)
                        + ", it ran mlflow db upgrade once");
    }

    /** The workload of a new image (MLflow 2.22.0), whose `mlflow db upgrade` succeeds. */
    private static ContainerState upgradable() {
        return MlflowFixture.workload(MlflowFixture.VERSION).withExec(List.of("mlflow", "db", "upgrade"),
                ExecReply.ok("INFO  [alembic.runtime.migration] Running upgrade\n"));
    }

    @Test
    void podChurnUpgradeAndDowngrade(FaultRecorder faults) {
        // A new pod: empty container filesystem (the option file gone), controller state and secrets kept.
        State churned = FaultChecks.assertIdempotent(f.ctx, Events.pebbleReady(C),
                running.withContainer(MlflowFixture.workload(MlflowFixture.VERSION)), f.cluster::objects);
        assertEquals(planned(running), MlflowFixture.server(churned));
        assertEquals("[client]\nuser=relation-7\npassword=" + PASSWORD + "\n", churned.container(C).files().get(BackendStore.MY_CNF));
        nothingLost(running, churned);
        noSecretShown(churned);
        faults.observed(FaultKind.POD_CHURN, "pebble-ready on a new pod", FaultChecks.outcome(churned)
                + "; the MySQL option file rewritten from the secret, the same plan, no Kubernetes diff");
        assertTrue(f.ctx.metadata().isKubernetes());
        faults.notApplicable(FaultKind.MACHINE_REBOOT, "mlflow is a Kubernetes charm: its unit is a pod (see pod churn)");

        // The previous revision ran MLflow 2.15.1 on this database; the upgrade brings 2.22.0.
        State upgraded = FaultChecks.assertIdempotent(f.ctx, Events.upgradeCharm(), previous().withContainer(upgradable()),
                f.cluster::objects);
        List<List<String>> ran = upgraded.container(C).execHistory().stream().filter(c -> c.contains("upgrade")).toList();
        assertEquals(1, ran.size(), ran.toString());
        assertEquals(Optional.of("\"2.22.0\""), upgraded.storedValue(SCHEMA));
        nothingLost(running, upgraded);
        noSecretShown(upgraded);
        faults.observed(FaultKind.UPGRADE, "new revision and image (MLflow 2.15.1 -> 2.22.0)", FaultChecks.outcome(upgraded)
                + "; mlflow db upgrade ran once, no password on its command line");

        State down = f.ctx.run(Events.upgradeCharm(), running.withContainer(MlflowFixture.workload(OLD)));
        assertFalse(down.container(C).execHistory().stream().anyMatch(c -> c.contains("upgrade")), "it migrated anyway");
        assertFalse(down.container(C).plan().map(p -> p.services().containsKey(ServerLayer.SERVICE)).orElse(false),
                "an older MLflow was started on a newer schema");
        assertEquals(running.stored(), down.stored());
        nothingLost(running, down);
        faults.observed(FaultKind.DOWNGRADE_REFUSED, "image MLflow 2.22.0 -> 2.15.1 (schema from 2.22.0)",
                FaultChecks.outcome(down) + "; nothing migrated, the older server not started");
    }

    @Test
    void scaleToThreeAndBack(FaultRecorder faults) {
        // Three units on MLflow 2.15.1, then a new image (2.22.0): each pod is replaced.
        State leader = f.ctx.run(Events.configChanged(), previous().withPlannedUnits(3));
        Context two = f.ctx.asUnit("mlflow-server/2");
        State follower = two.run(Events.pebbleReady(C), base.withLeader(false).withSecrets(running.secrets())
                .withPlannedUnits(3).withContainer(MlflowFixture.workload(OLD)));
        assertEquals(planned(running), MlflowFixture.server(follower), "the follower serves another backend");
        State leaderUp = f.ctx.run(Events.upgradeCharm(), leader.withContainer(upgradable()));
        assertEquals(Status.active(), leaderUp.unitStatus());
        State followerUp = two.run(Events.upgradeCharm(), carried(follower).withContainer(upgradable()));
        State followerNext = two.run(Events.updateStatus(), carried(followerUp));
        assertEquals("active", followerNext.container(C).serviceStatuses().get(ServerLayer.SERVICE),
                "the follower's server is not running after the upgrade: " + FaultChecks.outcome(followerNext));
        assertFalse(followerUp.container(C).execHistory().stream().anyMatch(c -> c.contains("upgrade")), "two units migrated");
        noSecretShown(followerNext);
        State one = f.ctx.run(Events.configChanged(), carried(leaderUp).withPlannedUnits(1));
        nothingLost(leaderUp, one);
        faults.observed(FaultKind.SCALE_3_AND_BACK, "with a new image at 3", FaultChecks.outcome(one) + " back at 1; at 3:"
                + " leader " + FaultChecks.outcome(leaderUp) + " (it upgraded the schema), follower "
                + FaultChecks.outcome(followerNext) + " (its server running on the same MySQL)");
    }

    /** The running leader as the previous revision left it: its MySQL schema from MLflow 2.15.1. */
    private State previous() {
        Map<String, String> stored = new LinkedHashMap<>(running.stored());
        stored.put(SCHEMA, "\"2.15.1\"");
        return running.withStored(stored);
    }

    @Test
    void removeWhileRelated(FaultRecorder faults) {
        Map<String, String> applied = f.cluster.objects();
        State removed = f.ctx.run(Events.remove(), running.withPlannedUnits(0));
        assertTrue(running.relations().size() >= 5);
        assertEquals(applied, f.cluster.objects(), "remove changed the Service (Juju deletes it with the application)");
        nothingLost(running, removed);
        noSecretShown(removed);
        faults.observed(FaultKind.REMOVE_WITH_RELATION, "object-storage, relational-db, ingress, secrets, tracking related",
                FaultChecks.outcome(removed) + "; artifacts in the bucket and the secrets kept");
    }
}
