package io.jcharm.charms.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.jcharm.core.Status;
import io.jcharm.kubernetes.Kubernetes;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The charm against fabric8's mock API server (CRUD): what it applies, prunes and removes. */
class IstioKubernetesTest extends IstioClusterTest {
    static final Set<String> REQUIRED_CRDS = Set.of("gateways.networking.istio.io", "virtualservices.networking.istio.io",
            "destinationrules.networking.istio.io", "serviceentries.networking.istio.io", "envoyfilters.networking.istio.io",
            "sidecars.networking.istio.io", "peerauthentications.security.istio.io",
            "authorizationpolicies.security.istio.io", "requestauthentications.security.istio.io");

    private Deployment deployment(String name) {
        return cluster.admin.apps().deployments().inNamespace(NS).withName(name).get();
    }

    private GenericKubernetesResource custom(String kind, String name) {
        return cluster.admin.genericKubernetesResources("networking.istio.io/v1", kind).inNamespace(NS).withName(name).get();
    }

    private Set<String> crdNames() {
        return cluster.admin.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
                .map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource r) {
        return (Map<String, Object>) r.getAdditionalProperties().get("spec");
    }

    @Test
    void installAppliesCrdsControlPlaneAndGatewayThenGoesActive() {
        State out = ctx.run(Events.install(), base);

        assertEquals(Status.active(), out.unitStatus());
        assertEquals("1.28.0", out.workloadVersion());
        assertEquals(Optional.of("\"1.28.0\""), out.storedValue(IstioCharm.VERSION_KEY));
        assertTrue(crdNames().containsAll(REQUIRED_CRDS), crdNames().toString());

        Deployment istiod = deployment("istiod");
        assertEquals("docker.io/istio/pilot:1.28.0", istiod.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertNull(istiod.getSpec().getReplicas(), "the default profile leaves replicas to the autoscaler");
        assertEquals(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("2Gi")),
                istiod.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests());
        assertEquals("istio", istiod.getMetadata().getLabels().get("app.juju.is/created-by"));
        assertEquals("control-plane", istiod.getMetadata().getLabels().get("jcharm.io/resource-set"));
        assertEquals("1.28.0", istiod.getMetadata().getLabels().get(ControlPlaneObjects.VERSION_LABEL));
        Map<String, String> env = new HashMap<>();
        istiod.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getValue() != null).forEach(e -> env.put(e.getName(), e.getValue()));
        assertEquals("istiod.kubeflow.svc:15012", env.get("ISTIOD_ADDR"));
        assertEquals("istio-sidecar-injector-kubeflow", env.get("INJECTION_WEBHOOK_CONFIG_NAME"));
        assertNotNull(cluster.admin.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("istiod").get());
        assertNotNull(cluster.admin.serviceAccounts().inNamespace(NS).withName("istiod").get());
        ClusterRoleBinding crb = cluster.admin.rbac().clusterRoleBindings().withName("istiod-clusterrole-kubeflow").get();
        assertEquals("istiod-clusterrole-kubeflow", crb.getRoleRef().getName());
        assertEquals(NS, crb.getSubjects().get(0).getNamespace());
        assertNotNull(cluster.admin.rbac().clusterRoles().withName("istiod-clusterrole-kubeflow").get());
        ConfigMap mesh = cluster.admin.configMaps().inNamespace(NS).withName("istio").get();
        assertTrue(mesh.getData().get("mesh").contains("rootNamespace: kubeflow"), mesh.getData().get("mesh"));
        assertTrue(mesh.getData().get("mesh").contains("discoveryAddress: istiod.kubeflow.svc:15012"));
        ConfigMap injector = cluster.admin.configMaps().inNamespace(NS).withName("istio-sidecar-injector").get();
        assertTrue(injector.getData().get("values").contains("\"hub\":\"docker.io/istio\""));
        assertEquals(NS, cluster.admin.admissionRegistration().v1().mutatingWebhookConfigurations()
                .withName("istio-sidecar-injector-kubeflow").get().getWebhooks().get(0).getClientConfig().getService().getNamespace());
        assertNotNull(cluster.admin.admissionRegistration().v1().validatingWebhookConfigurations()
                .withName("istio-validator-kubeflow").get());
        Service istiodSvc = cluster.admin.services().inNamespace(NS).withName("istiod").get();
        assertTrue(istiodSvc.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == 15012));

        Deployment gw = deployment(GatewayObjects.WORKLOAD);
        assertEquals("docker.io/istio/proxyv2:1.28.0", gw.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals(GatewayObjects.SERVICE_ACCOUNT, gw.getSpec().getTemplate().getSpec().getServiceAccountName());
        assertNotNull(cluster.admin.serviceAccounts().inNamespace(NS).withName(GatewayObjects.SERVICE_ACCOUNT).get());
        assertNotNull(cluster.admin.rbac().roles().inNamespace(NS).withName(GatewayObjects.SDS_ROLE).get());
        assertNotNull(cluster.admin.rbac().roleBindings().inNamespace(NS).withName(GatewayObjects.SDS_ROLE).get());
        assertEquals("LoadBalancer", cluster.admin.services().inNamespace(NS).withName(GatewayObjects.WORKLOAD).get()
                .getSpec().getType());
        GenericKubernetesResource gateway = custom("Gateway", "istio-gateway");
        assertEquals(Map.of("selector", Map.of("istio", "ingressgateway"), "servers", List.of(Map.of("hosts", List.of("*"),
                "port", Map.of("number", 8080, "name", "http", "protocol", "HTTP")))), spec(gateway));
        assertEquals("gateway", gateway.getMetadata().getLabels().get("jcharm.io/resource-set"));
    }

    @Test
    void edgeProfileRunsOneSmallReplicaEachAndPrunesTheAutoscalers() {
        State first = ctx.run(Events.install(), base);
        assertEquals(2, cluster.admin.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).list().getItems().size());

        State edge = ctx.run(Events.configChanged(), first.withConfig(Map.of("profile", "edge",
                "gateway-service-type", "NodePort", "gateway-annotations", "metallb.universe.tf/loadBalancerIPs=10.0.0.5,team=ml")));

        assertEquals(Status.active(), edge.unitStatus());
        assertEquals(List.of(), cluster.admin.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).list().getItems());
        for (String name : List.of("istiod", GatewayObjects.WORKLOAD)) {
            Deployment d = deployment(name);
            assertEquals(1, d.getSpec().getReplicas(), name);
            assertNotNull(d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits(), name);
        }
        assertEquals(new Quantity("40Mi"), deployment(GatewayObjects.WORKLOAD).getSpec().getTemplate().getSpec()
                .getContainers().get(0).getResources().getRequests().get("memory"));
        Service svc = cluster.admin.services().inNamespace(NS).withName(GatewayObjects.WORKLOAD).get();
        assertEquals("NodePort", svc.getSpec().getType());
        assertEquals("10.0.0.5", svc.getMetadata().getAnnotations().get("metallb.universe.tf/loadBalancerIPs"));
        assertEquals("ml", svc.getMetadata().getAnnotations().get("team"));
    }

    @Test
    void tlsSecretMakesTheGatewayServeHttpsAndRemovingItGoesBackToHttp() {
        SecretState tls = SecretState.granted(Map.of("tls-crt", IstioCharmTest.CERT, "tls-key", IstioCharmTest.KEY));
        State https = ctx.run(Events.configChanged(), base.withSecret(tls)
                .withConfig(Map.of("default-gateway", "kubeflow-gateway", "tls-secret-id", tls.id())));

        assertEquals(Status.active(), https.unitStatus());
        assertEquals(List.of(Map.of("hosts", List.of("*"), "port", Map.of("number", 8443, "name", "https", "protocol", "HTTPS"),
                "tls", Map.of("mode", "SIMPLE", "credentialName", "kubeflow-gateway-gateway-secret"))),
                spec(custom("Gateway", "kubeflow-gateway")).get("servers"));
        Secret secret = cluster.admin.secrets().inNamespace(NS).withName("kubeflow-gateway-gateway-secret").get();
        assertEquals("kubernetes.io/tls", secret.getType());
        assertEquals(IstioCharmTest.KEY, new String(Base64.getDecoder().decode(secret.getData().get("tls.key")),
                StandardCharsets.UTF_8));
        assertFalse(https.logs().stream().anyMatch(l -> l.contains("MIIEs3cr3t")), "the key is never logged");

        State http = ctx.run(Events.configChanged(), https.withConfig(Map.of("default-gateway", "kubeflow-gateway")));
        assertEquals(Status.active(), http.unitStatus());
        assertNull(cluster.admin.secrets().inNamespace(NS).withName("kubeflow-gateway-gateway-secret").get(), "pruned");
        assertEquals(8080, ((Map<?, ?>) ((Map<?, ?>) ((List<?>) spec(custom("Gateway", "kubeflow-gateway")).get("servers"))
                .get(0)).get("port")).get("number"));
    }

    @Test
    void eachRouteIsAVirtualServiceAndARouteGoesWithItsRelation() {
        RelationState jupyter = RelationState.of("ingress", "jupyter-ui").withId(3).withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n", "data", "port: 5000\nprefix: /jupyter/\nrewrite: /\nservice: jupyter-ui\n"));
        RelationState mlflow = RelationState.of("ingress", "mlflow").withId(4).withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n- v2\n", "data", "namespace: mlops\nport: 5000\nprefix: /mlflow/\nservice: mlflow-server\n"));
        RelationState info = RelationState.of("gateway-info", "seldon-core");
        State in = base.withConfig(Map.of("default-gateway", "kubeflow-gateway")).withRelation(jupyter).withRelation(mlflow)
                .withRelation(info);

        State out = ctx.run(Events.relationChanged(mlflow), in);

        assertEquals(Status.active(), out.unitStatus());
        assertEquals(Map.of("gateway_name", "kubeflow-gateway", "gateway_namespace", NS, "gateway_up", "true"),
                out.relation(info.id()).localAppData());
        assertEquals("- v1\n- v2\n", out.relation(4).localAppData().get("_supported_versions"));
        assertEquals(Map.of("hosts", List.of("*"), "gateways", List.of("kubeflow/kubeflow-gateway"), "http", List.of(Map.of(
                "match", List.of(Map.of("uri", Map.of("prefix", "/jupyter/"))),
                "rewrite", Map.of("uri", "/"),
                "route", List.of(Map.of("destination", Map.of("host", "jupyter-ui.kubeflow.svc.cluster.local",
                        "port", Map.of("number", 5000))))))), spec(custom("VirtualService", "jupyter-ui")));
        GenericKubernetesResource ml = custom("VirtualService", "mlflow-server");
        assertEquals("routes", ml.getMetadata().getLabels().get("jcharm.io/resource-set"));
        @SuppressWarnings("unchecked")
        Map<String, Object> http = ((List<Map<String, Object>>) spec(ml).get("http")).get(0);
        assertEquals(Map.of("uri", "/mlflow/"), http.get("rewrite"), "no rewrite asked for: the prefix");
        assertEquals(List.of(Map.of("destination", Map.of("host", "mlflow-server.mlops.svc.cluster.local",
                "port", Map.of("number", 5000)))), http.get("route"));

        State gone = ctx.run(Events.relationBroken(jupyter), out);
        assertEquals(Status.active(), gone.unitStatus());
        assertNull(custom("VirtualService", "jupyter-ui"), "the departed relation's route is pruned");
        assertNotNull(custom("VirtualService", "mlflow-server"), "the other route stays");
    }

    @Test
    void anIngressRelationThatCannotBeServedDoesNotHoldBackTheOthers() {
        RelationState good = RelationState.of("ingress", "kfp-ui").withId(5).withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n", "data", "port: 3000\nprefix: /pipeline\nservice: kfp-ui\n"));
        RelationState silent = RelationState.of("ingress", "newcomer").withId(6);
        State waiting = ctx.run(Events.relationCreated(silent), base.withRelation(good).withRelation(silent));
        assertEquals(Status.waiting("[ingress] List of ingress versions not found for apps: newcomer"), waiting.unitStatus());
        assertNotNull(custom("VirtualService", "kfp-ui"));

        RelationState twin = RelationState.of("ingress", "kfp-ui-copy").withId(7).withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n", "data", "port: 80\nprefix: /other\nservice: kfp-ui\n"));
        State clash = ctx.run(Events.relationChanged(twin), waiting.withoutRelation(6).withRelation(twin));
        assertEquals(Status.blocked("[ingress] routes from kfp-ui and kfp-ui-copy both name service kfp-ui; each"
                + " VirtualService is named after its service, so only the first is served: remove one relation"
                + " (juju remove-relation istio:ingress kfp-ui-copy)"), clash.unitStatus());
        assertEquals("/pipeline", ((Map<?, ?>) ((Map<?, ?>) ((List<?>) ((Map<?, ?>) ((List<?>) spec(custom("VirtualService",
                "kfp-ui")).get("http")).get(0)).get("match")).get(0)).get("uri")).get("prefix"));

        RelationState future = RelationState.of("ingress", "future").withId(8)
                .withRemoteAppData(Map.of("_supported_versions", "- v9\n"));
        State none = ctx.run(Events.relationChanged(future), clash.withoutRelation(7).withRelation(future));
        assertEquals(Status.blocked("[ingress] No compatible ingress versions found for apps: future"), none.unitStatus());

        RelationState malformed = future.withRemoteAppData(Map.of("_supported_versions", "- v1\n",
                "data", "port: eighty\nservice: bad\n"));
        State invalid = ctx.run(Events.relationChanged(malformed), none.withRelation(malformed));
        assertEquals(Status.blocked("[ingress] Failed to validate data on ingress:8 from future: 'port' must be of type"
                + " integer, got eighty; 'prefix' is a required property"), invalid.unitStatus());

        RelationState noSlash = future.withRemoteAppData(Map.of("_supported_versions", "- v1\n",
                "data", "port: 80\nprefix: api\nservice: api\n"));
        State prefix = ctx.run(Events.relationChanged(noSlash), invalid.withRelation(noSlash));
        assertEquals(Status.blocked("[ingress] route from future on ingress:8: prefix \"api\" must start with /"),
                prefix.unitStatus());
        assertNull(custom("VirtualService", "api"));
        assertNotNull(custom("VirtualService", "kfp-ui"), "the valid route was served throughout");
    }

    @Test
    void istioPilotWaitsForTheRequirersVersionsWhileEverythingElseIsApplied() {
        RelationState pilot = RelationState.of("istio-pilot", "istio-ingressgateway");
        State out = ctx.run(Events.relationCreated(pilot), base.withRelation(pilot));
        assertEquals(Status.waiting("[istio-pilot] List of istio-pilot versions not found for apps: istio-ingressgateway"),
                out.unitStatus());
        assertEquals(Map.of("_supported_versions", "- v1\n"), out.relation(pilot.id()).localAppData());
        assertNotNull(deployment("istiod"));
    }

    @Test
    void upgradesApplyNewImagesOneMinorAtATimeAndANewLeaderChecksTheCluster() {
        State old = ctx.run(Events.install(), base.withConfig(Map.of("image-tag", "1.27.2")));
        assertEquals("docker.io/istio/proxyv2:1.27.2", deployment(GatewayObjects.WORKLOAD).getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage());

        State upgraded = ctx.run(Events.upgradeCharm(), old.withConfig(Map.of()));
        assertEquals(Status.active(), upgraded.unitStatus());
        assertEquals("docker.io/istio/pilot:1.28.0", deployment("istiod").getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage());
        assertEquals("docker.io/istio/proxyv2:1.28.0", deployment(GatewayObjects.WORKLOAD).getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage());
        assertEquals(Optional.of("\"1.28.0\""), upgraded.storedValue(IstioCharm.VERSION_KEY));

        // Another unit became leader: it has no unit state, so it reads the version from istiod's label.
        State newLeader = ctx.run(Events.leaderElected(), base.withConfig(Map.of("image-tag", "1.26.1")));
        assertEquals(Status.blocked("[version] cannot move Istio from 1.28.0 to 1.26.1: Istio does not support downgrades;"
                + " set image-tag back to 1.28.0 or a later 1.28 patch"), newLeader.unitStatus());
        assertEquals("docker.io/istio/pilot:1.28.0", deployment("istiod").getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage(), "nothing applied");
    }

    @Test
    void removeDeletesRoutesThenGatewayThenControlPlaneAndKeepsTheCrds() {
        RelationState route = RelationState.of("ingress", "kfp-ui").withRemoteAppData(Map.of(
                "_supported_versions", "- v1\n", "data", "port: 3000\nprefix: /pipeline\nservice: kfp-ui\n"));
        State installed = ctx.run(Events.relationChanged(route), base.withRelation(route));
        assertEquals(Status.active(), installed.unitStatus());
        cluster.charmRequests();

        ctx.run(Events.remove(), installed.withoutRelation(route.id()).withPlannedUnits(0));

        List<String> deletes = cluster.charmRequests().stream().filter(r -> r.startsWith("DELETE ")).toList();
        int vs = indexOf(deletes, "/virtualservices/kfp-ui");
        int gateway = indexOf(deletes, "/gateways/istio-gateway");
        int gatewayWorkload = indexOf(deletes, "/deployments/" + GatewayObjects.WORKLOAD);
        int istiod = indexOf(deletes, "/deployments/istiod");
        int webhook = indexOf(deletes, "/mutatingwebhookconfigurations/istio-sidecar-injector-kubeflow");
        assertTrue(vs < gateway && gateway < gatewayWorkload && gatewayWorkload < webhook && webhook < istiod, deletes.toString());
        assertTrue(deletes.stream().noneMatch(d -> d.contains("/customresourcedefinitions/")), deletes.toString());
        assertNull(deployment("istiod"));
        assertNull(deployment(GatewayObjects.WORKLOAD));
        assertNull(cluster.admin.rbac().clusterRoles().withName("istiod-clusterrole-kubeflow").get());
        assertTrue(crdNames().containsAll(REQUIRED_CRDS), "CRDs hold users' objects: kept");
        assertNull(cluster.admin.configMaps().inNamespace(NS).withName("jcharm-istio-crds").get(),
                "the kept set's inventory goes with the application");
        assertTrue(cluster.admin.configMaps().inNamespace(NS).list().getItems().stream()
                .noneMatch(c -> c.getMetadata().getName().startsWith("jcharm-istio-")), "no inventory is left behind");
    }

    @Test
    void purgeOnRemoveAlsoDeletesTheCrdsLast() {
        State installed = ctx.run(Events.install(), base.withConfig(Map.of("purge-on-remove", true)));
        cluster.charmRequests();

        ctx.run(Events.remove(), installed.withPlannedUnits(0));

        List<String> deletes = cluster.charmRequests().stream().filter(r -> r.startsWith("DELETE ")).toList();
        assertTrue(indexOf(deletes, "/deployments/istiod") < indexOf(deletes, "/customresourcedefinitions/"), deletes.toString());
        assertEquals(Set.of(), crdNames().stream().filter(n -> n.endsWith("istio.io")).collect(Collectors.toSet()));
    }

    @Test
    void aRefusedApplySaysDeployWithTrust() {
        cluster.server.expect().post().withPath("/apis/apiextensions.k8s.io/v1/customresourcedefinitions")
                .andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden").build()).always();
        State out = ctx.run(Events.install(), base);
        assertEquals(Status.blocked("[crds] Kubernetes API refused create CustomResourceDefinition: deploy with --trust"),
                out.unitStatus());
        assertNull(deployment("istiod"), "nothing after the CRDs is applied");
    }

    private static int indexOf(List<String> requests, String pathPart) {
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).contains(pathPart)) {
                return i;
            }
        }
        throw new AssertionError("no request for " + pathPart + " in " + requests);
    }

}
