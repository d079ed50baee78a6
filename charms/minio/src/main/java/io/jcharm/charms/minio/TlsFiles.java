package io.jcharm.charms.minio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * MinIO's TLS certificate, key and optional CA (PEM), and where MinIO reads them: its
 * {@code --certs-dir} holds {@code public.crt} and {@code private.key}, and CAs it trusts under
 * {@code CAs/}.
 *
 * <pre>{@code
 * new TlsFiles(crt, key, Optional.of(ca)).files();  // path -> PEM
 * }</pre>
 */
record TlsFiles(String certificate, String key, Optional<String> ca) {
    static final String CERTS_DIR = "/minio/.minio/certs";
    static final String CERT = CERTS_DIR + "/public.crt";
    static final String KEY = CERTS_DIR + "/private.key";
    static final String CA = CERTS_DIR + "/CAs/root.cert";

    /** Path to content, for the files to push. */
    Map<String, String> files() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(CERT, certificate);
        m.put(KEY, key);
        ca.ifPresent(c -> m.put(CA, c));
        return m;
    }

    /** What clients of this MinIO should trust: the CA when given, else the certificate itself. */
    String trustAnchor() {
        return ca.orElse(certificate);
    }

    @Override
    public String toString() {
        return "TlsFiles[***]";
    }
}
