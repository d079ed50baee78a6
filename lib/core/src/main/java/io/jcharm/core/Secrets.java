package io.jcharm.core;

import io.jcharm.core.tools.SecretNotFoundException;
import io.jcharm.core.tools.SecretOptions;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up and creates Juju secrets.
 *
 * <pre>{@code
 * Secret s = model.secrets().byLabel("webhook-certs")
 *         .orElseGet(() -> model.secrets().addForApp(Map.of("ca-crt", ca), "webhook-certs"));
 * }</pre>
 */
public final class Secrets {
    private final Model model;
    private final SecretCalls calls;

    Secrets(Model model) {
        this.model = model;
        this.calls = new SecretCalls(model.tools());
    }

    /**
     * Whether {@code id} has the form of a Juju secret id ({@code secret:<xid>},
     * {@code secret://<model-uuid>/<xid>} or the bare 20-character xid), e.g. to check an id
     * another application sent before asking Juju for it.
     */
    public static boolean isSecretId(String id) {
        return id != null && id.matches("(secret:(//[0-9a-f-]+/)?)?[0-9a-v]{20}");
    }

    /** A secret by id (for example from a config option of type secret). */
    public Secret byId(String id) {
        return new Secret(model, calls, Optional.of(id), Optional.empty());
    }

    /** A secret by its owner or consumer label; empty when there is none. */
    public Optional<Secret> byLabel(String label) {
        try {
            calls.get(Optional.empty(), Optional.of(label), false, true);
            return Optional.of(new Secret(model, calls, Optional.empty(), Optional.of(label)));
        } catch (SecretNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Creates an application-owned secret (leader only). */
    public Secret addForApp(Map<String, String> content, String label) {
        return add(content, SecretOptions.app().withLabel(label));
    }

    /** Creates a unit-owned secret. */
    public Secret addForUnit(Map<String, String> content, String label) {
        return add(content, SecretOptions.unit().withLabel(label));
    }

    /** Creates a secret with full options. */
    public Secret add(Map<String, String> content, SecretOptions options) {
        model.redact(content.values());
        String id = calls.add(content, options);
        return new Secret(model, calls, Optional.of(id), options.label());
    }
}
