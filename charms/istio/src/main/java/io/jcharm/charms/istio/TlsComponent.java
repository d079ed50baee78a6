package io.jcharm.charms.istio;

import io.jcharm.core.Component;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.core.tools.HookToolException;
import io.jcharm.core.tools.SecretNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the gateway's certificate and key from the Juju secret named by {@code tls-secret-id}
 * (keys {@code tls-crt} and {@code tls-key}, PEM) into {@link HookFacts#tls}; without the option
 * the gateway serves plain HTTP. Statuses name the secret and what to run, never its content.
 *
 * <pre>{@code
 * juju add-secret istio-tls tls-crt="$(cat cert.pem)" tls-key="$(cat key.pem)"
 * juju grant-secret istio-tls istio && juju config istio tls-secret-id=secret:...
 * }</pre>
 */
final class TlsComponent implements Component {
    static final List<String> KEYS = List.of("tls-crt", "tls-key");
    private final HookFacts facts;

    TlsComponent(HookFacts facts) {
        this.facts = facts;
    }

    @Override
    public String name() {
        return "tls";
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of("config");
    }

    @Override
    public void reconcile(Model model) throws StatusException {
        Optional<String> id = model.config(IstioConfig.class).tlsSecretId();
        if (id.isEmpty()) {
            return;
        }
        String app = model.app().name();
        Map<String, String> content;
        try {
            // Track the newest revision: secret-changed must bring the new certificate in.
            content = model.secrets().byId(id.get()).refresh();
        } catch (SecretNotFoundException e) {
            throw notReadable(id.get(), app, "was not found");
        } catch (HookToolException e) {
            if (e.stderr().contains("permission denied")) {
                throw notReadable(id.get(), app, "is not granted to " + app);
            }
            throw e;
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
        facts.tls = Optional.of(new TlsMaterial(crt, key));
    }

    private static StatusException notReadable(String id, String app, String why) {
        return StatusException.blocked("tls-secret-id " + id + " " + why + ": create it with juju add-secret and"
                + " grant it with juju grant-secret " + id + " " + app);
    }
}
