package io.jcharm.charms.standins.dex;

import io.jcharm.charms.standins.python.PyYaml;
import io.jcharm.charms.standins.python.Sdi;
import io.jcharm.core.Charm;
import io.jcharm.core.Component;
import io.jcharm.core.Components;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stands in for Charmhub's dex-auth (2.39): the leader publishes its issuer URL on
 * {@code dex-oidc-config} ({@code issuer-url}: config {@code issuer-url}, else the deprecated
 * {@code public-url} plus {@code /dex}, else {@code http://<app>.<model>.svc:<port>/dex}), then, in
 * the real charm's order: Waiting "Waiting for pod startup to complete" until the {@code dex}
 * container answers; reads {@code oidc-client} as serialized-data-interface does ({@link Sdi}:
 * Waiting until the client listed its versions, Blocked on none in common, the hook fails on data
 * that is not YAML or not the schema); reads {@code connectors} as YAML (the hook fails on text that
 * is not) and is Blocked without static login and connectors; then sends its route on
 * {@code ingress} ({@code /dex}, not rewritten, port {@code port}) and is Active. No Dex runs.
 *
 * <pre>{@code
 * juju deploy dex-auth --channel 2.39/stable --trust   # on the local model, this charm answers
 * }</pre>
 */
public final class DexAuthStandinCharm implements Charm {
    private static final List<String> V1 = List.of("v1");
    /** The real charm's metadata schema for oidc-client v1's provides side (what oidc-gatekeeper sends). */
    static final Sdi.Schema OIDC_CLIENT = new Sdi.Schema(
            Map.of("id", "string", "name", "string", "redirectURIs", "array", "secret", "string"),
            List.of("id", "name", "redirectURIs", "secret"));

    @Override
    public Components components(Model model) {
        return Components.of(Component.of("dex-auth", DexAuthStandinCharm::main));
    }

    static void main(Model model) throws StatusException {
        if (!model.isLeader()) {
            throw StatusException.waiting("Waiting for leadership");
        }
        Map<String, Object> config = model.rawConfig();
        // The provider library sends on leader-elected, relation-created and config-changed; the value is the same on any hook.
        for (Relation r : model.relations("dex-oidc-config")) {
            r.localApp().put("issuer-url", issuerUrl(model, config));
        }
        if (!model.container("dex").canConnect()) {
            throw StatusException.waiting("Waiting for pod startup to complete");
        }
        // _generate_dex_auth_config: the clients' data, read and checked as serialized-data-interface does...
        Sdi.getInterface(model, "oidc-client", V1, Optional.of(OIDC_CLIENT));
        // ...then connectors as yaml.safe_load reads it: text that is not YAML fails the hook there too.
        Object connectors;
        try {
            connectors = PyYaml.load(String.valueOf(config.getOrDefault("connectors", "")));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("config connectors: " + e.getMessage() + " (yaml.safe_load fails on it):"
                    + " set connectors to Dex connectors as YAML", e);
        }
        if (!Boolean.TRUE.equals(config.get("enable-password-db")) && !PyYaml.truthy(connectors)) {
            throw StatusException.blocked("Please add a connectors configuration to proceed without a static login.");
        }
        // handle_ingress: the route, once istio-pilot listed a version we share.
        Map<Integer, Object> routes = Sdi.getInterface(model, "ingress", V1, Optional.empty());
        for (Relation r : model.relations("ingress")) {
            if (routes.containsKey(r.id())) {
                r.localApp().put("data", PyYaml.dump(Map.of("prefix", "/dex", "rewrite", "/dex", "service", model.app().name(),
                        "port", ((Number) config.get("port")).intValue())));
            }
        }
    }

    static String issuerUrl(Model model, Map<String, Object> config) {
        String issuer = String.valueOf(config.getOrDefault("issuer-url", ""));
        if (!issuer.isEmpty()) {
            return issuer;
        }
        String publicUrl = String.valueOf(config.getOrDefault("public-url", ""));
        if (!publicUrl.isEmpty()) {
            return (publicUrl.startsWith("http://") || publicUrl.startsWith("https://") ? publicUrl : "http://" + publicUrl) + "/dex";
        }
        return "http://" + model.app().name() + "." + model.name() + ".svc:" + ((Number) config.get("port")).intValue() + "/dex";
    }
}
