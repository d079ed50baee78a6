package io.jcharm.charms.minio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.kubernetes.testing.MockClusterExtension;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import io.jcharm.testing.faults.FaultChecks;
import io.jcharm.testing.faults.FaultKind;
import io.jcharm.testing.faults.FaultMatrix;
import io.jcharm.testing.faults.FaultRecorder;
import io.jcharm.testing.revisions.Revisions;
import io.jcharm.testing.revisions.Settle;
import io.jcharm.testing.revisions.Snapshot;
import io.jcharm.testing.revisions.Upgrade;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * minio upgraded from each shipped revision's settled state (src/test/resources/revisions/): the
 * root key the revision's leader generated (a Juju secret) must be the one MinIO runs with and
 * every consumer is told after this build's upgrade-charm and config-changed.
 */
@FaultMatrix(charm = "minio")
class MinioUpgradeTest {
    private static final String NS = MinioCharmTest.NS;
    private static final String C = MinioCharm.CONTAINER;

    @RegisterExtension
    final MockClusterExtension k8s = new MockClusterExtension();
    final Context ctx = Context.of(() -> new MinioCharm(MinioCharmTest.FAST));

    /** The deployment a revision settles: leader, object-storage to mlflow-server, kfp and jupyter as in bundles/full. */
    private State settle() {
        k8s.cluster().jujuService(NS, "minio");
        List<RelationState> consumers = new ArrayList<>();
        for (String app : List.of("mlflow-server", "kfp", "jupyter")) {
            consumers.add(RelationState.of("object-storage", app).withId(30 + consumers.size())
                    .withRemoteAppData(Map.of("_supported_versions", "- v1\n")));
        }
        return Settle.deploy(ctx, State.empty().withLeader(true).withModel(NS, "5f1c7e2a-0000-4000-8000-0000000000a1")
                .withEnvironment(k8s.cluster().env()).withContainer(ContainerState.reachable(C)), consumers);
    }

    @Test
    @EnabledIfSystemProperty(named = Revisions.CAPTURE, matches = ".+")
    void capture() {
        State settled = settle();
        assertEquals(Status.active(), settled.unitStatus());
        Revisions.capture("minio", "leader in model kubeflow; root key generated; object-storage to mlflow-server, kfp"
                + " and jupyter", settled, k8s.cluster().objects(), List.of(), Map.of());
    }

    /** This build over {@code old}: active, one root key, the one MinIO and every consumer had; the cell's outcome. */
    private String upgradeOf(Snapshot old) {
        k8s.cluster().restore(old.cluster());
        assertEquals(1, old.state().secrets().size(), "the revision kept one secret, the root key");
        String key = old.state().secrets().get(0).content().get(SecretKeyComponent.KEY);
        // MinIO gets its root key in its environment and consumers in their relation data, on purpose:
        // the key must show in no log, status or Kubernetes object.
        Upgrade up = Upgrade.run(ctx, old, k8s.cluster().env(), k8s.cluster()::objects, List.of(), List::of);
        up.assertNoSecretInLogsOrStatuses(List.of(key));
        FaultChecks.assertNoSecretIn(State.empty(), List.of(key), k8s.cluster().objects().values());
        assertEquals(Status.active(), up.settled().unitStatus());
        // assertTrue, not assertEquals: the report must not print the keys.
        assertTrue(key.equals(MinioCharmTest.minio(up.settled()).environment().get("MINIO_ROOT_PASSWORD")),
                "MinIO runs with another root key than the one it stored its data with");
        assertEquals(1, up.settled().secrets().size(), "the upgrade made a second key");
        up.assertRelationDataKept();
        return FaultChecks.outcome(up.settled()) + "; the same root key in MinIO and in every consumer's relation data";
    }

    @Test
    void upgradesFromEachShippedRevision(FaultRecorder faults) {
        for (Snapshot old : Revisions.previous("minio", Map.of())) {
            faults.observed(FaultKind.UPGRADE, Upgrade.variantOf(old), upgradeOf(old));
        }
    }

    /**
     * Not vacuous: a revision that labelled its key secret otherwise (a format change) leaves a key
     * this build does not find; it makes a new one, which the same check catches.
     */
    @Test
    void aRevisionWhoseKeySecretThisBuildCannotFindIsCaught() {
        Snapshot old = Revisions.previous("minio", Map.of()).get(0);
        Snapshot relabelled = Revisions.parse(Revisions.text(old).replace("\"" + SecretKeyComponent.LABEL + "\"",
                "\"minio-root-key\""), "relabelled", Map.of());
        AssertionError e = assertThrows(AssertionError.class, () -> upgradeOf(relabelled));
        assertTrue(e.getMessage().startsWith("MinIO runs with another root key"), e.getMessage());
    }
}
