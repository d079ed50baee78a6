package io.jcharm.relations;

import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code istio-gateway-info} interface: plain app-bag keys {@code gateway_name},
 * {@code gateway_namespace} and {@code gateway_up} ("true"/"false"; absent means true).
 *
 * <pre>{@code
 * GatewayInfo.publish(relation, new GatewayInfo("kubeflow-gateway", "kubeflow", true));  // istio, leader
 * Optional<GatewayInfo> gw = GatewayInfo.fromEndpoint(model, "gateway-info");           // seldon, jupyter
 * gw.qualifiedName();  // "kubeflow/kubeflow-gateway"
 * }</pre>
 */
public record GatewayInfo(String name, String namespace, boolean up) {
    /** The Waiting message while the related provider has not written its data, as Charmed Kubeflow's requirers word it. */
    public static final String WAITING = "waiting for gateway info relation data";

    /** {@code <namespace>/<name>}, as Seldon's ISTIO_GATEWAY wants it. */
    public String qualifiedName() {
        return namespace + "/" + name;
    }

    /** Provider side: writes the three keys (leader only; a no-op elsewhere). */
    public static void publish(Relation relation, GatewayInfo info) {
        if (relation.localApp().writable()) {
            relation.localApp().put("gateway_name", info.name());
            relation.localApp().put("gateway_namespace", info.namespace());
            relation.localApp().put("gateway_up", Boolean.toString(info.up()));
        }
    }

    /**
     * Requirer side: the gateway, empty until the provider has written it.
     *
     * @throws StatusException blocked when only some keys are present or gateway_up is neither
     *         true nor false (in any case: "True" and "FALSE" are read as the library reads them)
     */
    public static Optional<GatewayInfo> read(Relation relation) throws StatusException {
        Optional<String> name = relation.remoteApp().get("gateway_name");
        Optional<String> ns = relation.remoteApp().get("gateway_namespace");
        if (name.isEmpty() && ns.isEmpty()) {
            return Optional.empty();
        }
        if (name.isEmpty() || ns.isEmpty()) {
            throw StatusException.blocked("gateway-info data from " + relation.remoteAppName().orElse("?")
                    + " lacks " + (name.isEmpty() ? "gateway_name" : "gateway_namespace"));
        }
        // Both become Kubernetes references (ISTIO_GATEWAY=<namespace>/<name>, VirtualService gateways):
        // anything else would reach the workload and fail there, far from the relation that sent it.
        requireDnsLabel(relation, "gateway_name", name.get());
        requireDnsLabel(relation, "gateway_namespace", ns.get());
        // Case-insensitive, as istio_gateway_info's requirer compares gateway_up.lower() to "true".
        String up = relation.remoteApp().get("gateway_up").orElse("true");
        if (!up.equalsIgnoreCase("true") && !up.equalsIgnoreCase("false")) {
            throw StatusException.blocked("gateway-info gateway_up from " + relation.remoteAppName().orElse("?")
                    + " must be \"true\" or \"false\" (any case), got \"" + up + "\"");
        }
        return Optional.of(new GatewayInfo(name.get(), ns.get(), up.equalsIgnoreCase("true")));
    }

    private static final java.util.regex.Pattern DNS_LABEL = java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private static void requireDnsLabel(Relation relation, String key, String value) throws StatusException {
        if (!DNS_LABEL.matcher(value).matches()) {
            // The value is not echoed: it may span lines or be long; the key and sender say where to look.
            throw StatusException.blocked("gateway-info " + key + " from " + relation.remoteAppName().orElse("?")
                    + " is not a Kubernetes name (lowercase letters, digits and '-', at most 63); fix the provider's data");
        }
    }

    /**
     * Requirer side over an endpoint: empty when it is not related, the gateway once the
     * provider has written it.
     *
     * @throws StatusException waiting ({@value #WAITING}) until the provider has written its data;
     *         blocked as {@link #read} for malformed data
     */
    public static Optional<GatewayInfo> fromEndpoint(Model model, String endpoint) throws StatusException {
        return fromEndpoint(model, endpoint, r -> StatusException.waiting(WAITING));
    }

    /**
     * As {@link #fromEndpoint(Model, String)}, with the charm's own Waiting status while the
     * related provider has not written its data.
     */
    public static Optional<GatewayInfo> fromEndpoint(Model model, String endpoint, Function<Relation, StatusException> waiting)
            throws StatusException {
        Optional<Relation> relation = model.relation(endpoint);
        if (relation.isEmpty()) {
            return Optional.empty();
        }
        Optional<GatewayInfo> gw = read(relation.get());
        if (gw.isEmpty()) {
            throw waiting.apply(relation.get());
        }
        return gw;
    }
}
