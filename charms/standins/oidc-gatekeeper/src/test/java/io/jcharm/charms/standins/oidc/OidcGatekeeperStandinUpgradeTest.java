package io.jcharm.charms.standins.oidc;

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
 * The oidc-gatekeeper stand-in upgraded from each shipped revision's settled state
 * (src/test/resources/revisions/): the client secret it generated (peer data) must be the one dex
 * still gets.
 */
@FaultMatrix(charm = "oidc-gatekeeper")
class OidcGatekeeperStandinUpgradeTest {
    private final Context ctx = Context.of(OidcGatekeeperStandinCharm::new, Path.of("target/standin"));

    private State settle() {
        RelationState secret = RelationState.peer("client-secret", "oidc-gatekeeper", List.of());
        State s = State.empty().withLeader(true).withModel("kubeflow", "0f1c7e2a-0000-4000-8000-0000000000aa")
                .withContainer(ContainerState.reachable("oidc-authservice")).withRelation(secret);
        return Settle.deploy(ctx, s, List.of(
                RelationState.of("dex-oidc-config", "dex-auth").withId(3)
                        .withRemoteAppData(Map.of("issuer-url", "http://dex-auth.kubeflow.svc:5556/dex")),
                RelationState.of("ingress-auth", "istio-pilot").withId(5).withRemoteAppData(Map.of("_supported_versions", "- v1\n")),
                RelationState.of("ingress", "istio-pilot").withId(6).withRemoteAppData(Map.of("_supported_versions", "- v1\n- v2\n")),
                RelationState.of("oidc-client", "dex-auth").withId(7).withRemoteAppData(Map.of("_supported_versions", "- v1\n"))));
    }

    @Test
    @EnabledIfSystemProperty(named = Revisions.CAPTURE, matches = ".+")
    void capture() {
        State settled = settle();
        assertEquals("active", settled.unitStatus().name(), settled.unitStatus().toString());
        Revisions.capture("oidc-gatekeeper", "leader in model kubeflow; dex-oidc-config and oidc-client with dex-auth,"
                + " ingress and ingress-auth with istio-pilot; client secret generated", settled, Map.of(), List.of(), Map.of());
    }

    @Test
    void upgradesFromEachShippedRevision(FaultRecorder faults) {
        for (Snapshot old : Revisions.previous("oidc-gatekeeper", Map.of())) {
            Upgrade up = Upgrade.run(ctx, old);
            assertEquals("active", up.settled().unitStatus().name(), up.settled().unitStatus().toString());
            up.assertRelationDataKept();
            faults.observed(FaultKind.UPGRADE, up.variant(), FaultChecks.outcome(up.settled())
                    + "; the same client secret (peer data) and what dex-auth and istio-pilot are told");
        }
    }
}
