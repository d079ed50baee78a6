package io.jcharm.charms.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.jcharm.core.Status;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a Charmed Kubeflow bundle does to the charm when it stands in for istio-pilot: the
 * ingress-auth relation from oidc-gatekeeper, the istio-gateway charm next to it, and routes as
 * the Charmhub charms ask for them (fabric8's mock API server, CRUD).
 */
class KubeflowDropInTest extends IstioClusterTest {
    /** What canonical/oidc-gatekeeper-operator (track/ckf-1.10) sends on ingress-auth, as SDI dumps it. */
    static final String GATEKEEPER_AUTH = "allowed-request-headers:\n- cookie\n- X-Auth-Token\nallowed-response-headers:\n"
            + "- kubeflow-userid\nport: 8080\nservice: oidc-gatekeeper\n";

    @BeforeEach
    void kubeflowGateway() {
        base = base.withConfig(Map.of("default-gateway", "kubeflow-gateway"));
    }

    private GenericKubernetesResource gateway() {
        return cluster.admin.genericKubernetesResources("networking.istio.io/v1", "Gateway").inNamespace(NS)
                .withName("kubeflow-gateway").get();
    }

    private GenericKubernetesResource authFilter() {
        return cluster.admin.genericKubernetesResources("networking.istio.io/v1alpha3", "EnvoyFilter").inNamespace(NS)
                .withName("istio-authn-filter").get();
    }

    private Deployment gatewayWorkload() {
        return cluster.admin.apps().deployments().inNamespace(NS).withName(GatewayObjects.WORKLOAD).get();
    }

    /** One ext_authz patch as istio-pilot's auth_filter.yaml.j2 renders it for oidc-gatekeeper. */
    private static Map<String, Object> expectedPatch(int port) {
        String host = "oidc-gatekeeper." + NS + ".svc.cluster.local";
        return Map.of(
                "applyTo", "HTTP_FILTER",
                "match", Map.of("context", "GATEWAY", "listener", Map.of("portNumber", port,
                        "filterChain", Map.of("filter", Map.of("name", "envoy.filters.network.http_connection_manager")))),
                "patch", Map.of("operation", "INSERT_BEFORE", "value", Map.of(
                        "name", "envoy.filters.http.ext_authz",
                        "typed_config", Map.of(
                                "@type", "type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz",
                                "http_service", Map.of(
                                        "server_uri", Map.of("uri", "http://" + host + ":8080",
                                                "cluster", "outbound|8080||" + host, "timeout", "10s"),
                                        "authorization_request", Map.of("allowed_headers", Map.of("patterns",
                                                List.of(Map.of("exact", "cookie"), Map.of("exact", "X-Auth-Token")))),
                                        "authorization_response", Map.of("allowed_upstream_headers", Map.of("patterns",
                                                List.of(Map.of("exact", "kubeflow-userid")))))))));
    }

    @Test
    void ingressAuthBecomesAnExtAuthzFilterOnTheGatewayAndGoesWithItsRelation() {
        RelationState auth = RelationState.of("ingress-auth", "oidc-gatekeeper").withId(11).withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n", "data", GATEKEEPER_AUTH));
        RelationState info = RelationState.of("gateway-info", "tensorboard-controller").withId(12);
        State out = ctx.run(Events.relationChanged(auth), base.withRelation(auth).withRelation(info));

        assertEquals(Status.active(), out.unitStatus());
        assertEquals("- v1\n", out.relation(11).localAppData().get("_supported_versions"));
        GenericKubernetesResource filter = authFilter();
        assertNotNull(filter, "the EnvoyFilter is applied");
        assertEquals("auth-filter", filter.getMetadata().getLabels().get("jcharm.io/resource-set"));
        assertEquals(Map.of("workloadSelector", Map.of("labels", Map.of("istio", "ingressgateway")),
                "configPatches", List.of(expectedPatch(8080), expectedPatch(8443))),
                filter.getAdditionalProperties().get("spec"));
        assertNotNull(gateway(), "with the filter in place the Gateway is served");
        assertEquals("true", out.relation(12).localAppData().get("gateway_up"));

        State gone = ctx.run(Events.relationBroken(auth), out.withoutRelation(11).withRelation(auth));
        assertEquals(Status.active(), gone.unitStatus());
        assertNull(authFilter(), "the relation went: its filter is pruned");
        assertNotNull(gateway());
    }

    @Test
    void anAuthProviderWithoutDataWithholdsTheGatewayUntilItSendsIt() {
        State open = ctx.run(Events.install(), base);
        assertNotNull(gateway(), "no ingress-auth relation: the gateway serves as usual");
        RelationState info = RelationState.of("gateway-info", "kserve-controller").withId(12);

        RelationState silent = RelationState.of("ingress-auth", "oidc-gatekeeper").withId(11)
                .withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
        State waiting = ctx.run(Events.relationChanged(silent), open.withRelation(silent).withRelation(info));
        assertEquals(Status.waiting("[ingress-auth] waiting for the auth provider data from oidc-gatekeeper (its service"
                + " and port); the gateway serves no route until then"), waiting.unitStatus());
        assertNull(gateway(), "related for auth but without a provider: nothing is served unauthenticated");
        assertNotNull(gatewayWorkload(), "the gateway workload itself keeps running");
        assertNull(authFilter());
        assertEquals("false", waiting.relation(12).localAppData().get("gateway_up"));

        RelationState badPort = silent.withRemoteAppData(Map.of("_supported_versions", "- v1\n",
                "data", "port: 0\nservice: oidc-gatekeeper\n"));
        State invalid = ctx.run(Events.relationChanged(badPort), waiting.withRelation(badPort));
        assertEquals(Status.blocked("[ingress-auth] ingress-auth data from oidc-gatekeeper on ingress-auth:11: port 0 is"
                + " not between 1 and 65535"), invalid.unitStatus());
        assertNull(gateway());

        RelationState second = RelationState.of("ingress-auth", "other-auth").withId(13).withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n", "data", "port: 9000\nservice: other-auth\n"));
        RelationState sent = silent.withRemoteAppData(Map.of("_supported_versions", "- v1\n", "data", GATEKEEPER_AUTH));
        State two = ctx.run(Events.relationChanged(second), waiting.withRelation(sent).withRelation(second));
        assertEquals(Status.blocked("[ingress-auth] ingress-auth is related to oidc-gatekeeper and other-auth; only one"
                + " auth provider is supported, and the gateway serves nothing until one remains: juju remove-relation"
                + " istio:ingress-auth other-auth"), two.unitStatus());
        assertNull(gateway());

        State one = ctx.run(Events.relationBroken(second), two);
        assertEquals(Status.active(), one.unitStatus());
        assertNotNull(authFilter());
        assertNotNull(gateway(), "the provider's data arrived: the filter and then the Gateway are applied");
        assertEquals("true", one.relation(12).localAppData().get("gateway_up"));
    }

    @Test
    void anIngressGatewayMadeByTheIstioGatewayCharmBlocksOurGateway() {
        // Charmed Kubeflow's istio-gateway (kind ingress) applied its Deployment first, by lightkube.
        cluster.admin.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withNewMetadata()
                .withName(GatewayObjects.WORKLOAD).addToLabels("app", "istio-ingressgateway")
                .addToLabels("istio", "ingressgateway").addToLabels("operator.istio.io/component", "IngressGateways")
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("lightkube").withOperation("Apply")
                        .withApiVersion("apps/v1").withFieldsType("FieldsV1").build())
                .endMetadata().withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("istio", "ingressgateway")
                .endSelector().withNewTemplate().withNewMetadata().addToLabels("istio", "ingressgateway").endMetadata()
                .withNewSpec().addNewContainer().withName("istio-proxy").withImage("docker.io/istio/proxyv2:1.28.0")
                .endContainer().endSpec().endTemplate().endSpec().build()).create();
        RelationState pilot = RelationState.of("istio-pilot", "istio-ingressgateway").withId(21)
                .withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
        RelationState info = RelationState.of("gateway-info", "kserve-controller").withId(22);

        State out = ctx.run(Events.relationChanged(pilot), base.withRelation(pilot).withRelation(info));

        assertEquals(Status.blocked("[gateway-owner] Deployment istio-ingressgateway-workload is also applied by field"
                + " manager lightkube: two charms would manage one ingress gateway. istio runs the gateway itself; remove"
                + " istio-ingressgateway (related on istio-pilot; Charmed Kubeflow's istio-gateway charm): juju"
                + " remove-application istio-ingressgateway; its remove hook deletes these objects, and this charm"
                + " applies its own at its next hook"), out.unitStatus());
        Deployment theirs = gatewayWorkload();
        assertNull(theirs.getMetadata().getLabels().get("app.juju.is/created-by"), "their Deployment is left alone");
        assertTrue(theirs.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().isEmpty(), "not overwritten");
        assertNull(gateway(), "our gateway set is not applied while another manages the workload");
        assertNotNull(cluster.admin.apps().deployments().inNamespace(NS).withName("istiod").get(), "istiod is ours");
        assertEquals("false", out.relation(22).localAppData().get("gateway_up"));
        assertTrue(out.relation(21).localAppData().containsKey("data"), "istiod's address is still published");

        // The user removed istio-ingressgateway: its remove hook deleted the objects by name.
        cluster.admin.apps().deployments().inNamespace(NS).withName(GatewayObjects.WORKLOAD).delete();
        State after = ctx.run(Events.updateStatus(), out.withoutRelation(21));
        assertEquals(Status.active(), after.unitStatus());
        assertEquals("istio", gatewayWorkload().getMetadata().getLabels().get("app.juju.is/created-by"));
        assertNotNull(gateway());
        assertEquals("true", after.relation(22).localAppData().get("gateway_up"));
    }

    @Test
    void anotherServerSideApplyOnOurGatewayObjectsIsSeenAtTheNextHook() {
        State ours = ctx.run(Events.install(), base);
        assertEquals(Status.active(), ours.unitStatus());
        // istio-gateway related later: its ServiceAccount apply (the first object) shares ours.
        ServiceAccount sa = cluster.admin.serviceAccounts().inNamespace(NS).withName(GatewayObjects.SERVICE_ACCOUNT).get();
        sa.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("lightkube")
                .withOperation("Apply").withApiVersion("v1").withFieldsType("FieldsV1").build()));
        cluster.admin.serviceAccounts().inNamespace(NS).resource(sa).update();

        State out = ctx.run(Events.updateStatus(), ours);

        assertEquals("blocked", out.unitStatus().name());
        assertTrue(out.unitStatus().message().startsWith("[gateway-owner] ServiceAccount"
                + " istio-ingressgateway-workload-service-account is also applied by field manager lightkube: two charms"
                + " would manage one ingress gateway. istio runs the gateway itself; remove whatever else manages it (for"
                + " Charmed Kubeflow's istio-gateway charm: juju remove-application <its name>)"), out.unitStatus().message());
    }

    @Test
    void anEmptyRewriteRoutesToThePrefixAsIstioPilotDoes() {
        RelationState ui = RelationState.of("ingress", "kfp-ui").withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n", "data", "port: 3000\nprefix: /pipeline/\nrewrite: ''\nservice: kfp-ui\n"));
        State out = ctx.run(Events.relationChanged(ui), base.withRelation(ui));
        assertEquals(Status.active(), out.unitStatus());
        GenericKubernetesResource vs = cluster.admin.genericKubernetesResources("networking.istio.io/v1", "VirtualService")
                .inNamespace(NS).withName("kfp-ui").get();
        @SuppressWarnings("unchecked")
        Map<String, Object> http = ((List<Map<String, Object>>) ((Map<String, Object>) vs.getAdditionalProperties()
                .get("spec")).get("http")).get(0);
        assertEquals(Map.of("uri", "/pipeline/"), http.get("rewrite"));
    }
}
