package io.jcharm.charms.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * State-transition tests without a Kubernetes API: statuses that come before any apply, and the
 * relation data the charm writes. The Kubernetes side is in {@link IstioKubernetesTest}.
 */
class IstioCharmTest {
    static final String CERT = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";
    static final String KEY = "-----BEGIN PRIVATE KEY-----\nMIIEs3cr3t\n-----END PRIVATE KEY-----\n";
    private final Context ctx = Context.of(IstioCharm::new);
    private final State leader = State.empty().withLeader(true);

    private Status statusWith(Map<String, Object> config) {
        return ctx.run(Events.configChanged(), leader.withConfig(config)).unitStatus();
    }

    @Test
    void nonLeaderWaitsForLeadershipAndWritesNothing() {
        RelationState gw = RelationState.of("gateway-info", "seldon-core");
        State out = ctx.run(Events.relationJoined(gw), State.empty().withRelation(gw));
        assertEquals(Status.waiting("[leader] waiting for leadership"), out.unitStatus());
        assertEquals(Map.of(), out.relation(gw.id()).localAppData());
    }

    @Test
    void withoutAKubernetesApiTheLeaderIsBlockedSayingWhy() {
        State out = ctx.run(Events.install(), leader);
        assertEquals(Status.blocked("[istio-owner] no Kubernetes API to talk to: KUBECONFIG is not set in the hook environment"
                + " and this is not a pod (KUBERNETES_SERVICE_HOST is unset); deploy the charm to a Kubernetes model"),
                out.unitStatus());
        assertEquals(out.unitStatus(), out.appStatus());
    }

    @Test
    void gatewayServiceTypeMustBeOneOfTheThree() {
        assertEquals(Status.blocked("[config] invalid config gateway-service-type: must be one of LoadBalancer,"
                + " ClusterIP, NodePort, got \"Ingress\""), statusWith(Map.of("gateway-service-type", "Ingress")));
    }

    @Test
    void profileMustBeDefaultOrEdge() {
        assertEquals(Status.blocked("[config] invalid config profile: must be one of default, edge, got \"tiny\""),
                statusWith(Map.of("profile", "tiny")));
    }

    @Test
    void annotationsAreValidated() {
        assertEquals(Status.blocked("[config] invalid config gateway-annotations: key \"kubernetes.io/ingress.class\""
                + " uses the reserved prefix kubernetes.io/; Kubernetes owns those annotations"),
                statusWith(Map.of("gateway-annotations", "a=b,kubernetes.io/ingress.class=istio")));
        assertEquals(Status.blocked("[config] invalid config gateway-annotations: key \"k8s.io/x\" uses the reserved"
                + " prefix k8s.io/; Kubernetes owns those annotations"), statusWith(Map.of("gateway-annotations", "k8s.io/x=1")));
        assertEquals(Status.blocked("[config] invalid config gateway-annotations: \"novalue\" is not key=value; write"
                + " k=v,k2=v2"), statusWith(Map.of("gateway-annotations", "a=b,novalue")));
        assertEquals(Status.blocked("[config] invalid config gateway-annotations: key \"-bad\" is not a valid annotation"
                + " name: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"),
                statusWith(Map.of("gateway-annotations", "-bad=1")));
    }

    @Test
    void imageTagAndGatewayNameAreValidated() {
        assertEquals(Status.blocked("[config] invalid config image-tag: \"latest\" is not an Istio version tag such as"
                + " 1.28.0 or 1.28.0-distroless"), statusWith(Map.of("image-tag", "latest")));
        assertEquals(Status.blocked("[config] invalid config default-gateway: \"Kubeflow_Gateway\" is not a Kubernetes"
                + " name: use lowercase letters, digits and '-', at most 63 characters (e.g. kubeflow-gateway)"),
                statusWith(Map.of("default-gateway", "Kubeflow_Gateway")));
        assertEquals(Status.blocked("[config] invalid config image-hub: \"https://ghcr.io/x\" is not a registry path such"
                + " as docker.io/istio"), statusWith(Map.of("image-hub", "https://ghcr.io/x")));
    }

    @Test
    void tlsSecretMissingKeysBlocksNamingThemAndNeverShowsValues() {
        SecretState tls = SecretState.granted(Map.of("tls-crt", CERT));
        State out = ctx.run(Events.configChanged(), leader.withSecret(tls).withConfig(Map.of("tls-secret-id", tls.id())));
        assertEquals(Status.blocked("[tls] tls-secret-id " + tls.id() + " lacks tls-key: juju update-secret " + tls.id()
                + " tls-crt=\"$(cat cert.pem)\" tls-key=\"$(cat key.pem)\""), out.unitStatus());
        SecretState empty = SecretState.granted(Map.of("other", "x"));
        State none = ctx.run(Events.configChanged(), leader.withSecret(empty).withConfig(Map.of("tls-secret-id", empty.id())));
        assertTrue(none.unitStatus().message().contains(" lacks tls-crt and tls-key: "), none.unitStatus().message());
        assertFalse(out.logs().stream().anyMatch(l -> l.contains("MIIBfake")));
    }

    @Test
    void tlsSecretNotFoundBlocksSayingSo() {
        String id = "secret:cv0tmpd2ju3s6aaaaaaa";
        assertEquals(Status.blocked("[tls] tls-secret-id " + id + " was not found: create it with juju add-secret and"
                + " grant it with juju grant-secret " + id + " istio"), statusWith(Map.of("tls-secret-id", id)));
    }

    @Test
    void tlsValuesMustBePem() {
        SecretState tls = SecretState.granted(Map.of("tls-crt", "not a cert", "tls-key", KEY));
        State out = ctx.run(Events.secretChanged(tls), leader.withSecret(tls).withConfig(Map.of("tls-secret-id", tls.id())));
        assertEquals(Status.blocked("[tls] tls-secret-id " + tls.id() + ": tls-crt is not a PEM certificate"
                + " (-----BEGIN CERTIFICATE-----)"), out.unitStatus());
    }

    @Test
    void skippingAMinorVersionIsRefusedWithThePath() {
        State applied = leader.withStored(Map.of(IstioCharm.VERSION_KEY, "\"1.26.3\""));
        State out = ctx.run(Events.upgradeCharm(), applied);
        assertEquals(Status.blocked("[version] cannot move Istio from 1.26.3 to 1.28.0 in one step: upgrade 1.26 → 1.27"
                + " first, then 1.28"), out.unitStatus());
        State down = ctx.run(Events.configChanged(), applied.withConfig(Map.of("image-tag", "1.25.0")));
        assertEquals(Status.blocked("[version] cannot move Istio from 1.26.3 to 1.25.0: Istio does not support"
                + " downgrades; set image-tag back to 1.26.3 or a later 1.26 patch"), down.unitStatus());
    }

    @Test
    void ingressListsV1AndV2() {
        RelationState rel = RelationState.of("ingress", "jupyter-ui").withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n", "data", "port: 5000\nprefix: /jupyter/\nrewrite: /\nservice: jupyter-ui\n"));
        State out = ctx.run(Events.relationChanged(rel), leader.withRelation(rel));
        assertEquals(Map.of("_supported_versions", "- v1\n- v2\n"), out.relation(rel.id()).localAppData());
    }

    @Test
    void istioPilotPublishesIstiodAddressAsK8sService() {
        RelationState rel = RelationState.of("istio-pilot", "istio-ingressgateway")
                .withRemoteAppData(Map.of("_supported_versions", "- v1\n"));
        State out = ctx.run(Events.relationChanged(rel), leader.withRelation(rel));
        assertEquals(Map.of("_supported_versions", "- v1\n",
                "data", "service-name: istiod.test-model.svc\nservice-port: \"15012\"\n"), out.relation(rel.id()).localAppData());
    }

    @Test
    void gatewayInfoSaysTheGatewayIsDownUntilApplied() {
        RelationState rel = RelationState.of("gateway-info", "seldon-core");
        State out = ctx.run(Events.relationJoined(rel), leader.withConfig(Map.of("default-gateway", "kubeflow-gateway"))
                .withRelation(rel));
        assertEquals(Map.of("gateway_name", "kubeflow-gateway", "gateway_namespace", "test-model", "gateway_up", "false"),
                out.relation(rel.id()).localAppData());
    }

    @Test
    void metricsEndpointPublishesTheScrapeJobAndTopology() {
        RelationState rel = RelationState.of("metrics-endpoint", "prometheus");
        State out = ctx.run(Events.relationJoined(rel), leader.withRelation(rel));
        Map<String, String> bag = out.relation(rel.id()).localAppData();
        assertEquals("[{\"metrics_path\":\"/metrics\",\"static_configs\":[{\"targets\":[\"istiod.test-model.svc:15014\"]}]}]",
                bag.get("scrape_jobs"));
        assertEquals("{\"model\":\"test-model\",\"model_uuid\":\"00000000-0000-4000-8000-000000000000\","
                + "\"application\":\"istio\",\"unit\":\"istio/0\",\"charm_name\":\"istio\"}", bag.get("scrape_metadata"));
        assertEquals("{\"groups\":[]}", bag.get("alert_rules"));
    }

    @Test
    void removeOnAFollowerOrWithUnitsLeftDeletesNothing() {
        State follower = ctx.run(Events.remove(), State.empty().withPlannedUnits(0));
        assertTrue(follower.logs().stream().anyMatch(l -> l.contains("not the leader")), follower.logs().toString());
        State scaleDown = ctx.run(Events.remove(), leader.withPlannedUnits(2));
        assertTrue(scaleDown.logs().stream().anyMatch(l -> l.contains("2 unit(s) of istio remain")), scaleDown.logs().toString());
    }
}
