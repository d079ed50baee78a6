package io.jcharm.charms.istio;

import java.util.Map;

/**
 * How big a workload is in a profile: its requests and limits, and whether an autoscaler
 * manages its replicas (default profile) or it runs exactly one (edge).
 *
 * <pre>{@code
 * Sizing s = Sizing.istiod(cfg);  // edge: 1 replica, 50m/128Mi requested, 1 CPU/512Mi limit
 * }</pre>
 *
 * @param requests resource name to quantity, e.g. cpu=500m
 * @param limits empty for no limits
 */
public record Sizing(boolean autoscale, Map<String, String> requests, Map<String, String> limits) {

    /** istiod: upstream Istio's default requests under an autoscaler, or a small single replica. */
    public static Sizing istiod(IstioConfig cfg) {
        return cfg.edge()
                ? new Sizing(false, Map.of("cpu", "50m", "memory", "128Mi"), Map.of("cpu", "1", "memory", "512Mi"))
                : new Sizing(true, Map.of("cpu", "500m", "memory", "2Gi"), Map.of());
    }

    /** The ingress gateway's Envoy. */
    public static Sizing gateway(IstioConfig cfg) {
        return cfg.edge()
                ? new Sizing(false, Map.of("cpu", "10m", "memory", "40Mi"), Map.of("cpu", "500m", "memory", "256Mi"))
                : new Sizing(true, Map.of("cpu", "100m", "memory", "128Mi"), Map.of("cpu", "2", "memory", "1Gi"));
    }
}
