package io.jcharm.bundle;

import java.util.List;
import java.util.Map;

/**
 * An offer an application makes (overlay only).
 *
 * <pre>{@code
 * new OfferSpec(List.of("gateway-info"), Map.of("admin", "consume"))
 * }</pre>
 */
public record OfferSpec(List<String> endpoints, Map<String, String> acl) {
    public OfferSpec {
        endpoints = List.copyOf(endpoints);
        acl = Maps.copy(acl);
    }
}
