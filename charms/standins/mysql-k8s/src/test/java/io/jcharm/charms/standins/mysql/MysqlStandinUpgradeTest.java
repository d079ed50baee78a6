package io.jcharm.charms.standins.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The mysql-k8s stand-in upgraded from each shipped revision's settled state
 * (src/test/resources/revisions/): the users it generated for mlflow-server and kfp (secrets
 * granted to each relation) must be the ones it still hands out.
 */
@FaultMatrix(charm = "mysql-k8s")
class MysqlStandinUpgradeTest {
    private final Context ctx = Context.of(MysqlStandinCharm::new, Path.of("target/standin"));

    private State settle() {
        State s = State.empty().withLeader(true).withModel("kubeflow", MysqlStandinCharmTest.UUID)
                .withContainer(ContainerState.reachable(MysqlStandinCharm.CONTAINER));
        return Settle.deploy(ctx, s, List.of(
                RelationState.of("database", "mlflow-server").withId(7).withRemoteAppData(Map.of("database", "mlflow",
                        "requested-secrets", MysqlStandinCharmTest.REQUESTED)),
                RelationState.of("database", "kfp").withId(9).withRemoteAppData(Map.of("database", "mlpipeline",
                        "requested-secrets", MysqlStandinCharmTest.REQUESTED))));
    }

    @Test
    @EnabledIfSystemProperty(named = Revisions.CAPTURE, matches = ".+")
    void capture() {
        State settled = settle();
        assertEquals("active", settled.unitStatus().name());
        Revisions.capture("mysql-k8s", "leader in model kubeflow; database requests from mlflow-server (mlflow) and kfp"
                + " (mlpipeline) answered with secret users", settled, Map.of(), List.of(), Map.of());
    }

    @Test
    void upgradesFromEachShippedRevision(FaultRecorder faults) {
        for (Snapshot old : Revisions.previous("mysql-k8s", Map.of())) {
            Upgrade up = Upgrade.run(ctx, old);
            assertEquals("active", up.settled().unitStatus().name(), up.settled().unitStatus().toString());
            assertEquals(old.state().secrets().size(), up.settled().secrets().size(), "a user was made again");
            for (SecretState s : old.state().secrets()) {
                assertEquals(s.content(), up.settled().secretByLabel(s.label().orElseThrow()).orElseThrow().content());
            }
            for (RelationState r : old.state().relations()) {
                assertEquals(r.localAppData().get("secret-user"), up.settled().relation(r.id()).localAppData().get("secret-user"),
                        "what " + r.remoteApp() + " is told");
            }
            faults.observed(FaultKind.UPGRADE, up.variant(), FaultChecks.outcome(up.settled())
                    + "; the same users and passwords for mlflow-server and kfp");
        }
    }
}
