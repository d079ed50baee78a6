package io.jcharm.charms.istio;

import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.core.tools.SecretNotFoundException;
import io.jcharm.core.tools.SecretPermissionDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the gateway's certificate and key from the Juju secret named by {@code tls-secret-id}
 * (keys {@code tls-crt} and {@code tls-key}, PEM), for the gateway; without the option the
 * gateway serves plain HTTP. Statuses name the secret and what to run, never its content.
 *
 * <pre>{@code
 * juju add-secret istio-tls tls-crt="$(cat cert.pem)" tls-key="$(cat key.pem)"
 * juju grant-secret istio-tls istio && juju config istio tls-secret-id=secret:...
 * }</pre>
 */
final class TlsSecret {
    static final List<String> KEYS = List.of("tls-crt", "tls-key");

    private TlsSecret() {
    }

    /**
     * The gateway's certificate and key; empty when tls-secret-id is not set.
     *
     * @throws StatusException Blocked naming the secret and what to run when it cannot be used
     */
    static Optional<TlsMaterial> read(Model model, IstioConfig config) throws StatusException {
        Optional<String> id = config.tlsSecretId();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String app = model.app().name();
        Map<String, String> content;
        try {
            // Track the newest revision: secret-changed must bring the new certificate in.
            content = model.secrets().byId(id.get()).refresh();
        } catch (SecretNotFoundException e) {
            throw notReadable(id.get(), app, "was not found");
        } catch (SecretPermissionDeniedException e) {
            throw notReadable(id.get(), app, "is not granted to " + app);
        }
        List<String> missing = new ArrayList<>();
        for (String key : KEYS) {
            String v = content.get(key);
            if (v == null || v.isBlank()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw StatusException.blocked("tls-secret-id " + id.get() + " lacks " + String.join(" and ", missing)
                    + ": juju update-secret " + id.get() + " tls-crt=\"$(cat cert.pem)\" tls-key=\"$(cat key.pem)\"");
        }
        String crt = content.get("tls-crt");
        String key = content.get("tls-key");
        if (!crt.contains("-----BEGIN CERTIFICATE-----")) {
            throw StatusException.blocked("tls-secret-id " + id.get() + ": tls-crt is not a PEM certificate"
                    + " (-----BEGIN CERTIFICATE-----)");
        }
        if (!key.contains("PRIVATE KEY-----")) {
            throw StatusException.blocked("tls-secret-id " + id.get() + ": tls-key is not a PEM private key"
                    + " (-----BEGIN PRIVATE KEY-----)");
        }
        return Optional.of(new TlsMaterial(crt, key));
    }

    private static StatusException notReadable(String id, String app, String why) {
        return StatusException.blocked("tls-secret-id " + id + " " + why + ": create it with juju add-secret and"
                + " grant it with juju grant-secret " + id + " " + app);
    }
}
