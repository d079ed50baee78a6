package io.jcharm.relations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jcharm.core.Status;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact relation data the Charmed Kubeflow charms write and read. */
class RelationsWireTest {
    private final Context ctx = Context.of(WireCharm::new, Path.of("src/test/resources/wire-charm"));

    @Test
    void ingressProviderListsV1AndV2AndReadsAV1Route() {
        // What a Python requirer (e.g. jupyter-ui) writes: SDI versions and a YAML payload.
        RelationState rel = RelationState.of("ingress", "jupyter-ui").withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n",
                "data", "port: 5000\nprefix: /jupyter/\nrewrite: /\nservice: jupyter-ui\n"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withLeader(true).withRelation(rel));
        assertEquals("- v1\n- v2\n", out.relation(rel.id()).localAppData().get("_supported_versions"));
        assertEquals("jupyter-ui:5000/jupyter/>/@-", out.relation(rel.id()).localUnitData().get("seen"));
        assertEquals(Status.active(), out.unitStatus());
    }

    @Test
    void ingressV2RouteCarriesNamespace() {
        RelationState rel = RelationState.of("ingress", "app").withRemoteAppData(Map.of(
                "_supported_versions", "- v2\n",
                "data", "namespace: other\nport: 80\nprefix: /app\nservice: app\n"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withLeader(true).withRelation(rel));
        assertEquals("app:80/app>/app@other", out.relation(rel.id()).localUnitData().get("seen"));
    }

    @Test
    void ingressWithoutVersionsWaitsWithSdiText() {
        RelationState rel = RelationState.of("ingress", "jupyter-ui");
        State out = ctx.run(Events.relationChanged(rel), State.empty().withLeader(true).withRelation(rel));
        assertEquals(Status.waiting("[ingress] List of ingress versions not found for apps: jupyter-ui"),
                out.unitStatus());
    }

    @Test
    void incompatibleVersionsBlock() {
        RelationState rel = RelationState.of("ingress", "future").withRemoteAppData(Map.of("_supported_versions", "- v9\n"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withLeader(true).withRelation(rel));
        assertEquals(Status.blocked("[ingress] No compatible ingress versions found for apps: future"), out.unitStatus());
    }

    @Test
    void malformedRouteBlocksNamingTheProblem() {
        RelationState rel = RelationState.of("ingress", "bad").withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n", "data", "port: eighty\nservice: bad\n"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withLeader(true).withRelation(rel));
        Status st = out.unitStatus();
        assertEquals("blocked", st.name());
        assertEquals("[ingress] Failed to validate data on ingress:" + rel.id() + " from bad: "
                + "'port' must be of type integer, got eighty; 'prefix' is a required property", st.message());
    }

    @Test
    void k8sServiceProviderWritesStringsAsYaml() {
        RelationState rel = RelationState.of("istio-pilot", "istio-ingressgateway")
                .withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withLeader(true).withRelation(rel));
        assertEquals("service-name: istiod.test-model.svc\nservice-port: \"15012\"\n",
                out.relation(rel.id()).localAppData().get("data"));
    }

    @Test
    void gatewayInfoPublishedOnLeaderOnly() {
        RelationState rel = RelationState.of("gateway-info", "seldon-controller-manager");
        State leader = ctx.run(Events.relationJoined(rel), State.empty().withLeader(true).withRelation(rel));
        assertEquals(Map.of("gateway_name", "kubeflow-gateway", "gateway_namespace", "test-model", "gateway_up", "true"),
                leader.relation(rel.id()).localAppData());
        State follower = ctx.run(Events.relationJoined(rel), State.empty().withRelation(rel));
        assertEquals(Map.of(), follower.relation(rel.id()).localAppData());
    }

    @Test
    void gatewayInfoRequirerReadsQualifiedName() {
        RelationState rel = RelationState.of("gateway", "istio-pilot").withRemoteAppData(Map.of(
                "gateway_name", "kubeflow-gateway", "gateway_namespace", "kubeflow"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withRelation(rel));
        assertEquals("kubeflow/kubeflow-gateway", out.relation(rel.id()).localUnitData().get("gw"));
    }

    @Test
    void gatewayInfoRequirerWaitsUntilTheProviderWritesAndIsEmptyWhenNotRelated() {
        RelationState rel = RelationState.of("gateway", "istio-pilot");
        assertEquals(Status.waiting("[gateway] waiting for gateway info relation data"),
                ctx.run(Events.relationCreated(rel), State.empty().withRelation(rel)).unitStatus());
        assertEquals(Status.active(), ctx.run(Events.configChanged(), State.empty()).unitStatus());
    }

    @Test
    void gatewayInfoWithHalfTheKeysBlocks() {
        RelationState rel = RelationState.of("gateway", "istio-pilot").withRemoteAppData(Map.of("gateway_name", "gw"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withRelation(rel));
        assertEquals(Status.blocked("[gateway] gateway-info data from istio-pilot lacks gateway_namespace"),
                out.unitStatus());
    }

    @Test
    void gatewayInfoWithANameKubernetesRefusesBlocksWithoutEchoingIt() {
        RelationState rel = RelationState.of("gateway", "istio-pilot").withRemoteAppData(Map.of(
                "gateway_name", "kubeflow gateway\n[", "gateway_namespace", "kubeflow"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withRelation(rel));
        assertEquals(Status.blocked("[gateway] gateway-info gateway_name from istio-pilot is not a Kubernetes name"
                + " (lowercase letters, digits and '-', at most 63); fix the provider's data"), out.unitStatus());
    }

    @Test
    void ingressRequirerSendsV1Payload() {
        RelationState rel = RelationState.of("route", "istio-pilot")
                .withRemoteAppData(Map.of("_supported_versions", "- v1\n- v2\n"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withLeader(true).withRelation(rel));
        Map<String, String> mine = out.relation(rel.id()).localAppData();
        assertEquals("- v1\n", mine.get("_supported_versions"));
        assertEquals("port: 8080\nprefix: /wire/\nrewrite: /\nservice: wire\n", mine.get("data"));
        assertFalse(mine.get("data").contains("namespace"));
    }
    @Test
    void anEmptyRewriteFallsBackToThePrefixAsIstioPilotRendersIt() {
        // istio-pilot writes `rewrite or prefix`: "" is false to Python, so the prefix is used.
        RelationState rel = RelationState.of("ingress", "app").withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n", "data", "port: 80\nprefix: /app/\nrewrite: ''\nservice: app\n"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withLeader(true).withRelation(rel));
        assertEquals("app:80/app/>/app/@-", out.relation(rel.id()).localUnitData().get("seen"));
    }

    @Test
    void gatewayUpIsReadCaseInsensitivelyAsTheLibraryDoes() {
        for (String written : new String[] {"True", "TRUE", "False", "false"}) {
            RelationState rel = RelationState.of("gateway", "istio-pilot").withRemoteAppData(Map.of(
                    "gateway_name", "gw", "gateway_namespace", "kubeflow", "gateway_up", written));
            State out = ctx.run(Events.relationChanged(rel), State.empty().withRelation(rel));
            assertEquals(Status.active(), out.unitStatus(), written);
            assertEquals("kubeflow/gw up=" + written.equalsIgnoreCase("true"),
                    out.relation(rel.id()).localUnitData().get("gw"), written);
        }
        RelationState odd = RelationState.of("gateway", "istio-pilot").withRemoteAppData(Map.of(
                "gateway_name", "gw", "gateway_namespace", "kubeflow", "gateway_up", "yes"));
        assertEquals(Status.blocked("[gateway] gateway-info gateway_up from istio-pilot must be \"true\" or \"false\""
                + " (any case), got \"yes\""), ctx.run(Events.relationChanged(odd), State.empty().withRelation(odd)).unitStatus());
    }

    @Test
    void ingressAuthProviderReadsWhatOidcGatekeeperWrites() {
        // oidc-gatekeeper's payload as SDI dumps it (PyYAML: sorted keys, block lists).
        RelationState rel = RelationState.of("ingress-auth", "oidc-gatekeeper").withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n", "data", OIDC_GATEKEEPER_AUTH));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withLeader(true).withRelation(rel));
        assertEquals(Status.active(), out.unitStatus());
        assertEquals("- v1\n", out.relation(rel.id()).localAppData().get("_supported_versions"));
        assertEquals("oidc-gatekeeper:8080 request=[cookie, X-Auth-Token] response=[kubeflow-userid]",
                out.relation(rel.id()).localUnitData().get("auth"));
    }

    @Test
    void ingressAuthHeadersAreOptionalAndMustBeStringLists() {
        RelationState bare = RelationState.of("ingress-auth", "auth").withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n", "data", "port: 9000\nservice: auth\n"));
        State out = ctx.run(Events.relationChanged(bare), State.empty().withLeader(true).withRelation(bare));
        assertEquals("auth:9000 request=[] response=[]", out.relation(bare.id()).localUnitData().get("auth"));

        RelationState bad = bare.withRemoteAppData(Map.of("_supported_versions", "- v1\n",
                "data", "allowed-request-headers: cookie\nport: 9000\nservice: auth\n"));
        State blocked = ctx.run(Events.relationChanged(bad), State.empty().withLeader(true).withRelation(bad));
        assertEquals(Status.blocked("[ingress-auth] Failed to validate data on ingress-auth:" + bad.id() + " from auth:"
                + " 'allowed-request-headers' must be of type string-array, got cookie"), blocked.unitStatus());
    }

    @Test
    void ingressAuthRequirerWritesOidcGatekeepersPayload() {
        RelationState rel = RelationState.of("auth", "istio-pilot").withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
        State out = ctx.run(Events.relationChanged(rel), State.empty().withLeader(true).withRelation(rel));
        assertEquals(OIDC_GATEKEEPER_AUTH, out.relation(rel.id()).localAppData().get("data"));
    }

    /** What canonical/oidc-gatekeeper-operator (track/ckf-1.10, _configure_mesh) sends on ingress-auth. */
    static final String OIDC_GATEKEEPER_AUTH = """
            allowed-request-headers:
            - cookie
            - X-Auth-Token
            allowed-response-headers:
            - kubeflow-userid
            port: 8080
            service: oidc-gatekeeper
            """;
}
