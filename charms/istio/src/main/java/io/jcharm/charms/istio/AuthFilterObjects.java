package io.jcharm.charms.istio;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jcharm.kubernetes.Manifest;
import io.jcharm.relations.IngressAuth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The EnvoyFilter that puts an {@code ingress-auth} provider in front of the gateway, as
 * Charmed Kubeflow's istio-pilot writes it: named {@code <app>-authn-filter}, one HTTP_FILTER
 * patch per gateway port (8080 and 8443) inserting {@code envoy.filters.http.ext_authz} before
 * the HTTP connection manager's router, calling the provider's Service in our namespace with a
 * 10 s timeout and passing the allowed request and response headers.
 *
 * <pre>{@code
 * GenericKubernetesResource f = AuthFilterObjects.filter(
 *         new IngressAuth("oidc-gatekeeper", 8080, List.of("cookie"), List.of("kubeflow-userid")), "istio", "kubeflow");
 * f.getMetadata().getName();  // istio-authn-filter
 * }</pre>
 */
final class AuthFilterObjects {
    static final String EXT_AUTHZ_TYPE = "type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz";

    private AuthFilterObjects() {
    }

    static String name(String app) {
        return app + "-authn-filter";
    }

    static GenericKubernetesResource filter(IngressAuth auth, String app, String ns) {
        GenericKubernetesResource f = Manifest.load(AuthFilterObjects.class, "auth-filter.yaml")
                .single(GenericKubernetesResource.class);
        f.getMetadata().setName(name(app));
        // The provider is assumed to run in the gateway's namespace, as istio-pilot assumes.
        String host = auth.service() + "." + ns + ".svc.cluster.local";
        List<Object> patches = new ArrayList<>();
        for (int gatewayPort : List.of(GatewayObjects.HTTP_PORT, GatewayObjects.HTTPS_PORT)) {
            patches.add(patch(gatewayPort, host, auth));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) f.getAdditionalProperties().get("spec");
        spec.put("configPatches", patches);
        return f;
    }

    private static Map<String, Object> patch(int gatewayPort, String host, IngressAuth auth) {
        Map<String, Object> serverUri = new LinkedHashMap<>();
        serverUri.put("uri", "http://" + host + ":" + auth.port());
        serverUri.put("cluster", "outbound|" + auth.port() + "||" + host);
        serverUri.put("timeout", "10s");
        Map<String, Object> httpService = new LinkedHashMap<>();
        httpService.put("server_uri", serverUri);
        httpService.put("authorization_request", Map.of("allowed_headers", exact(auth.allowedRequestHeaders())));
        httpService.put("authorization_response", Map.of("allowed_upstream_headers", exact(auth.allowedResponseHeaders())));
        Map<String, Object> typedConfig = new LinkedHashMap<>();
        typedConfig.put("@type", EXT_AUTHZ_TYPE);
        typedConfig.put("http_service", httpService);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "envoy.filters.http.ext_authz");
        value.put("typed_config", typedConfig);
        Map<String, Object> listener = new LinkedHashMap<>();
        listener.put("portNumber", gatewayPort);
        listener.put("filterChain", Map.of("filter", Map.of("name", "envoy.filters.network.http_connection_manager")));
        Map<String, Object> match = new LinkedHashMap<>();
        match.put("context", "GATEWAY");
        match.put("listener", listener);
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("applyTo", "HTTP_FILTER");
        patch.put("match", match);
        // INSERT_BEFORE with no sibling named puts it first in the chain, ahead of the router.
        patch.put("patch", Map.of("operation", "INSERT_BEFORE", "value", value));
        return patch;
    }

    private static Map<String, Object> exact(List<String> headers) {
        return Map.of("patterns", headers.stream().map(h -> Map.of("exact", h)).toList());
    }
}
