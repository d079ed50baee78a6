package io.jcharm.charms.kfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import io.jcharm.testing.faults.FaultChecks;
import io.jcharm.testing.faults.FaultKind;
import io.jcharm.testing.faults.FaultMatrix;
import io.jcharm.testing.faults.FaultRecorder;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kfp's row of the fault matrix (docs/faults.md), relation data, config and the lifecycle: the
 * installed leader (see {@link KfpFaultsTest}) meets bad data from mysql-k8s, minio and mlflow,
 * every bad option, leadership moving, a new pod, an upgrade, a downgrade, scaling and removal;
 * the user's Workflow and recurring run, the CRDs and the running API server's database must stay.
 */
@FaultMatrix(charm = "kfp")
class KfpLifecycleFaultsTest extends KfpTestBase {
    private static final String OBJECT_STORAGE_DATA = "access-key: minio\nport: %s\nsecret-key: " + KfpFixture.S3_KEY
            + "\nsecure: false\nservice: localhost\n";

    /** The installed leader's output (its plans), after which the user's objects are made. */
    private State installedOut() {
        State out = f.ctx.run(Events.configChanged(), f.related());
        assertEquals(Status.active(), out.unitStatus());
        return out;
    }

    private RelationState storageWith(String versions, String data) {
        return f.storage.withRemoteAppData(data == null ? Map.of("_supported_versions", versions)
                : Map.of("_supported_versions", versions, "data", data));
    }

    private RelationState mysqlWith(String endpoints, String secretUser) {
        return f.mysql.withRemoteAppData(Map.of("database", "mlpipeline", "endpoints", endpoints, "secret-user", secretUser));
    }

    private static RelationState mlflow(String version, String secretId) {
        return RelationState.of("mlflow", "mlflow-server").withRemoteAppData(Map.of("version", version,
                "tracking-uri", "http://mlflow-server.pipelines.svc.cluster.local:5000", "artifact-root", "s3://mlflow/",
                "s3-endpoint", "http://minio.pipelines:9000", "s3-credentials-secret", secretId));
    }

    @Test
    void relationDataFaults(FaultRecorder faults) {
        State first = installedOut();
        State in = KfpFixture.carried(first);
        Map<String, String> users = f.addUserObjects();
        Map<String, String> applied = f.cluster.objects();
        String endpoints = "mysql-k8s-primary." + KfpFixture.NS + ".svc.cluster.local:3306";
        String port = Integer.toString(s3.port());
        SecretState hidden = SecretState.notGranted("secret:d4msh7fqa6rs75gjkp2g");
        SecretState passwordless = SecretState.granted(Map.of("username", "relation-9"));
        SecretState creds = SecretState.granted(Map.of("access-key", "minio", "secret-key", KfpFixture.S3_KEY));
        String removed = "secret:d4msh7fqa6rs75gjkp3g";
        Map<String, RelationState> bad = new LinkedHashMap<>();
        bad.put("RELATION_MALFORMED object-storage data", storageWith("- v1\n", "access-key: minio\nport: ["));
        bad.put("RELATION_MALFORMED relational-db endpoints", mysqlWith("mysql-k8s-primary", f.dbUser.id()));
        bad.put("RELATION_WRONG_TYPES object-storage port", storageWith("- v1\n", OBJECT_STORAGE_DATA.formatted("nine-thousand")));
        bad.put("RELATION_WRONG_TYPES object-storage secure", storageWith("- v1\n",
                OBJECT_STORAGE_DATA.formatted(port).replace("secure: false", "secure: maybe")));
        bad.put("RELATION_WRONG_TYPES relational-db endpoints port", mysqlWith("mysql-k8s-primary:three-three-o-six",
                f.dbUser.id()));
        bad.put("RELATION_MISSING_KEYS object-storage secret-key", storageWith("- v1\n",
                OBJECT_STORAGE_DATA.formatted(port).replace("secret-key: " + KfpFixture.S3_KEY + "\n", "")));
        bad.put("RELATION_MISSING_KEYS relational-db secret-user", f.mysql.withRemoteAppData(Map.of("database", "mlpipeline",
                "endpoints", endpoints)));
        bad.put("RELATION_MISSING_KEYS relational-db secret without password", mysqlWith(endpoints, passwordless.id()));
        bad.put("RELATION_UNSUPPORTED_SDI_VERSION object-storage", storageWith("- v9\n", OBJECT_STORAGE_DATA.formatted(port)));
        bad.put("RELATION_UNSUPPORTED_SDI_VERSION mlflow", mlflow("9", creds.id()));
        bad.put("RELATION_SECRET_NOT_GRANTED relational-db secret-user", mysqlWith(endpoints, hidden.id()));
        bad.put("RELATION_SECRET_NOT_GRANTED mlflow s3-credentials-secret", mlflow("1", hidden.id()));
        bad.put("RELATION_SECRET_REMOVED relational-db secret-user", mysqlWith(endpoints, removed));
        bad.put("RELATION_SECRET_REMOVED mlflow s3-credentials-secret", mlflow("1", removed));
        for (Map.Entry<String, RelationState> e : bad.entrySet()) {
            String[] kindAndVariant = e.getKey().split(" ", 2);
            RelationState changed = e.getValue();
            State out = f.ctx.run(Events.relationChanged(changed), in.withRelation(changed).withSecret(hidden)
                    .withSecret(passwordless).withSecret(creds));
            assertFalse(out.unitStatus().name().equals("active"), e.getKey() + " was taken for valid data");
            assertFalse(out.unitStatus().message().contains("\n"), "a status is one line: " + out.unitStatus());
            assertEquals(applied, f.cluster.objects(), e.getKey() + " changed the cluster");
            assertEquals(KfpFixture.service(first, Workloads.API_SERVER), KfpFixture.service(out, Workloads.API_SERVER),
                    "the API server was replanned from " + e.getKey());
            FaultChecks.assertNothingLost(in, out);
            f.assertNoSecretShown(out);
            faults.observed(FaultKind.valueOf(kindAndVariant[0]), kindAndVariant[1], FaultChecks.outcome(out)
                    + "; objects and the API server's plan kept as last applied");
        }
        State healed = f.ctx.run(Events.configChanged(), in);
        assertEquals(Status.active(), healed.unitStatus());
        FaultChecks.assertKept(users, f.cluster.objects());
    }

    @Test
    void everyOptionBadBlocksNamingItAndEveryOptionUnsetIsActive(FaultRecorder faults) {
        State first = installedOut();
        State in = KfpFixture.carried(first);
        Map<String, String> users = f.addUserObjects();
        Map<String, String> applied = f.cluster.objects();
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("http-port", "eighty");
        bad.put("grpc-port", "70000");
        bad.put("ui-port", "8888");
        bad.put("object-store-bucket-name", "My_Bucket");
        bad.put("cache-image", "busy box");
        bad.put("log-level", "LOUD");
        bad.put("launcher-image", "https://ghcr.io/kubeflow/kfp-launcher:2.5.0");
        bad.put("driver-image", "");
        bad.put("runner-sa", "Pipeline_Runner");
        bad.put("timezone", "Mars/Olympus_Mons");
        bad.put("argo", "both");
        bad.put("executor-image", "quay.io/argoproj/argoexec:v3.5.14 --debug");
        bad.put("bucket", "ab");
        bad.put("key-format", " ");
        for (Map.Entry<String, Object> e : bad.entrySet()) {
            State out = f.ctx.run(Events.configChanged(), in.withConfig(Map.of(e.getKey(), e.getValue())));
            assertTrue(out.unitStatus().message().contains(e.getKey()), out.unitStatus().toString());
            assertEquals(applied, f.cluster.objects(), "an invalid " + e.getKey() + " changed the cluster");
            assertEquals(KfpFixture.service(first, Workloads.API_SERVER), KfpFixture.service(out, Workloads.API_SERVER));
            FaultChecks.assertNothingLost(in, out);
            faults.observed(FaultKind.CONFIG_BAD, e.getKey() + "=" + e.getValue(), FaultChecks.outcome(out));
        }
        for (String flag : List.of("cache-enabled", "auto-update-default-version", "purge-on-remove")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> f.ctx.run(Events.configChanged(), in.withConfig(Map.of(flag, "yes"))));
            assertTrue(refused.getMessage().contains("Juju would refuse"), refused.getMessage());
            faults.observed(FaultKind.CONFIG_BAD, flag + "=yes", "refused by Juju at juju config (type boolean);"
                    + " true and false are both valid, so the charm never sees a bad value");
        }
        State changedArgo = f.ctx.run(Events.configChanged(), in.withConfig(Map.of("argo", "external")));
        assertEquals(applied, f.cluster.objects(), "argo=external after deploy pruned Argo's CRDs");
        faults.observed(FaultKind.CONFIG_BAD, "argo=external (after a deploy with managed)", FaultChecks.outcome(changedArgo)
                + "; Argo's CRDs and the user's Workflow kept");
        State action = f.ctx.run(Events.action("list-runs", Map.of()), in.withConfig(Map.of("http-port", "eighty")));
        faults.observed(FaultKind.CONFIG_BAD, "http-port=eighty (list-runs)", "action fails, not retried (rerun it): "
                + action.actionFailure().orElseThrow());
        State unset = FaultChecks.assertIdempotent(f.ctx, Events.configChanged(), in, f.cluster::objects);
        assertEquals(applied, f.cluster.objects(), "the defaults changed the cluster");
        FaultChecks.assertKept(users, f.cluster.objects());
        faults.observed(FaultKind.CONFIG_UNSET, "all options (defaults)", FaultChecks.outcome(unset)
                + "; back from each bad value without a Kubernetes diff or a replan");
    }

    @Test
    void leadershipMovesAfterTheFirstLeaderRecordedWhatMayNotChange(FaultRecorder faults) {
        State first = installedOut();
        Map<String, String> users = f.addUserObjects();
        Map<String, String> applied = f.cluster.objects();
        State refused = f.ctx.run(Events.configChanged(), KfpFixture.carried(first).withConfig(Map.of("argo", "external")));
        assertEquals("blocked", refused.unitStatus().name(), refused.unitStatus().toString());
        // Leadership moves to kfp/1: another unit, with a unit state of its own (empty), on its own pod;
        // the peer relation's application bag is the application's.
        State newLeader = f.ctx.asUnit("kfp/1").run(Events.leaderElected(), KfpFaultsTest.withNewContainers(refused)
                .withStored(Map.of()));
        assertEquals(applied, f.cluster.objects(), "the new leader pruned Argo's CRDs (and the user's Workflow)");
        FaultChecks.assertKept(users, f.cluster.objects());
        faults.observed(FaultKind.LEADERSHIP_MOVES, "to kfp/1 after kfp/0 refused argo managed -> external",
                FaultChecks.outcome(newLeader) + "; Argo's CRDs and the user's Workflow kept");
        // kfp/0 last ran the database with a later KFP: the new leader refuses this revision too.
        RelationState newer = f.peers.withLocalAppData(Map.of(KfpVersion.RECORDED, "2.14.0", KfpCharm.ARGO_MODE, "managed"));
        State down = f.ctx.asUnit("kfp/1").run(Events.leaderElected(), KfpFaultsTest.withNewContainers(first)
                .withStored(Map.of()).withRelation(newer));
        assertEquals(applied, f.cluster.objects());
        assertTrue(down.container(Workloads.API_SERVER).planOrFail().services().isEmpty(), "the older API server started");
        faults.observed(FaultKind.LEADERSHIP_MOVES, "to kfp/1 after kfp/0 ran the database with KFP 2.14.0",
                FaultChecks.outcome(down) + "; the API server not started");
    }

    @Test
    void lifecycle(FaultRecorder faults) throws IOException {
        try (FakeKfpApi api = FakeKfpApi.start()) {
            api.addPipeline("pl-1", "train");
            State first = f.ctx.run(Events.configChanged(), f.related().withConfig(Map.of("http-port",
                    Integer.toString(api.port()))));
            assertEquals(Status.active(), first.unitStatus());
            State in = KfpFixture.carried(first);
            Map<String, String> users = f.addUserObjects();
            Map<String, String> applied = f.cluster.objects();
            State run = f.ctx.run(Events.action("create-run", Map.of("pipeline", "train")), in);
            assertEquals("run-1", run.actionResults().get("run-id"), run.actionFailure().orElse(""));

            State newPod = FaultChecks.assertIdempotent(f.ctx, Events.start(), KfpFaultsTest.withNewContainers(in),
                    f.cluster::objects);
            assertEquals(applied, f.cluster.objects());
            FaultChecks.assertNothingLost(in, newPod, TokensComponent.EXPIRY);
            assertEquals(KfpFixture.TOKEN, newPod.container(Workloads.PERSISTENCE_AGENT).files().get(Workloads.PERSISTENCE_TOKEN));
            assertTrue(newPod.container(Workloads.MLMD).files().get(Workloads.MLMD_CONFIG).contains(KfpFixture.DB_PASSWORD));
            assertEquals(KfpFixture.service(first, Workloads.API_SERVER), KfpFixture.service(newPod, Workloads.API_SERVER));
            faults.observed(FaultKind.POD_CHURN, "start on a new pod", FaultChecks.outcome(newPod) + "; tokens requested"
                    + " and ML Metadata's config written again, the same database, no Kubernetes diff");
            assertTrue(f.ctx.metadata().isKubernetes());
            faults.notApplicable(FaultKind.MACHINE_REBOOT, "kfp is a Kubernetes charm: its unit is a pod (see pod churn)");

            // Juju recreates the pod on refresh: upgrade-charm meets new containers and the previous revision's
            // state (in unit state only: that revision had no peer relation).
            State previous = KfpFaultsTest.withNewContainers(in).withRelation(f.peers).withStored(Map.of(
                    KfpVersion.RECORDED, "\"2.4.1\"", KfpCharm.ARGO_MODE, "\"managed\""));
            State upgraded = FaultChecks.assertIdempotent(f.ctx, Events.upgradeCharm(), previous, f.cluster::objects);
            assertEquals("\"2.5.0\"", upgraded.storedValue(KfpVersion.RECORDED).orElseThrow());
            assertEquals("2.5.0", upgraded.relation(f.peers.id()).localAppData().get(KfpVersion.RECORDED));
            FaultChecks.assertNothingLost(previous, upgraded, KfpVersion.RECORDED, TokensComponent.EXPIRY);
            FaultChecks.assertKept(users, f.cluster.objects());
            assertEquals(KfpFixture.service(first, Workloads.API_SERVER), KfpFixture.service(upgraded, Workloads.API_SERVER));
            State runs = f.ctx.run(Events.action("list-runs", Map.of()), KfpFixture.carried(upgraded));
            assertEquals("1", runs.actionResults().get("count"), runs.actionFailure().orElse(""));
            faults.observed(FaultKind.UPGRADE, "upgrade-charm from KFP 2.4.1 on the new pod", FaultChecks.outcome(upgraded)
                    + "; the API server on the same database (its run listed), Workflow and ScheduledWorkflow kept");

            State newer = KfpFaultsTest.withNewContainers(in).withStored(Map.of(KfpVersion.RECORDED, "\"2.14.0\""))
                    .withRelation(f.peers.withLocalAppData(Map.of(KfpVersion.RECORDED, "2.14.0", KfpCharm.ARGO_MODE, "managed")));
            State down = f.ctx.run(Events.upgradeCharm(), newer);
            assertEquals(applied, f.cluster.objects(), "a refused downgrade applied something");
            assertTrue(down.container(Workloads.API_SERVER).planOrFail().services().isEmpty(), "the API server started");
            assertEquals("\"2.14.0\"", down.storedValue(KfpVersion.RECORDED).orElseThrow());
            faults.observed(FaultKind.DOWNGRADE_REFUSED, "database last run by KFP 2.14.0", FaultChecks.outcome(down)
                    + "; nothing applied, the API server not started");

            State follower = f.ctx.asUnit("kfp/2").run(Events.install(), KfpFaultsTest.withNewContainers(in).withLeader(false)
                    .withStored(Map.of()).withPlannedUnits(3));
            State three = f.ctx.run(Events.configChanged(), in.withPlannedUnits(3));
            f.ctx.asUnit("kfp/2").run(Events.remove(), KfpFixture.carried(follower).withPlannedUnits(1));
            State one = f.ctx.run(Events.configChanged(), KfpFixture.carried(three).withPlannedUnits(1));
            assertEquals(applied, f.cluster.objects(), "scaling changed the cluster");
            assertNotEquals("active", follower.unitStatus().name());
            faults.observed(FaultKind.SCALE_3_AND_BACK, "", FaultChecks.outcome(one) + " back at 1, no Kubernetes diff;"
                    + " at 3: leader " + FaultChecks.outcome(three) + ", followers " + FaultChecks.outcome(follower)
                    + "; a follower's removal deletes nothing");

            RelationState ingress = RelationState.of("ingress", "istio").withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
            State removed = f.ctx.run(Events.remove(), in.withRelation(ingress).withPlannedUnits(0));
            FaultChecks.assertKept(users, f.cluster.objects());
            assertFalse(f.cluster.objects().keySet().stream().anyMatch(k -> k.endsWith("/Service/" + KfpFixture.NS
                    + "/ml-pipeline")), "the pipelines set was kept");
            f.assertNoSecretShown(removed);
            faults.observed(FaultKind.REMOVE_WITH_RELATION, "relational-db, object-storage and ingress related",
                    FaultChecks.outcome(removed) + "; the pipelines set deleted, CRDs, Workflow and ScheduledWorkflow kept");
        }
    }
}
