package io.jcharm.charms.istio;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.jcharm.kubernetes.Manifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ingress gateway as fabric8 objects: Envoy's Deployment, Service, identity, SDS role, the
 * default Gateway and, with TLS, its credential Secret.
 *
 * <pre>{@code
 * List<HasMetadata> gw = GatewayObjects.desired(cfg, "kubeflow", Optional.empty());  // HTTP on 8080
 * }</pre>
 */
final class GatewayObjects {
    static final String WORKLOAD = "istio-ingressgateway-workload";
    static final String SERVICE_ACCOUNT = "istio-ingressgateway-workload-service-account";
    static final String SDS_ROLE = "istio-ingressgateway-workload-sds";
    static final int HTTP_PORT = 8080;
    static final int HTTPS_PORT = 8443;

    private GatewayObjects() {
    }

    static List<HasMetadata> desired(IstioConfig cfg, String ns, Optional<TlsMaterial> tls) {
        Sizing size = Sizing.gateway(cfg);
        Manifest m = Manifest.load(GatewayObjects.class, "gateway.yaml")
                .rename("istio-gateway", cfg.defaultGateway())
                .image("istio-proxy", cfg.proxyImage())
                .edit(RoleBinding.class, SDS_ROLE, b -> b.getSubjects().forEach(s -> s.setNamespace(ns)))
                .edit(Service.class, WORKLOAD, s -> {
                    s.getSpec().setType(cfg.gatewayServiceType());
                    s.getMetadata().setAnnotations(cfg.annotations().isEmpty() ? null : new LinkedHashMap<>(cfg.annotations()));
                })
                .edit(Deployment.class, WORKLOAD, d -> {
                    var container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
                    container.getEnv().add(new EnvVar("CA_ADDR", ControlPlaneObjects.ISTIOD + "." + ns + ".svc:15012", null));
                    container.getEnv().add(new EnvVar("ISTIO_META_OWNER",
                            "kubernetes://apis/apps/v1/namespaces/" + ns + "/deployments/" + WORKLOAD, null));
                    container.setResources(ControlPlaneObjects.resources(size));
                    d.getSpec().setReplicas(size.autoscale() ? null : 1);
                })
                .edit(GenericKubernetesResource.class, cfg.defaultGateway(),
                        g -> g.setAdditionalProperty("spec", gatewaySpec(cfg, tls.isPresent())));
        List<HasMetadata> out = new ArrayList<>(m.objects());
        tls.ifPresent(t -> out.add(tlsSecret(cfg.tlsSecretName(), t)));
        if (size.autoscale()) {
            out.add(ControlPlaneObjects.autoscaler(WORKLOAD));
        }
        return out;
    }

    /** One server: HTTP on 8080, or HTTPS on 8443 with the credential Secret (as Charmed Kubeflow). */
    static Map<String, Object> gatewaySpec(IstioConfig cfg, boolean https) {
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("number", https ? HTTPS_PORT : HTTP_PORT);
        port.put("name", https ? "https" : "http");
        port.put("protocol", https ? "HTTPS" : "HTTP");
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("hosts", List.of("*"));
        server.put("port", port);
        if (https) {
            server.put("tls", Map.of("mode", "SIMPLE", "credentialName", cfg.tlsSecretName()));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selector", Map.of("istio", "ingressgateway"));
        spec.put("servers", List.of(server));
        return spec;
    }

    private static Secret tlsSecret(String name, TlsMaterial tls) {
        Base64.Encoder b64 = Base64.getEncoder();
        return new SecretBuilder().withNewMetadata().withName(name).endMetadata().withType("kubernetes.io/tls")
                .addToData("tls.crt", b64.encodeToString(tls.certificate().getBytes(StandardCharsets.UTF_8)))
                .addToData("tls.key", b64.encodeToString(tls.key().getBytes(StandardCharsets.UTF_8)))
                .build();
    }
}
