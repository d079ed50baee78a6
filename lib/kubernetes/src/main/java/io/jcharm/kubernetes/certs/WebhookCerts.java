package io.jcharm.kubernetes.certs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An admission webhook's CA certificate and serving certificate and key (PEM), as kept in the
 * application-owned Juju secret labelled {@value #LABEL} and pushed into the container.
 *
 * <pre>{@code
 * WebhookCerts certs = WebhookCertIssuer.issue("seldon-webhook-ca", "seldon-webhook-service", "kubeflow",
 *         Instant.now(), new SecureRandom());
 * model.secrets().addForApp(certs.toSecretContent(), WebhookCerts.LABEL);
 * certs.files(CertLayout.CONTROLLER_RUNTIME);  // path to PEM, where the webhook server reads them
 * }</pre>
 */
public record WebhookCerts(String caCrt, String tlsCrt, String tlsKey) {
    public static final String LABEL = "webhook-certs";
    static final String CA_CRT = "ca-crt";
    static final String TLS_CRT = "tls-crt";
    static final String TLS_KEY = "tls-key";

    /** The secret's keys (Juju secret keys are lowercase letters, digits and dashes). */
    public Map<String, String> toSecretContent() {
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
    public static WebhookCerts fromSecretContent(Map<String, String> content) {
        List<String> missing = List.of(CA_CRT, TLS_CRT, TLS_KEY).stream()
                .filter(k -> content.get(k) == null || content.get(k).isBlank()).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the " + LABEL + " secret lacks " + String.join(", ", missing));
        }
        return new WebhookCerts(content.get(CA_CRT), content.get(TLS_CRT), content.get(TLS_KEY));
    }

    /** The files in the container as {@code layout} places them, path to content. */
    public Map<String, String> files(CertLayout layout) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(layout.caPath(), caCrt);
        m.put(layout.certPath(), tlsCrt);
        m.put(layout.keyPath(), tlsKey);
        return m;
    }

    /** Never the PEMs: a record's default toString would put the key in any log line that shows it. */
    @Override
    public String toString() {
        return "WebhookCerts[***]";
    }
}
