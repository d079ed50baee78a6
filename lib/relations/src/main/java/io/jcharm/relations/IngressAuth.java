package io.jcharm.relations;

import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code ingress-auth} interface (SDI v1): the auth provider a gateway hands every request
 * to before routing it (oidc-gatekeeper writes it; istio-pilot turns it into an Envoy
 * {@code ext_authz} filter). Keys {@code service} and {@code port} are required;
 * {@code allowed-request-headers} (sent to the provider) and {@code allowed-response-headers}
 * (copied from its answer upstream) are optional lists, empty when absent.
 *
 * <pre>{@code
 * Optional<IngressAuth> auth = IngressAuth.read(relation);  // provider side (istio); empty until sent
 * IngressAuth.request(relation, new IngressAuth("oidc-gatekeeper", 8080,
 *         List.of("cookie", "X-Auth-Token"), List.of("kubeflow-userid")));  // requirer side
 * }</pre>
 *
 * @param service the provider's Service, in the gateway's namespace (as istio-pilot assumes)
 */
public record IngressAuth(String service, int port, List<String> allowedRequestHeaders,
                          List<String> allowedResponseHeaders) {

    /** SDI versions both sides use. */
    public static final List<String> VERSIONS = List.of("v1");
    static final String REQUEST_HEADERS = "allowed-request-headers";
    static final String RESPONSE_HEADERS = "allowed-response-headers";
    static final SdiSchema V1 = SdiSchema.builder().require("service", "string").require("port", "integer")
            .optional(REQUEST_HEADERS, "string-array").optional(RESPONSE_HEADERS, "string-array").build();

    public IngressAuth {
        allowedRequestHeaders = List.copyOf(allowedRequestHeaders);
        allowedResponseHeaders = List.copyOf(allowedResponseHeaders);
    }

    /**
     * Provider side: the auth provider the remote application names, empty until it has sent it.
     *
     * @throws StatusException when versions do not match (SDI's texts) or the data is malformed
     */
    public static Optional<IngressAuth> read(Relation relation) throws StatusException {
        return new Sdi(VERSIONS).receive(relation, V1).map(d -> new IngressAuth((String) d.get("service"),
                ((Number) d.get("port")).intValue(), strings(d.get(REQUEST_HEADERS)), strings(d.get(RESPONSE_HEADERS))));
    }

    /** Requirer side: names this auth provider to the gateway (leader only writes). */
    public static void request(Relation relation, IngressAuth auth) throws StatusException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("service", auth.service());
        payload.put("port", auth.port());
        payload.put(REQUEST_HEADERS, auth.allowedRequestHeaders());
        payload.put(RESPONSE_HEADERS, auth.allowedResponseHeaders());
        new Sdi(VERSIONS).send(relation, payload, V1);
    }

    private static List<String> strings(Object validated) {
        // The schema has checked the type: absent, or a list of strings.
        return validated == null ? List.of() : ((List<?>) validated).stream().map(String.class::cast).toList();
    }
}
