package io.jcharm.kubernetes;

import java.util.Objects;

/**
 * Which Kubernetes object: apiVersion, kind, namespace ({@code ""} when cluster-scoped) and name.
 *
 * <pre>{@code
 * ObjectRef r = new ObjectRef("apps/v1", "Deployment", "kubeflow", "mlflow");
 * r.toString();  // "Deployment kubeflow/mlflow"
 * r.group();     // "apps"
 * }</pre>
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

    public ObjectRef {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        namespace = namespace == null ? "" : namespace;
        Objects.requireNonNull(name, "name");
    }

    /** The API group: {@code ""} for the core group. */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    public boolean clusterScoped() {
        return namespace.isEmpty();
    }

    @Override
    public String toString() {
        return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
