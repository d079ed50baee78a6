package io.jcharm.charms.istio;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jcharm.kubernetes.Manifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One VirtualService per ingress route, bound to the default Gateway, as Charmed Kubeflow's
 * istio-pilot writes them: hosts *, a prefix match, a rewrite (the prefix when none was asked
 * for) and the route's service as destination.
 *
 * <pre>{@code
 * List<HasMetadata> vs = RouteObjects.desired(routes, "kubeflow", "kubeflow-gateway");
 * }</pre>
 */
final class RouteObjects {
    static final String GROUP_VERSION = "networking.istio.io/v1";

    private RouteObjects() {
    }

    /** The VirtualServices in {@code ns}, for the Gateway {@code <ns>/<gateway>}. */
    static List<HasMetadata> desired(List<Route> routes, String ns, String gateway) {
        return routes.stream().<HasMetadata>map(r -> virtualService(r, ns, gateway)).toList();
    }

    static GenericKubernetesResource virtualService(Route r, String ns, String gateway) {
        GenericKubernetesResource vs = Manifest.load(RouteObjects.class, "virtual-service.yaml")
                .single(GenericKubernetesResource.class);
        vs.getMetadata().setName(r.name());
        vs.getMetadata().setLabels(Map.of("jcharm.io/ingress-app", r.remoteApp()));
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("match", List.of(Map.of("uri", Map.of("prefix", r.route().prefix()))));
        http.put("rewrite", Map.of("uri", r.route().rewriteOrPrefix()));
        http.put("route", List.of(Map.of("destination",
                Map.of("host", r.destinationHost(ns), "port", Map.of("number", r.route().port())))));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) vs.getAdditionalProperties().get("spec");
        spec.put("gateways", List.of(ns + "/" + gateway));
        spec.put("http", List.of(http));
        return vs;
    }
}
