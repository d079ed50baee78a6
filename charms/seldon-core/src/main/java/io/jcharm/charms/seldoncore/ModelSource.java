package io.jcharm.charms.seldoncore;

import io.jcharm.relations.TrackingEndpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a served model's files come from, and the environment Seldon's storage initializer needs
 * to fetch them. The initializer runs {@code rclone copy <modelUri> /mnt/models}; its image
 * configures only an anonymous remote {@code gs}, and every other remote is configured by
 * {@code RCLONE_CONFIG_<REMOTE>_<OPTION>} variables from the Secret named by the graph's
 * {@code envSecretRefName} (or the manager's PREDICTIVE_UNIT_DEFAULT_ENV_SECRET_REF_NAME).
 * Sources: SeldonIO/seldon-core v1.17.1, components/rclone-storage-initializer (Dockerfile,
 * readme) and operator/controllers/model_initializer_injector.go; rclone reads
 * {@code https://host/path} as remote {@code https}, path {@code //host/path} (checked with
 * rclone 1.60.1). An empty {@link #env} means no Secret of our own.
 *
 * <pre>{@code
 * ModelSource s = ModelSource.of("s3://models/iris", Optional.of(Map.of("access-key", "a", "secret-key", "b")),
 *         Optional.empty(), false);
 * s.env().get("RCLONE_CONFIG_S3_TYPE");  // "s3"
 * }</pre>
 *
 * @param modelUri what the storage initializer is given
 * @param env the variables of the model's own Secret; empty for none
 */
record ModelSource(String modelUri, Map<String, String> env) {
    static final String USE = "use gs://, s3://, https://, http://, pvc://, models:/ (with the mlflow relation) or"
            + " rclone's <remote>:<bucket>/<path>";
    static final String DEFAULT_SECRET_OPTION = "predictive-unit-default-env-secret-ref-name";
    /** rclone's remote form: a remote name, a colon, a path (no {@code //}). */
    private static final Pattern REMOTE = Pattern.compile("([A-Za-z0-9_]+):(?!//)(.+)");
    /** Juju secret keys (lowercase, digits, hyphens) naming one rclone option of one remote. */
    private static final Pattern RCLONE_KEY = Pattern.compile("rclone-config-([a-z0-9]+)-([a-z0-9-]+)");
    /** The short form for an S3 remote, as our mlflow and minio charms name credentials. */
    private static final Set<String> S3_KEYS = Set.of("access-key", "secret-key", "endpoint",
            "region", "provider");

    ModelSource {
        env = Map.copyOf(env);
    }

    /**
     * Checks {@code uri} and works out the variables that let the storage initializer fetch it.
     *
     * @param secret the content of the Juju secret given to serve-model
     * @param tracking the mlflow relation's data (for {@code s3://} in MLflow's store)
     * @param defaultSecret whether the manager has a default Secret (the option is set)
     * @throws IllegalArgumentException saying why it cannot download and what to do
     */
    static ModelSource of(String uri, Optional<Map<String, String>> secret, Optional<TrackingEndpoint> tracking,
                          boolean defaultSecret) {
        String u = uri.trim();
        int sep = u.indexOf("://");
        if (sep < 0) {
            Matcher remote = REMOTE.matcher(u);
            if (!remote.matches()) {
                throw new IllegalArgumentException("model-uri \"" + uri + "\" has no scheme; " + USE);
            }
            return fromRemote(u, remote.group(1), secret, defaultSecret);
        }
        URI parsed;
        try {
            parsed = new URI(u);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("model-uri \"" + uri + "\" is not a URI: " + e.getReason());
        }
        String scheme = u.substring(0, sep).toLowerCase(Locale.ROOT);
        String where = parsed.getAuthority();
        if (!List.of("gs", "s3", "https", "http", "pvc").contains(scheme)) {
            throw new IllegalArgumentException("model-uri \"" + uri + "\" has scheme " + scheme + ", which Seldon's"
                    + " storage initializer (rclone copy) cannot fetch; " + USE);
        }
        if (where == null || where.isBlank()) {
            throw new IllegalArgumentException("model-uri \"" + uri + "\" names no " + switch (scheme) {
                case "pvc" -> "PersistentVolumeClaim (pvc://<claim>/<path>)";
                case "https", "http" -> "host (" + scheme + "://<host>/<path>)";
                default -> "bucket (" + scheme + "://<bucket>/<path>)";
            });
        }
        return switch (scheme) {
            // The operator mounts the claim itself; gs is the image's anonymous remote.
            case "pvc" -> new ModelSource(u, Map.of());
            case "gs" -> new ModelSource(u, secret.map(s -> rcloneEnv(s, "gs")).orElse(Map.of()));
            case "https", "http" -> {
                Map<String, String> env = new LinkedHashMap<>();
                String r = scheme.toUpperCase(Locale.ROOT);
                env.put("RCLONE_CONFIG_" + r + "_TYPE", "http");
                env.put("RCLONE_CONFIG_" + r + "_URL", scheme + "://" + where + "/");
                secret.ifPresent(s -> env.putAll(rcloneEnv(s, scheme)));
                yield new ModelSource(u, env);
            }
            default -> fromS3(uri, u, secret, tracking, defaultSecret);
        };
    }

    private static ModelSource fromS3(String asked, String u, Optional<Map<String, String>> secret,
                                      Optional<TrackingEndpoint> tracking, boolean defaultSecret) {
        if (secret.isPresent()) {
            return new ModelSource(u, rcloneEnv(secret.get(), "s3"));
        }
        Optional<TrackingEndpoint> mlflow = tracking.filter(t -> t.s3().isPresent() && t.s3Endpoint().isPresent()
                && !t.s3Endpoint().get().isBlank());
        if (mlflow.isPresent()) {
            TrackingEndpoint.S3Credentials c = mlflow.get().s3().orElseThrow();
            return new ModelSource(u, s3Remote("s3", c.accessKey(), c.secretKey(), mlflow.get().s3Endpoint(),
                    Optional.empty(), Optional.empty()));
        }
        if (defaultSecret) {
            return new ModelSource(u, Map.of()); // the manager's default Secret, the user's to configure
        }
        throw new IllegalArgumentException("model-uri \"" + asked + "\" needs S3 credentials: Seldon's storage"
                + " initializer (rclone) knows only an anonymous gs remote. Give secret=<juju secret id> holding"
                + " access-key, secret-key and endpoint (or rclone-config-s3-* keys), relate seldon-core:mlflow to"
                + " MLflow's tracking endpoint, or set " + DEFAULT_SECRET_OPTION);
    }

    private static ModelSource fromRemote(String u, String remote, Optional<Map<String, String>> secret,
                                          boolean defaultSecret) {
        if (secret.isPresent()) {
            return new ModelSource(u, rcloneEnv(secret.get(), remote));
        }
        if (remote.equals("gs") || defaultSecret) {
            return new ModelSource(u, Map.of());
        }
        String r = remote.toLowerCase(Locale.ROOT);
        throw new IllegalArgumentException("model-uri \"" + u + "\" uses rclone remote \"" + remote + "\", which"
                + " Seldon's storage initializer does not know: give secret=<juju secret id> holding rclone-config-"
                + r + "-type and the remote's other rclone-config-" + r + "-* keys, or set " + DEFAULT_SECRET_OPTION
                + " to a Secret that configures it");
    }

    /**
     * Checks the content of the Juju secret {@code id} given to serve-model.
     *
     * @throws IllegalArgumentException naming the secret and the key that cannot be used
     */
    static void checkSecret(String id, Map<String, String> content) {
        try {
            rcloneEnv(content, "s3");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secret " + id + " " + e.getMessage(), e);
        }
    }

    /**
     * A Juju secret's content as rclone variables: {@code rclone-config-<remote>-<option>} keys
     * one for one, and the short S3 form (access-key, secret-key, endpoint, region, provider)
     * as an S3 remote named {@code remote}.
     */
    static Map<String, String> rcloneEnv(Map<String, String> content, String remote) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(content).entrySet()) {
            Matcher m = RCLONE_KEY.matcher(e.getKey());
            if (m.matches()) {
                env.put(("RCLONE_CONFIG_" + m.group(1) + "_" + m.group(2)).toUpperCase(Locale.ROOT).replace('-', '_'),
                        e.getValue());
            } else if (!S3_KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("has key " + e.getKey() + ", which serve-model does not use; it"
                        + " takes access-key, secret-key, endpoint, region, provider, or rclone-config-<remote>-<option>"
                        + " keys");
            }
        }
        if (content.containsKey("access-key") || content.containsKey("secret-key")) {
            if (!content.containsKey("access-key") || !content.containsKey("secret-key")) {
                throw new IllegalArgumentException("has only one of access-key and secret-key; give both");
            }
            env.putAll(s3Remote(remote, content.get("access-key"), content.get("secret-key"),
                    Optional.ofNullable(content.get("endpoint")), Optional.ofNullable(content.get("region")),
                    Optional.ofNullable(content.get("provider"))));
        }
        return env;
    }

    /** An rclone S3 remote with static keys; MinIO when an endpoint is given, AWS otherwise. */
    private static Map<String, String> s3Remote(String remote, String accessKey, String secretKey,
                                                Optional<String> endpoint, Optional<String> region,
                                                Optional<String> provider) {
        String p = "RCLONE_CONFIG_" + remote.toUpperCase(Locale.ROOT) + "_";
        Map<String, String> env = new LinkedHashMap<>();
        env.put(p + "TYPE", "s3");
        env.put(p + "PROVIDER", provider.orElse(endpoint.isPresent() ? "Minio" : "AWS"));
        env.put(p + "ENV_AUTH", "false");
        env.put(p + "ACCESS_KEY_ID", accessKey);
        env.put(p + "SECRET_ACCESS_KEY", secretKey);
        endpoint.ifPresent(v -> env.put(p + "ENDPOINT", v));
        region.ifPresent(v -> env.put(p + "REGION", v));
        return env;
    }
}
