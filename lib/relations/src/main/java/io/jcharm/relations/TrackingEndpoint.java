package io.jcharm.relations;

import io.jcharm.core.DataBag;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.Secret;
import io.jcharm.core.StatusException;
import io.jcharm.core.tools.SecretNotFoundException;
import io.jcharm.core.tools.SecretPermissionDeniedException;
import java.util.Map;
import java.util.Optional;

/**
 * jcharm's own {@code mlflow_tracking} interface: an MLflow tracking server tells its consumers
 * (notebooks, model servers, pipelines) where to track and where artifacts live. Plain app-bag
 * keys carry what is not secret; the S3 credentials travel in a Juju secret the provider grants
 * to the consumer, whose id is in {@code s3-credentials-secret}.
 *
 * <pre>{@code
 * TrackingEndpoint.publish(relation, endpoint, Optional.of(secret));   // provider leader; grants the secret
 * TrackingEndpoint t = TrackingEndpoint.read(model, relation).orElseThrow();
 * t.trackingUri();                                                      // "http://mlflow.kubeflow.svc.cluster.local:5000"
 * }</pre>
 *
 * @param trackingUri where MLflow clients send runs ({@code MLFLOW_TRACKING_URI})
 * @param artifactRoot the default artifact root ({@code s3://mlflow/}, or {@code mlflow-artifacts:/} when the server proxies them)
 * @param s3Endpoint the S3 endpoint ({@code MLFLOW_S3_ENDPOINT_URL}); empty when artifacts are proxied
 * @param s3 the S3 access key and secret key; empty when artifacts are proxied
 */
public record TrackingEndpoint(String trackingUri, String artifactRoot, Optional<String> s3Endpoint,
                               Optional<S3Credentials> s3) {

    /** The interface name in charmcraft.yaml. */
    public static final String INTERFACE = "mlflow_tracking";
    static final String VERSION = "1";
    static final String TRACKING_URI = "tracking-uri";
    static final String ARTIFACT_ROOT = "artifact-root";
    static final String S3_ENDPOINT = "s3-endpoint";
    static final String S3_SECRET = "s3-credentials-secret";
    /** Keys of the secret's content. */
    public static final String ACCESS_KEY = "access-key";
    public static final String SECRET_KEY = "secret-key";

    /** S3 credentials as the secret holds them. */
    public record S3Credentials(String accessKey, String secretKey) {
        /** The secret's content. */
        public Map<String, String> content() {
            return Map.of(ACCESS_KEY, accessKey, SECRET_KEY, secretKey);
        }

        @Override
        public String toString() {
            return "S3Credentials[" + accessKey + ", ***]";
        }
    }

    /**
     * Provider side (leader only; a no-op elsewhere): the plain keys, and when {@code credentials}
     * is given, grants it to the relation's application and names it.
     */
    public static void publish(Relation relation, TrackingEndpoint endpoint, Optional<Secret> credentials) {
        DataBag mine = relation.localApp();
        if (!mine.writable()) {
            return;
        }
        mine.put("version", VERSION);
        mine.put(TRACKING_URI, endpoint.trackingUri());
        mine.put(ARTIFACT_ROOT, endpoint.artifactRoot());
        mine.put(S3_ENDPOINT, endpoint.s3Endpoint().orElse(""));
        if (credentials.isPresent()) {
            credentials.get().grant(relation);
            mine.put(S3_SECRET, credentials.get().id());
        } else {
            mine.remove(S3_SECRET);
        }
    }

    /**
     * Consumer side: the endpoint, empty until the provider wrote it.
     *
     * @throws StatusException blocked when the version is unknown, the tracking URI is not an http(s) URL or the
     *     credentials secret lacks a key; waiting while the secret is not granted or not found
     */
    public static Optional<TrackingEndpoint> read(Model model, Relation relation) throws StatusException {
        DataBag theirs = relation.remoteApp();
        Optional<String> uri = theirs.get(TRACKING_URI);
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        String remote = relation.remoteAppName().orElse("?");
        String version = theirs.get("version").orElse("");
        if (!VERSION.equals(version)) {
            throw StatusException.blocked(relation.endpoint() + ": " + remote + " speaks " + INTERFACE + " version \""
                    + version + "\"; this charm reads version " + VERSION);
        }
        if (!uri.get().matches("https?://[^\\s/]+.*")) {
            // Else every notebook would get a tracking URI MLflow's client cannot use, silently.
            throw StatusException.blocked(relation.endpoint() + ": " + remote + " sent " + TRACKING_URI + " \""
                    + uri.get() + "\", not an http(s) URL; fix the provider's configuration");
        }
        Optional<S3Credentials> s3 = Optional.empty();
        Optional<String> secretId = theirs.get(S3_SECRET);
        if (secretId.isPresent()) {
            Map<String, String> content;
            try {
                content = model.secrets().byId(secretId.get()).refresh();
            } catch (SecretPermissionDeniedException e) {
                throw StatusException.waiting("waiting for " + remote + " to grant the S3 credentials secret "
                        + secretId.get());
            } catch (SecretNotFoundException e) {
                // Removed (or not yet visible): the provider must publish a new one; not a grant to wait for.
                throw StatusException.waiting("waiting for " + remote + " to publish an S3 credentials secret: "
                        + secretId.get() + " is not found (removed?)");
            }
            if (content.getOrDefault(ACCESS_KEY, "").isEmpty() || content.getOrDefault(SECRET_KEY, "").isEmpty()) {
                throw StatusException.blocked(relation.endpoint() + ": the S3 credentials secret " + secretId.get()
                        + " from " + remote + " lacks " + ACCESS_KEY + " or " + SECRET_KEY);
            }
            s3 = Optional.of(new S3Credentials(content.get(ACCESS_KEY), content.get(SECRET_KEY)));
        }
        return Optional.of(new TrackingEndpoint(uri.get(), theirs.get(ARTIFACT_ROOT).orElse(""),
                theirs.get(S3_ENDPOINT), s3));
    }
}
