package io.jcharm.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Kubeflow PodDefault ({@code kubeflow.org/v1alpha1}): what the admission webhook adds (env,
 * volumes, mounts) to every pod carrying {@code <label>: "true"}. The Kubeflow web apps offer a
 * PodDefault by the first key of its {@code matchLabels}. Built either as a plain manifest (what
 * a charm sends resource-dispatcher) or as an object to apply in a namespace.
 *
 * <pre>{@code
 * PodDefault pd = new PodDefault("access-mlflow", "Allow access to MLflow", "access-mlflow", List.of(
 *         PodDefault.env("MLFLOW_TRACKING_URI", uri),
 *         PodDefault.fromSecret("AWS_ACCESS_KEY_ID", "jupyter-s3-credentials")));
 * kube.componentIn(..., ns -> List.of(pd.resource(ns)));   // applied by the charm
 * KubernetesManifests.send(relation, List.of(pd.manifest()));  // for resource-dispatcher
 * }</pre>
 *
 * @param name the object's name
 * @param desc what the web apps show for it
 * @param label the pod label that selects it ({@code <label>: "true"})
 * @param env the container env entries ({@link #env}, {@link #fromSecret})
 * @param volumes pod volumes (none: neither volumes nor volumeMounts are written)
 * @param volumeMounts the containers' mounts of those volumes
 */
public record PodDefault(String name, String desc, String label, List<Map<String, Object>> env,
                         List<Map<String, Object>> volumes, List<Map<String, Object>> volumeMounts) {
    public static final String API_VERSION = "kubeflow.org/v1alpha1";
    public static final String KIND = "PodDefault";

    public PodDefault {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(desc, "desc");
        Objects.requireNonNull(label, "label");
        env = List.copyOf(env);
        volumes = List.copyOf(volumes);
        volumeMounts = List.copyOf(volumeMounts);
    }

    /** A PodDefault that sets only environment variables. */
    public PodDefault(String name, String desc, String label, List<Map<String, Object>> env) {
        this(name, desc, label, env, List.of(), List.of());
    }

    /** An env entry with a literal value. */
    public static Map<String, Object> env(String name, String value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("value", value);
        return m;
    }

    /** An env entry read from key {@code key} of Secret {@code secret} (the variable is named as the key). */
    public static Map<String, Object> fromSecret(String key, String secret) {
        return secretEnv(key, secretKeyRef(key, secret));
    }

    /**
     * As {@link #fromSecret}, stating {@code optional: false} (Kubernetes' default) as Charmed
     * MLflow's manifests for resource-dispatcher do.
     */
    public static Map<String, Object> fromRequiredSecret(String key, String secret) {
        Map<String, Object> ref = secretKeyRef(key, secret);
        ref.put("optional", false);
        return secretEnv(key, ref);
    }

    /** The spec: desc, selector, env, then volumes and volumeMounts when there are volumes. */
    public Map<String, Object> spec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("desc", desc);
        spec.put("selector", Map.of("matchLabels", Map.of(label, "true")));
        spec.put("env", env);
        if (!volumes.isEmpty()) {
            spec.put("volumes", volumes);
            spec.put("volumeMounts", volumeMounts);
        }
        return spec;
    }

    /** The whole object as plain maps, without a namespace (the receiver places it). */
    public Map<String, Object> manifest() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiVersion", API_VERSION);
        m.put("kind", KIND);
        m.put("metadata", Map.of("name", name));
        m.put("spec", spec());
        return m;
    }

    /** The object to apply in {@code namespace}. */
    public GenericKubernetesResource resource(String namespace) {
        GenericKubernetesResource pd = new GenericKubernetesResource();
        pd.setApiVersion(API_VERSION);
        pd.setKind(KIND);
        pd.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        pd.setAdditionalProperty("spec", spec());
        return pd;
    }

    private static Map<String, Object> secretKeyRef(String key, String secret) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("name", secret);
        ref.put("key", key);
        return ref;
    }

    private static Map<String, Object> secretEnv(String key, Map<String, Object> ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", key);
        m.put("valueFrom", Map.of("secretKeyRef", ref));
        return m;
    }
}
