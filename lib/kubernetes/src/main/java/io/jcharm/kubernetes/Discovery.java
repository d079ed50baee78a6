package io.jcharm.kubernetes;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a kind lives in the API (plural, scope): built-in kinds from fabric8's model classes
 * without a request, others from the API server's discovery for their group version. Only
 * found group versions are cached: a CRD applied a moment ago must become visible.
 */
final class Discovery {
    private final KubernetesClient client;
    private final ApiCalls calls;
    private final Map<String, APIResourceList> found = new HashMap<>();

    Discovery(KubernetesClient client, ApiCalls calls) {
        this.client = client;
        this.calls = calls;
    }

    /** The kind's API, or empty when the server does not serve it (no CRD installed). */
    Optional<ResourceDefinitionContext> context(String apiVersion, String kind) {
        Class<? extends KubernetesResource> type =
                client.getKubernetesSerialization().getRegisteredKubernetesResource(apiVersion, kind);
        if (type != null && HasMetadata.class.isAssignableFrom(type) && type != GenericKubernetesResource.class) {
            return Optional.of(ResourceDefinitionContext.fromResourceType(type));
        }
        APIResourceList list = found.get(apiVersion);
        if (list == null) {
            list = calls.call("get", "APIResourceList", apiVersion, a -> {
                try {
                    return client.getApiResources(apiVersion);
                } catch (KubernetesClientException e) {
                    if (e.getCode() == 404) {
                        return null;
                    }
                    throw e;
                }
            });
            if (list == null) {
                return Optional.empty();
            }
            found.put(apiVersion, list);
        }
        for (APIResource r : list.getResources()) {
            if (kind.equals(r.getKind()) && !r.getName().contains("/")) {
                return Optional.of(ResourceDefinitionContext.fromApiResource(apiVersion, r));
            }
        }
        return Optional.empty();
    }
}
