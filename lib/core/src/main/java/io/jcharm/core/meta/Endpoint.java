package io.jcharm.core.meta;

/**
 * One relation endpoint a charm declares.
 *
 * <pre>{@code
 * Endpoint e = new Endpoint("gateway-info", Role.REQUIRER, "istio-gateway-info", 1, true, "global");
 * }</pre>
 *
 * @param limit the most relations allowed; 0 means no limit
 * @param scope {@code global} or {@code container}
 */
public record Endpoint(String name, Role role, String interfaceName, int limit, boolean optional, String scope) {

    /** Whether the endpoint is container-scoped (subordinate relations). */
    public boolean containerScoped() {
        return "container".equals(scope);
    }
}
