package io.jcharm.charms.standins.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stand-in sends what oidc-gatekeeper ckf-1.10 sends, once what it waits for is there
 * (facts: canonical/oidc-gatekeeper-operator track/ckf-1.10 src/charm.py).
 */
class OidcGatekeeperStandinCharmTest {
    final Context ctx = Context.of(OidcGatekeeperStandinCharm::new, Path.of("target/standin"));
    final RelationState dex = RelationState.of("dex-oidc-config", "dex-auth").withId(3)
            .withRemoteAppData(Map.of("issuer-url", "http://dex-auth.kubeflow.svc:5556/dex"));
    final RelationState auth = RelationState.of("ingress-auth", "istio-pilot").withId(5)
            .withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
    final RelationState secret = RelationState.peer("client-secret", "oidc-gatekeeper", List.of());
    final State ready = State.empty().withLeader(true).withModel("kubeflow", "0f1c7e2a-0000-4000-8000-0000000000aa")
            .withContainer(ContainerState.reachable("oidc-authservice")).withRelation(dex).withRelation(auth).withRelation(secret);

    @Test
    void ingressAuthNamesTheAuthServiceAsTheRealCharmDoes() {
        State out = ctx.run(Events.relationChanged(auth), ready);
        assertEquals(Map.of("_supported_versions", "- v1\n", "data", "allowed-request-headers:\n- cookie\n- X-Auth-Token\n"
                + "allowed-response-headers:\n- kubeflow-userid\nport: 8080\nservice: oidc-gatekeeper\n"),
                out.relation(5).localAppData());
        assertTrue(out.relation(secret.id()).localAppData().get("client-secret").matches("[A-Z0-9]{30}"));
        assertEquals(Status.active(), out.unitStatus());
    }

    @Test
    void ingressAndOidcClientCarryThePrefixAndTheClientSecret() {
        RelationState ingress = RelationState.of("ingress", "istio-pilot").withId(6)
                .withRemoteAppData(Map.of("_supported_versions", "- v1\n- v2\n"));
        RelationState client = RelationState.of("oidc-client", "dex-auth").withId(7)
                .withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
        State out = ctx.run(Events.configChanged(), ready.withRelation(ingress).withRelation(client));
        assertEquals("port: 8080\nprefix: /authservice\nrewrite: /\nservice: oidc-gatekeeper\n",
                out.relation(6).localAppData().get("data"));
        String secretValue = out.relation(secret.id()).localAppData().get("client-secret");
        assertEquals("id: authservice-oidc\nname: Ambassador Auth OIDC\nredirectURIs:\n- /authservice/oidc/callback\nsecret: "
                + secretValue + "\n", out.relation(7).localAppData().get("data"));
    }

    @Test
    void withoutDexItBlocksThenWaitsForItsIssuer() {
        State noDex = ctx.run(Events.configChanged(), ready.withoutRelation(3));
        assertEquals(Status.blocked("[oidc-gatekeeper] Missing relation with a Dex OIDC config provider. Please add the"
                + " missing relation."), noDex.unitStatus());
        RelationState empty = RelationState.of("dex-oidc-config", "dex-auth").withId(3);
        State waiting = ctx.run(Events.relationChanged(empty), ready.withoutRelation(3).withRelation(empty));
        assertEquals(Status.waiting("[oidc-gatekeeper] Empty or missing data in dex-oidc-config relation. This may be"
                + " transient, but if it persists it is likely an error."), waiting.unitStatus());
        assertEquals(Map.of(), waiting.relation(5).localAppData(), "nothing sent before dex answers");
    }

    @Test
    void aGatewayThatListedNoVersionsIsWaitedFor() {
        RelationState silent = RelationState.of("ingress-auth", "istio-pilot").withId(5);
        State out = ctx.run(Events.relationCreated(silent), ready.withoutRelation(5).withRelation(silent));
        assertEquals(Status.waiting("[oidc-gatekeeper] List of <ops.model.Relation ingress-auth:5> versions not found for"
                + " apps: istio-pilot"), out.unitStatus());
        assertEquals(Map.of("_supported_versions", "- v1\n"), out.relation(5).localAppData());
    }

    @Test
    void onlyTheLeaderSends() {
        State out = ctx.run(Events.relationChanged(auth), ready.withLeader(false));
        assertEquals(Status.waiting("[oidc-gatekeeper] Waiting for leadership"), out.unitStatus());
        assertEquals(Map.of(), out.relation(5).localAppData());
    }
}
