package io.jcharm.charms.seldoncore;

import io.jcharm.relations.GatewayInfo;
import java.util.Optional;

/**
 * The serve-model action's parameters (bound from actions.yaml's {@code name}, {@code model-uri},
 * {@code server}, {@code replicas}, {@code secret} and {@code model-name}), checked beyond what actions.yaml can say (the SDK has
 * already checked types, the server enum, the name pattern and the replicas range).
 *
 * <pre>{@code
 * ServeRequest r = ServeRequest.of("iris", "gs://seldon-models/sklearn/iris", "SKLEARN_SERVER", 1, Optional.empty(),
 *         Optional.empty());
 * r.endpoint("kubeflow", "seldon", Optional.empty());
 * // http://iris-default.kubeflow.svc.cluster.local:8000/api/v1.0/predictions
 * }</pre>
 */
record ServeRequest(String name, String modelUri, String server, int replicas, Optional<String> secret,
                    Optional<String> modelName) {
    /** Seldon names the predictor's Service {@code <name>-default}; this keeps it a DNS label. */
    static final int MAX_NAME = 50;
    static final String PREDICTOR = "default";
    /** The Service of the Istio ingress gateway, as our istio charm and Charmed Kubeflow name it. */
    static final String GATEWAY_SERVICE = "istio-ingressgateway-workload";

    /**
     * Checks the parameters.
     *
     * @throws IllegalArgumentException with the reason, shown as the action's failure (the model URI is
     *     ModelSource's to check)
     */
    static ServeRequest of(String name, String modelUri, String server, int replicas, Optional<String> secret,
                           Optional<String> modelName) {
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException("name \"" + name + "\" is " + name.length() + " characters; at most "
                    + MAX_NAME + " (Seldon derives names such as " + name + "-" + PREDICTOR + " from it)");
        }
        if (modelName.isPresent() && !"TRITON_SERVER".equals(server)) {
            throw new IllegalArgumentException("model-name is for TRITON_SERVER, whose repository names its models;"
                    + " " + server + " serves the model as " + name);
        }
        return new ServeRequest(name, modelUri.trim(), server, replicas, secret, modelName);
    }

    /**
     * Where clients send predictions: through the Istio gateway when gateway-info gives one
     * (Seldon's route prefix /seldon/&lt;namespace&gt;/&lt;name&gt;/), else the predictor's
     * in-cluster Service; v2 servers answer at /v2/models/&lt;model&gt;/infer, the model being
     * {@code modelName} (Triton's name for it in its repository) or else the graph node's name.
     */
    String endpoint(String namespace, String protocol, Optional<GatewayInfo> gateway) {
        String path = "v2".equals(protocol) ? "/v2/models/" + modelName.orElse(name) + "/infer" : "/api/v1.0/predictions";
        if (gateway.isPresent()) {
            return "http://" + GATEWAY_SERVICE + "." + gateway.get().namespace() + ".svc.cluster.local/seldon/" + namespace
                    + "/" + name + path;
        }
        return "http://" + name + "-" + PREDICTOR + "." + namespace + ".svc.cluster.local:" + ManagerLayer.EXECUTOR_PORT
                + path;
    }
}
