package io.jcharm.charms.standins.dex;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The dex-auth stand-in upgraded from each shipped revision's settled state
 * (src/test/resources/revisions/): the issuer and route it published must stay.
 */
@FaultMatrix(charm = "dex-auth")
class DexAuthStandinUpgradeTest {
    private final Context ctx = Context.of(DexAuthStandinCharm::new, Path.of("target/standin"));

    private State settle() {
        State s = State.empty().withLeader(true).withModel("kubeflow", "0f1c7e2a-0000-4000-8000-0000000000bb")
                .withContainer(ContainerState.reachable("dex"));
        return Settle.deploy(ctx, s, List.of(RelationState.of("dex-oidc-config", "oidc-gatekeeper").withId(3),
                RelationState.of("ingress", "istio-pilot").withId(4).withRemoteAppData(Map.of("_supported_versions", "- v1\n- v2\n"))));
    }

    @Test
    @EnabledIfSystemProperty(named = Revisions.CAPTURE, matches = ".+")
    void capture() {
        State settled = settle();
        assertEquals("active", settled.unitStatus().name(), settled.unitStatus().toString());
        Revisions.capture("dex-auth", "leader in model kubeflow; dex-oidc-config to oidc-gatekeeper, ingress from istio-pilot",
                settled, Map.of(), List.of(), Map.of());
    }

    @Test
    void upgradesFromEachShippedRevision(FaultRecorder faults) {
        for (Snapshot old : Revisions.previous("dex-auth", Map.of())) {
            Upgrade up = Upgrade.run(ctx, old);
            assertEquals("active", up.settled().unitStatus().name(), up.settled().unitStatus().toString());
            up.assertRelationDataKept();
            faults.observed(FaultKind.UPGRADE, up.variant(), FaultChecks.outcome(up.settled())
                    + "; the same issuer URL and ingress route");
        }
    }
}
