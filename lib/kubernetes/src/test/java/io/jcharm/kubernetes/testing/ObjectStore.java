package io.jcharm.kubernetes.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the mock API server's CRUD store directly: every object, whatever its kind. */
final class ObjectStore {
    private ObjectStore() {
    }

    private static List<String> values(KubernetesCrudDispatcher crud) {
        while (true) {
            try {
                return List.copyOf(crud.getMap().values());
            } catch (ConcurrentModificationException e) {
                // the CRD controller wrote meanwhile: read again
            }
        }
    }

    static Map<String, String> snapshot(KubernetesMixedDispatcher dispatcher, KubernetesClient client) {
        KubernetesCrudDispatcher crud;
        try {
            // fabric8 keeps the store private in the mixed dispatcher; listing every kind through the
            // API would need discovery the mock does not serve, so the snapshot reads the store itself.
            java.lang.reflect.Field f = KubernetesMixedDispatcher.class.getDeclaredField("kubernetesCrudDispatcher");
            f.setAccessible(true);
            crud = (KubernetesCrudDispatcher) f.get(dispatcher);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this fabric8 mock server keeps its store elsewhere; update"
                    + " ObjectStore for the kubernetes-server-mock version in the root pom", e);
        }
        Map<String, String> out = new TreeMap<>();
        for (String json : values(crud)) {
            {
                GenericKubernetesResource r = client.getKubernetesSerialization().unmarshal(json, GenericKubernetesResource.class);
                r.getMetadata().setResourceVersion(null);
                r.getMetadata().setGeneration(null);
                r.getMetadata().setManagedFields(null);
                out.put(r.getApiVersion() + "/" + r.getKind() + "/" + (r.getMetadata().getNamespace() == null ? ""
                        : r.getMetadata().getNamespace()) + "/" + r.getMetadata().getName(),
                        client.getKubernetesSerialization().asJson(r));
            }
        }
        return out;
    }
}
