package io.jcharm.charms.standins.oidc;

import io.jcharm.charms.standins.python.PyYaml;
import io.jcharm.charms.standins.python.Sdi;
import io.jcharm.core.Charm;
import io.jcharm.core.Component;
import io.jcharm.core.Components;
import io.jcharm.core.DataBag;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stands in for Charmhub's oidc-gatekeeper (ckf-1.10), in the real charm's order: leader only
 * ("Waiting for leadership"); Blocked without a {@code dex-oidc-config} relation, Waiting while
 * its bag is empty (the hook fails on data without {@code issuer-url}, a KeyError there); each SDI
 * endpoint read as serialized-data-interface does ({@link Sdi}: Waiting until the other side lists
 * its versions, Blocked on none in common, the hook fails on what the library cannot read);
 * Waiting without the {@code client-secret} peer relation, whose application bag then holds a
 * 30-character client secret; then it sends {@code oidc-client}, {@code ingress}
 * ({@code /authservice} rewritten to {@code /}) and {@code ingress-auth} (this application's
 * Service, port 8080, request headers cookie and X-Auth-Token, response header kubeflow-userid),
 * each as serialized-data-interface v1 ({@code _supported_versions}, {@code data}, PyYAML's
 * text); last, Maintenance "Waiting for pod startup to complete" until the {@code oidc-authservice}
 * container answers. No authservice runs behind the Service.
 *
 * <pre>{@code
 * juju deploy oidc-gatekeeper --channel ckf-1.10/stable --trust   # on the local model, this charm answers
 * }</pre>
 */
public final class OidcGatekeeperStandinCharm implements Charm {
    static final int HTTP_PORT = 8080;
    static final String DEX = "dex-oidc-config";
    /** The SDI endpoints the charm sends on, with their metadata's versions: [v1]. */
    static final List<String> SDI = List.of("ingress", "ingress-auth", "oidc-client");
    private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Components components(Model model) {
        return Components.of(Component.of("oidc-gatekeeper", OidcGatekeeperStandinCharm::main));
    }

    static void main(Model model) throws StatusException {
        if (!model.isLeader()) {
            throw StatusException.waiting("Waiting for leadership");
        }
        Optional<Relation> dex = model.relation(DEX);
        if (dex.isEmpty()) {
            throw StatusException.blocked("Missing relation with a Dex OIDC config provider. Please add the missing relation.");
        }
        Map<String, String> dexData = dex.get().remoteApp().asMap();
        if (dexData.isEmpty()) {
            throw StatusException.waiting("Empty or missing data in dex-oidc-config relation. This may be transient, but if"
                    + " it persists it is likely an error.");
        }
        if (!dexData.containsKey("issuer-url")) {
            // The library checks only that the bag is not empty, then reads relation_data["issuer-url"]: a KeyError.
            throw new IllegalStateException("KeyError: 'issuer-url' (dex-oidc-config relation " + dex.get().id()
                    + " has data but no issuer-url)");
        }
        // get_interfaces: the remote side of each sends no data our metadata has a schema for.
        for (String endpoint : SDI) {
            Sdi.getInterface(model, endpoint, List.of("v1"), Optional.empty());
        }
        String secret = clientSecret(model);
        Map<String, Object> config = model.rawConfig();
        send(model, "oidc-client", Map.of("id", String.valueOf(config.get("client-id")),
                "name", String.valueOf(config.get("client-name")),
                "redirectURIs", List.of("/authservice/oidc/callback"), "secret", secret));
        String service = model.app().name();
        send(model, "ingress", Map.of("prefix", "/authservice", "rewrite", "/", "service", service, "port", HTTP_PORT));
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("service", service);
        auth.put("port", HTTP_PORT);
        auth.put("allowed-request-headers", List.of("cookie", "X-Auth-Token"));
        auth.put("allowed-response-headers", List.of("kubeflow-userid"));
        send(model, "ingress-auth", auth);
        // chisme's update_layer, last in main: the data above is sent before the pod is up.
        if (!model.container("oidc-authservice").canConnect()) {
            throw StatusException.maintenance("Waiting for pod startup to complete");
        }
    }

    /** The charm's _check_secret: the first client-secret relation's app bag, generated once. */
    private static String clientSecret(Model model) throws StatusException {
        List<Relation> peers = model.relations("client-secret");
        if (peers.isEmpty()) {
            throw StatusException.waiting("Waiting for Client Secret");
        }
        DataBag bag = peers.get(0).localApp();
        if (bag.get("client-secret").isEmpty()) {
            bag.put("client-secret", RANDOM.ints(30, 0, SECRET_CHARS.length())
                    .collect(StringBuilder::new, (sb, i) -> sb.append(SECRET_CHARS.charAt(i)), StringBuilder::append).toString());
        }
        return bag.get("client-secret").orElseThrow();
    }

    private static void send(Model model, String endpoint, Map<String, ?> data) {
        for (Relation r : model.relations(endpoint)) {
            r.localApp().put("data", PyYaml.dump(data));
        }
    }
}
