package io.jcharm.charms.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcharm.core.Status;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import io.jcharm.testing.faults.FaultChecks;
import io.jcharm.testing.faults.FaultKind;
import io.jcharm.testing.faults.FaultMatrix;
import io.jcharm.testing.faults.FaultRecorder;
import io.jcharm.testing.revisions.Revisions;
import io.jcharm.testing.revisions.Settle;
import io.jcharm.testing.revisions.Snapshot;
import io.jcharm.testing.revisions.Upgrade;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * mlflow upgraded from each shipped revision's settled state (src/test/resources/revisions/): on
 * MySQL (a granted mysql-k8s user secret), artifacts on a real S3 server, publishing tracking
 * credentials (its own Juju secret) to three consumers; this build's upgrade-charm and
 * config-changed must keep the backend, the credentials secret and every consumer's data.
 */
@FaultMatrix(charm = "mlflow")
class MlflowUpgradeTest extends MlflowTestBase {
    private static final String DB_PASSWORD = "Zx9-db-password";

    /** The deployment a revision settles, related as bundles/full relates mlflow-server. */
    private State settle() {
        SecretState user = SecretState.granted(Map.of("username", "relation-7", "password", DB_PASSWORD));
        List<RelationState> relations = List.of(
                RelationState.of("relational-db", "mysql-k8s").withId(60).withRemoteAppData(Map.of("database", "mlflow",
                        "endpoints", "mysql-k8s-primary.kubeflow.svc.cluster.local:3306", "version", "8.0.41",
                        "secret-user", user.id())),
                f.objectStorage(KEY).withId(61),
                RelationState.of("ingress", "istio").withId(62).withRemoteAppData(Map.of("_supported_versions", "- v1\n- v2\n")),
                RelationState.of("tracking", "jupyter").withId(63),
                RelationState.of("tracking", "kfp").withId(64),
                RelationState.of("tracking", "seldon-core").withId(65));
        return Settle.deploy(f.ctx, f.leader.withSecret(user), relations);
    }

    @Test
    @EnabledIfSystemProperty(named = Revisions.CAPTURE, matches = ".+")
    void capture() {
        State settled = settle();
        assertEquals(Status.active(), settled.unitStatus());
        Revisions.capture("mlflow", "leader in model kubeflow on MySQL (granted mysql-k8s user), object-storage to a real S3"
                + " server, ingress from istio, tracking to jupyter, kfp and seldon-core (credentials secret granted)",
                settled, f.cluster.objects(), List.of(), Map.of("s3.port", String.valueOf(s3.port())));
    }

    @Test
    void upgradesFromEachShippedRevision(FaultRecorder faults) {
        for (Snapshot old : Revisions.previous("mlflow", Map.of("s3.port", String.valueOf(s3.port())))) {
            f.cluster.restore(old.cluster());
            SecretState creds = old.state().secretByLabel(Publishers.TRACKING_SECRET).orElseThrow();
            // The S3 key goes to the server's environment and to resource-dispatcher on purpose; the
            // database password must show nowhere (it lives in a 0600 file).
            Upgrade up = Upgrade.run(f.ctx, old, f.cluster.env(), f.cluster::objects, List.of(DB_PASSWORD),
                    () -> f.cluster.objects().values());
            assertEquals(Status.active(), up.settled().unitStatus());
            SecretState after = up.settled().secretByLabel(Publishers.TRACKING_SECRET).orElseThrow();
            assertEquals(creds.id(), after.id(), "a second credentials secret: consumers hold the old id");
            assertEquals(old.state().container(MlflowCharm.CONTAINER).layers().values().iterator().next().services()
                    .get(ServerLayer.SERVICE).environment().get("MLFLOW_BACKEND_STORE_URI"),
                    MlflowFixture.server(up.settled()).environment().get("MLFLOW_BACKEND_STORE_URI"), "the backend store moved");
            // 2f6c9df published the credentials secret by its bare xid; since 51965e3 it is secret:<xid>
            // (what secret-add gives). Both name the same secret to the consumers' secret-get.
            up.assertRelationDataKept("s3-credentials-secret");
            for (RelationState r : old.state().relations()) {
                String before = r.localAppData().get("s3-credentials-secret");
                if (before != null) {
                    assertEquals(before.replaceFirst("^secret:", ""), up.settled().relation(r.id()).localAppData()
                            .get("s3-credentials-secret").replaceFirst("^secret:", ""), "another secret for " + r.remoteApp());
                }
            }
            faults.observed(FaultKind.UPGRADE, up.variant(), FaultChecks.outcome(up.settled())
                    + "; still on MySQL, the same tracking credentials secret for every consumer (now named secret:<xid>, was the bare xid)");
        }
    }
}
