package io.jcharm.relations;

import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One route a requirer asks for on the {@code ingress} interface (SDI v1 or v2, as istio-pilot
 * serves it).
 *
 * <pre>{@code
 * Optional<IngressRoute> r = IngressRoute.read(relation);  // provider side
 * r.get().rewriteOrPrefix();                                 // "/jupyter/" when no rewrite was given
 * IngressRoute.request(relation, new IngressRoute("mlflow-server", 5000, "/mlflow/", Optional.of("/"), Optional.empty()));
 * }</pre>
 *
 * @param namespace v2 only; absent in v1, where the provider uses its own namespace
 */
public record IngressRoute(String service, int port, String prefix, Optional<String> rewrite,
                           Optional<String> namespace) {

    /** SDI versions the provider side (istio) serves. */
    public static final List<String> PROVIDER_VERSIONS = List.of("v1", "v2");
    /** SDI versions requirers use (as the Charmed Kubeflow charms do). */
    public static final List<String> REQUIRER_VERSIONS = List.of("v1");

    static final SdiSchema V1 = SdiSchema.builder().require("service", "string").require("port", "integer")
            .require("prefix", "string").optional("rewrite", "string").build();
    static final SdiSchema V2 = SdiSchema.builder().require("service", "string").require("port", "integer")
            .require("prefix", "string").optional("rewrite", "string").require("namespace", "string").build();

    /**
     * Where the route sends traffic: {@code rewrite}, or the prefix when none was given or it is
     * empty (istio-pilot renders {@code rewrite or prefix}, and "" is false to Python).
     */
    public String rewriteOrPrefix() {
        return rewrite.filter(r -> !r.isEmpty()).orElse(prefix);
    }

    /**
     * Provider side: the route the remote application asked for, empty until it has sent one.
     *
     * @throws StatusException when versions do not match or the data is malformed
     */
    public static Optional<IngressRoute> read(Relation relation) throws StatusException {
        Sdi sdi = new Sdi(PROVIDER_VERSIONS);
        sdi.publishVersions(relation);
        String version = sdi.negotiate(relation);
        Optional<Map<String, Object>> data = sdi.read(relation, version.equals("v2") ? V2 : V1);
        return data.map(d -> new IngressRoute((String) d.get("service"), ((Number) d.get("port")).intValue(),
                (String) d.get("prefix"), Optional.ofNullable((String) d.get("rewrite")),
                Optional.ofNullable((String) d.get("namespace"))));
    }

    /** Requirer side: asks the provider for this route (v1 payload; the namespace is dropped). */
    public static void request(Relation relation, IngressRoute route) throws StatusException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("service", route.service());
        payload.put("port", route.port());
        payload.put("prefix", route.prefix());
        route.rewrite().ifPresent(r -> payload.put("rewrite", r));
        new Sdi(REQUIRER_VERSIONS).send(relation, payload, V1);
    }
}
