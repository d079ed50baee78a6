package io.jcharm.charms.kfp;

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
 * kfp upgraded from each shipped revision's settled state (src/test/resources/revisions/): the
 * seven workloads planned, the database user (granted by mysql-k8s), artifacts on a real S3
 * server, mlflow's tracking secret, and kfp-api published to jupyter; this build's upgrade-charm
 * and config-changed must converge without losing any of it.
 */
@FaultMatrix(charm = "kfp")
class KfpUpgradeTest extends KfpTestBase {
    private static final String MLFLOW_KEY = "mlflow-s3-key";

    /** The deployment a revision settles, related as bundles/full relates kfp (in model pipelines). */
    private State settle() {
        SecretState creds = SecretState.granted(Map.of("access-key", "minio", "secret-key", MLFLOW_KEY));
        List<RelationState> relations = List.of(f.mysql.withId(50), f.storage.withId(51),
                RelationState.of("mlflow", "mlflow-server").withId(52).withRemoteAppData(Map.of("version", "1",
                        "tracking-uri", "http://mlflow-server.pipelines.svc.cluster.local:5000", "artifact-root",
                        "s3://mlflow/", "s3-endpoint", "http://minio.pipelines:9000", "s3-credentials-secret", creds.id())),
                RelationState.of("ingress", "istio").withId(53).withRemoteAppData(Map.of("_supported_versions", "- v1\n- v2\n")),
                RelationState.of("kfp-api", "jupyter").withId(54).withRemoteAppData(Map.of("_supported_versions", "- v1\n")));
        return Settle.deploy(f.ctx, f.leader.withSecret(f.dbUser).withSecret(creds), relations);
    }

    @Test
    @EnabledIfSystemProperty(named = Revisions.CAPTURE, matches = ".+")
    void capture() {
        State settled = settle();
        assertEquals(Status.active(), settled.unitStatus());
        Revisions.capture("kfp", "leader in model pipelines; relational-db (granted mysql-k8s user), object-storage to a real"
                + " S3 server, mlflow (granted tracking secret), ingress from istio, kfp-api to jupyter; service-account"
                + " token requested", settled, f.cluster.objects(), List.of(), Map.of("s3.port", String.valueOf(s3.port())));
    }

    @Test
    void upgradesFromEachShippedRevision(FaultRecorder faults) {
        for (Snapshot old : Revisions.previous("kfp", Map.of("s3.port", String.valueOf(s3.port())))) {
            f.cluster.restore(old.cluster());
            // The database password and the S3 keys go to the workloads and to Kubernetes Secrets on purpose;
            // they must show in no log or status. The token's expiry is renewed when it comes near.
            Upgrade up = Upgrade.run(f.ctx, old, f.cluster.env(), f.cluster::objects, List.of(), List::of,
                    TokensComponent.EXPIRY);
            up.assertNoSecretInLogsOrStatuses(List.of(KfpFixture.DB_PASSWORD, KfpFixture.S3_KEY, MLFLOW_KEY));
            assertEquals(Status.active(), up.settled().unitStatus());
            up.assertRelationDataKept();
            faults.observed(FaultKind.UPGRADE, up.variant(), FaultChecks.outcome(up.settled())
                    + "; the same data for jupyter, istio and mysql-k8s, the database user kept");
        }
    }
}
