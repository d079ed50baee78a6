package io.jcharm.relations;

import io.jcharm.core.Relation;
import java.util.List;
import java.util.Map;

/**
 * The requirer side of {@code kubernetes_manifest} (resource-dispatcher's {@code secrets} and
 * {@code pod-defaults} endpoints): the app-bag key {@code kubernetes_manifests} holds a JSON list
 * of Kubernetes objects, which resource-dispatcher copies into every user profile namespace.
 *
 * <pre>{@code
 * KubernetesManifests.send(relation, List.of(Map.of("apiVersion", "v1", "kind", "Secret", ...)));
 * }</pre>
 */
public final class KubernetesManifests {
    static final String KEY = "kubernetes_manifests";

    private KubernetesManifests() {
    }

    /** Writes the manifests (leader only; a no-op elsewhere). */
    public static void send(Relation relation, List<Map<String, Object>> manifests) {
        if (relation.localApp().writable()) {
            relation.localApp().putJson(KEY, manifests);
        }
    }
}
