package io.jcharm.charms.seldoncore;

import io.jcharm.relations.GatewayInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The serve-model action's parameters (bound from actions.yaml's {@code name}, {@code model-uri},
 * {@code server} and {@code replicas}), checked beyond what actions.yaml can say (the SDK has
 * already checked types, the server enum, the name pattern and the replicas range).
 *
 * <pre>{@code
 * ServeRequest r = ServeRequest.of("iris", "gs://seldon-models/sklearn/iris", "SKLEARN_SERVER", 1);
 * r.endpoint("kubeflow", "seldon", Optional.empty());
 * // http://iris-default.kubeflow.svc.cluster.local:8000/api/v1.0/predictions
 * }</pre>
 */
record ServeRequest(String name, String modelUri, String server, int replicas) {
    /** Seldon names the predictor's Service {@code <name>-default}; this keeps it a DNS label. */
    static final int MAX_NAME = 50;
    /** What Seldon's storage initializer can fetch. */
    static final Set<String> SCHEMES = Set.of("gs", "s3", "https", "pvc");
    static final String PREDICTOR = "default";
    /** The Service of the Istio ingress gateway, as our istio charm and Charmed Kubeflow name it. */
    static final String GATEWAY_SERVICE = "istio-ingressgateway-workload";

    /**
     * Checks the parameters.
     *
     * @throws IllegalArgumentException with the reason, shown as the action's failure
     */
    static ServeRequest of(String name, String modelUri, String server, int replicas) {
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException("name \"" + name + "\" is " + name.length() + " characters; at most "
                    + MAX_NAME + " (Seldon derives names such as " + name + "-" + PREDICTOR + " from it)");
        }
        URI uri;
        try {
            uri = new URI(modelUri.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("model-uri \"" + modelUri + "\" is not a URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("model-uri \"" + modelUri + "\" has " + (scheme.isEmpty() ? "no scheme"
                    : "scheme " + scheme) + "; use gs://, s3://, https:// or pvc:// (what Seldon's storage initializer fetches)");
        }
        String where = uri.getAuthority();
        if (where == null || where.isBlank()) {
            throw new IllegalArgumentException("model-uri \"" + modelUri + "\" names no " + switch (scheme) {
                case "pvc" -> "PersistentVolumeClaim (pvc://<claim>/<path>)";
                case "https" -> "host (https://<host>/<path>)";
                default -> "bucket (" + scheme + "://<bucket>/<path>)";
            });
        }
        return new ServeRequest(name, uri.toString(), server, replicas);
    }

    /**
     * Where clients send predictions: through the Istio gateway when gateway-info gives one
     * (Seldon's route prefix /seldon/&lt;namespace&gt;/&lt;name&gt;/), else the predictor's
     * in-cluster Service; v2 servers answer at /v2/models/&lt;name&gt;/infer.
     */
    String endpoint(String namespace, String protocol, Optional<GatewayInfo> gateway) {
        String path = "v2".equals(protocol) ? "/v2/models/" + name + "/infer" : "/api/v1.0/predictions";
        if (gateway.isPresent()) {
            return "http://" + GATEWAY_SERVICE + "." + gateway.get().namespace() + ".svc.cluster.local/seldon/" + namespace
                    + "/" + name + path;
        }
        return "http://" + name + "-" + PREDICTOR + "." + namespace + ".svc.cluster.local:" + ManagerLayer.EXECUTOR_PORT
                + path;
    }
}
