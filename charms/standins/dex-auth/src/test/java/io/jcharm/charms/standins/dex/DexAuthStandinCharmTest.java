package io.jcharm.charms.standins.dex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcharm.core.Status;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stand-in publishes what dex-auth 2.39 publishes (facts: canonical/dex-auth-operator track/2.39 src/charm.py). */
class DexAuthStandinCharmTest {
    final Context ctx = Context.of(DexAuthStandinCharm::new, Path.of("target/standin"));
    final RelationState oidc = RelationState.of("dex-oidc-config", "oidc-gatekeeper").withId(3);
    final RelationState ingress = RelationState.of("ingress", "istio-pilot").withId(4)
            .withRemoteAppData(Map.of("_supported_versions", "- v1\n- v2\n"));
    final State leader = State.empty().withLeader(true).withModel("kubeflow", "0f1c7e2a-0000-4000-8000-0000000000bb")
            .withContainer(ContainerState.reachable("dex")).withRelation(oidc).withRelation(ingress);

    @Test
    void theIssuerUrlAndTheIngressRouteAreSent() {
        State out = ctx.run(Events.relationCreated(oidc), leader);
        assertEquals(Map.of("issuer-url", "http://dex-auth.kubeflow.svc:5556/dex"), out.relation(3).localAppData());
        assertEquals(Map.of("_supported_versions", "- v1\n", "data", "port: 5556\nprefix: /dex\nrewrite: /dex\nservice: dex-auth\n"),
                out.relation(4).localAppData());
        assertEquals(Status.active(), out.unitStatus());
    }

    @Test
    void theIssuerFollowsItsOptionsAndIsSentBeforeThePodIsUp() {
        State out = ctx.run(Events.configChanged(), leader.withConfig(Map.of("public-url", "dex.example.com:5557"))
                .withContainer(ContainerState.unreachable("dex")));
        assertEquals("http://dex.example.com:5557/dex", out.relation(3).localAppData().get("issuer-url"));
        assertEquals(Status.waiting("[dex-auth] Waiting for pod startup to complete"), out.unitStatus());
        assertEquals(Map.of(), out.relation(4).localAppData());
        State explicit = ctx.run(Events.configChanged(), leader.withConfig(Map.of("issuer-url", "https://login.example/dex")));
        assertEquals("https://login.example/dex", explicit.relation(3).localAppData().get("issuer-url"));
    }

    @Test
    void withoutStaticLoginOrConnectorsItBlocks() {
        State out = ctx.run(Events.configChanged(), leader.withConfig(Map.of("enable-password-db", false)));
        assertEquals(Status.blocked("[dex-auth] Please add a connectors configuration to proceed without a static login."),
                out.unitStatus());
    }

    @Test
    void onlyTheLeaderPublishes() {
        State out = ctx.run(Events.relationCreated(oidc), leader.withLeader(false));
        assertEquals(Status.waiting("[dex-auth] Waiting for leadership"), out.unitStatus());
        assertEquals(Map.of(), out.relation(3).localAppData());
    }
}
