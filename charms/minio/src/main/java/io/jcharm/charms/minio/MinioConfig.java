package io.jcharm.charms.minio;

import io.jcharm.core.InvalidConfigException;
import io.jcharm.core.OneOf;
import io.jcharm.core.Range;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The minio charm's config (Charmed Kubeflow's option names), each checked before use.
 *
 * <pre>{@code
 * MinioConfig cfg = model.config(MinioConfig.class);  // Blocked "[config] invalid config secret-key: ..." when wrong
 * }</pre>
 */
public record MinioConfig(
        @Range(min = 1, max = 65535) int port,
        @Range(min = 1, max = 65535) int consolePort,
        String accessKey,
        String secretKey,
        @OneOf({"server", "gateway"}) String mode,
        String gatewayStorageService,
        String storageServiceEndpoint,
        String sslCa,
        String sslCert,
        String sslKey,
        Optional<String> tlsSecret) {

    /** MinIO refuses a root password shorter than this (and so does Charmed Kubeflow's charm). */
    static final int MIN_SECRET_KEY = 8;
    /** MinIO refuses a root user shorter than this. */
    static final int MIN_ACCESS_KEY = 3;

    public MinioConfig {
        if (port == consolePort) {
            throw new InvalidConfigException("console-port", "must differ from port (both are " + port + ")");
        }
        if (accessKey == null || accessKey.length() < MIN_ACCESS_KEY) {
            throw new InvalidConfigException("access-key", "must be at least " + MIN_ACCESS_KEY + " characters long");
        }
        if (!secretKey.isEmpty() && secretKey.length() < MIN_SECRET_KEY) {
            // Never the value: it is a password.
            throw new InvalidConfigException("secret-key", "must be at least " + MIN_SECRET_KEY
                    + " characters long (or empty, to have one generated)");
        }
        if ("gateway".equals(mode) && !("s3".equals(gatewayStorageService) || "azure".equals(gatewayStorageService))) {
            throw new InvalidConfigException("gateway-storage-service", "gateway mode requires s3 or azure, got \""
                    + gatewayStorageService + "\"");
        }
        if (sslCert.isEmpty() != sslKey.isEmpty()) {
            throw new InvalidConfigException(sslCert.isEmpty() ? "ssl-cert" : "ssl-key",
                    "ssl-cert and ssl-key go together: set both or neither");
        }
        if (!sslCert.isEmpty() && tlsSecret.isPresent()) {
            throw new InvalidConfigException("tls-secret", "set either tls-secret or ssl-cert/ssl-key, not both");
        }
        pem("ssl-ca", sslCa);
        pem("ssl-cert", sslCert);
        pem("ssl-key", sslKey);
    }

    /** A base64 option's PEM text; empty when unset. */
    static Optional<String> pem(String option, String base64) {
        if (base64.isBlank()) {
            return Optional.empty();
        }
        String text;
        try {
            text = new String(Base64.getMimeDecoder().decode(base64.strip()), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(option, "is not base64: encode the PEM file with base64 -w0");
        }
        if (!text.contains("-----BEGIN ")) {
            throw new InvalidConfigException(option, "decodes to something that is not PEM (no -----BEGIN line)");
        }
        return Optional.of(text);
    }

    /** Never the secret key or the TLS key. */
    @Override
    public String toString() {
        return "MinioConfig[port=" + port + ", console-port=" + consolePort + ", access-key=" + accessKey + ", mode=" + mode + "]";
    }
}
