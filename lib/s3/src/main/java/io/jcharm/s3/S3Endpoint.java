package io.jcharm.s3;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an S3 server is and the credentials to use there.
 *
 * <pre>{@code
 * S3Endpoint minio = new S3Endpoint("http://minio.kubeflow:9000", "minio", secretKey, Optional.empty());
 * }</pre>
 *
 * @param url {@code http://host:port} or {@code https://host:port}
 * @param caPem for https: a PEM certificate (or several) to trust besides the JDK's roots
 */
public record S3Endpoint(String url, String accessKey, String secretKey, Optional<String> caPem) {

    public S3Endpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(caPem, "caPem");
        URI parsed = URI.create(url);
        if (!("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) || parsed.getHost() == null) {
            throw new IllegalArgumentException("S3 endpoint \"" + url + "\" must be http://host:port or https://host:port");
        }
    }

    /** Never the secret key. */
    @Override
    public String toString() {
        return "S3Endpoint[" + accessKey + "@" + url + ", secret-key ***]";
    }
}
