package io.jcharm.charms.standins.dex;

import io.jcharm.charms.standins.python.PyYaml;
import io.jcharm.core.Charm;
import io.jcharm.core.Component;
import io.jcharm.core.Components;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import java.util.List;
import java.util.Map;

/**
 * Stands in for Charmhub's dex-auth (2.39): the leader publishes its issuer URL on
 * {@code dex-oidc-config} ({@code issuer-url}: config {@code issuer-url}, else the deprecated
 * {@code public-url} plus {@code /dex}, else {@code http://<app>.<model>.svc:<port>/dex}), then, in
 * the real charm's order: Waiting "Waiting for pod startup to complete" until the {@code dex}
 * container answers; Waiting until a related {@code oidc-client} application listed its SDI
 * versions; Blocked without static login and connectors; then sends its route on {@code ingress}
 * ({@code /dex}, not rewritten, port {@code port}) and is Active. No Dex runs.
 *
 * <pre>{@code
 * juju deploy dex-auth --channel 2.39/stable --trust   # on the local model, this charm answers
 * }</pre>
 */
public final class DexAuthStandinCharm implements Charm {

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
        for (String endpoint : List.of("oidc-client", "ingress")) {
            for (Relation r : model.relations(endpoint)) {
                r.localApp().put("_supported_versions", PyYaml.dumpList(List.of("v1")));
                if (r.remoteApp().get("_supported_versions").isEmpty()) {
                    throw StatusException.waiting("List of <ops.model.Relation " + endpoint + ":" + r.id()
                            + "> versions not found for apps: " + r.remoteAppName().orElse(""));
                }
            }
        }
        if (!Boolean.TRUE.equals(config.get("enable-password-db")) && String.valueOf(config.getOrDefault("connectors", "")).isBlank()) {
            throw StatusException.blocked("Please add a connectors configuration to proceed without a static login.");
        }
        for (Relation r : model.relations("ingress")) {
            r.localApp().put("data", PyYaml.dump(Map.of("prefix", "/dex", "rewrite", "/dex", "service", model.app().name(),
                    "port", ((Number) config.get("port")).intValue())));
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
