package io.jcharm.charms.seldoncore;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What list-models shows of a SeldonDeployment: its first predictor's server, replicas and
 * model URI, the protocol, and the state the manager reports in its status.
 *
 * <pre>{@code
 * SeldonDeploymentView v = SeldonDeploymentView.of(sd);
 * v.state();  // "Available", "Creating", "Failed", or "Unknown" before the manager saw it
 * }</pre>
 */
record SeldonDeploymentView(String name, String server, int replicas, String modelUri, String protocol, String state,
                            Optional<String> modelName) {
    /** The annotation serve-model records a Triton model's name in. */
    static final String MODEL_NAME = "jcharm.io/model-name";

    static SeldonDeploymentView of(GenericKubernetesResource sd) {
        Map<?, ?> spec = asMap(sd.getAdditionalProperties().get("spec"));
        Map<?, ?> status = asMap(sd.getAdditionalProperties().get("status"));
        Object predictors = spec.get("predictors");
        Map<?, ?> predictor = predictors instanceof List<?> l && !l.isEmpty() ? asMap(l.get(0)) : Map.of();
        Map<?, ?> graph = asMap(predictor.get("graph"));
        Object replicas = predictor.get("replicas");
        return new SeldonDeploymentView(sd.getMetadata().getName(),
                text(graph.get("implementation"), "UNKNOWN"),
                replicas instanceof Number n ? n.intValue() : 1,
                text(graph.get("modelUri"), ""),
                text(spec.get("protocol"), "seldon"),
                text(status.get("state"), "Unknown"),
                Optional.ofNullable(sd.getMetadata().getAnnotations()).map(a -> a.get(MODEL_NAME)));
    }

    private static Map<?, ?> asMap(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String text(Object o, String otherwise) {
        return o == null || o.toString().isEmpty() ? otherwise : o.toString();
    }
}
