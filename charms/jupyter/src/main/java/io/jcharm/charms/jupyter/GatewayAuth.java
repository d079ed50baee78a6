package io.jcharm.charms.jupyter;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jcharm.kubernetes.Kubernetes;
import io.jcharm.relations.GatewayInfo;
import java.util.List;
import java.util.Optional;

/**
 * Whether the gateway authenticates requests, told to the user in the Active message: the web
 * app runs without authorization (there are no profiles) and notebooks have none of their own,
 * so without an authenticating gateway anyone who reaches it can use them. The gateway
 * authenticates when an EnvoyFilter in its namespace puts ext_authz in front of it, which is
 * how istio (ours and Charmed Kubeflow's istio-pilot) applies an ingress-auth provider.
 *
 * <pre>{@code
 * model.setActiveMessage(GatewayAuth.message(kube, gateway));
 * }</pre>
 */
final class GatewayAuth {
    static final ResourceDefinitionContext ENVOY_FILTERS = new ResourceDefinitionContext.Builder()
            .withGroup("networking.istio.io").withVersion("v1alpha3").withKind("EnvoyFilter")
            .withPlural("envoyfilters").withNamespaced(true).build();
    static final String EXT_AUTHZ = "ext_authz";
    static final String NO_GATEWAY = "UI open to anyone inside the cluster: no gateway-info, no authentication";

    private GatewayAuth() {
    }

    /** The Active message: "" behind an authenticating gateway, else who can reach the UI. */
    static String message(Kubernetes kube, Optional<GatewayInfo> gateway) {
        if (gateway.isEmpty()) {
            return NO_GATEWAY;
        }
        GatewayInfo gw = gateway.get();
        if (authenticated(kube, gw.namespace())) {
            return "";
        }
        return "UI and notebooks open to anyone reaching gateway " + gw.qualifiedName()
                + ": relate istio ingress-auth to an auth provider (see README)";
    }

    private static boolean authenticated(Kubernetes kube, String namespace) {
        List<GenericKubernetesResource> filters;
        try {
            filters = kube.client().genericKubernetesResources(ENVOY_FILTERS).inNamespace(namespace).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false; // no EnvoyFilter CRD: no Istio filter at all
            }
            throw e;
        }
        return filters.stream().anyMatch(f -> String.valueOf(f.getAdditionalProperties().get("spec")).contains(EXT_AUTHZ));
    }
}
