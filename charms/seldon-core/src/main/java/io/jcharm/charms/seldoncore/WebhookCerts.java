package io.jcharm.charms.seldoncore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook's CA certificate and serving certificate and key (PEM), as kept in the
 * application-owned Juju secret labelled {@value #LABEL} and pushed into the container.
 *
 * <pre>{@code
 * WebhookCerts certs = WebhookCertIssuer.issue("kubeflow", Instant.now(), new SecureRandom());
 * model.secrets().addForApp(certs.toSecretContent(), WebhookCerts.LABEL);
 * }</pre>
 */
record WebhookCerts(String caCrt, String tlsCrt, String tlsKey) {
    static final String LABEL = "webhook-certs";
    static final String CA_CRT = "ca-crt";
    static final String TLS_CRT = "tls-crt";
    static final String TLS_KEY = "tls-key";
    /** Where controller-runtime's webhook server reads its certificate (its default CertDir). */
    static final String CERT_DIR = "/tmp/k8s-webhook-server/serving-certs";

    /** The secret's keys (Juju secret keys are lowercase letters, digits and dashes). */
    Map<String, String> toSecretContent() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(CA_CRT, caCrt);
        m.put(TLS_CRT, tlsCrt);
        m.put(TLS_KEY, tlsKey);
        return m;
    }

    /**
     * Reads the secret's content.
     *
     * @throws IllegalArgumentException naming the missing keys (never the values)
     */
    static WebhookCerts fromSecretContent(Map<String, String> content) {
        List<String> missing = List.of(CA_CRT, TLS_CRT, TLS_KEY).stream()
                .filter(k -> content.get(k) == null || content.get(k).isBlank()).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the " + LABEL + " secret lacks " + String.join(", ", missing));
        }
        return new WebhookCerts(content.get(CA_CRT), content.get(TLS_CRT), content.get(TLS_KEY));
    }

    /** The files in the container, path to content. */
    Map<String, String> files() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(CERT_DIR + "/ca.crt", caCrt);
        m.put(CERT_DIR + "/tls.crt", tlsCrt);
        m.put(CERT_DIR + "/tls.key", tlsKey);
        return m;
    }

    /** Never the PEMs: a record's default toString would put the key in any log line that shows it. */
    @Override
    public String toString() {
        return "WebhookCerts[***]";
    }
}
