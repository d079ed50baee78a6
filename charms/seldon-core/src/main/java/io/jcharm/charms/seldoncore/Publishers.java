package io.jcharm.charms.seldoncore;

import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.relations.GatewayInfo;
import io.jcharm.relations.MetricsEndpoint;
import java.util.List;
import java.util.Optional;

/**
 * The charm's relations: reads the Istio gateway from {@code gateway-info}, and publishes the
 * scrape job on {@code metrics-endpoint} as Canonical's prometheus_scrape library writes it.
 *
 * <pre>{@code
 * Optional<GatewayInfo> gw = Publishers.gateway(model);  // Waiting until the provider wrote its data
 * Publishers.metrics(model, 8080);                       // scrape_jobs targets ["*:8080"]
 * }</pre>
 */
final class Publishers {
    static final String GATEWAY_INFO = "gateway-info";
    static final String METRICS_ENDPOINT = "metrics-endpoint";

    private Publishers() {
    }

    /**
     * The gateway, or empty when not related.
     *
     * @throws StatusException Waiting while the provider has not written its data, Blocked when it is malformed
     */
    static Optional<GatewayInfo> gateway(Model model) throws StatusException {
        return GatewayInfo.fromEndpoint(model, GATEWAY_INFO);
    }

    /**
     * Every unit's address and name in its unit bag (the wildcard target "*:port" expands to
     * them); on the leader, the job, the Juju topology and (no) alert rules in the app bag.
     */
    static void metrics(Model model, int metricsPort) {
        MetricsEndpoint.publishUnitAddress(model, METRICS_ENDPOINT);
        MetricsEndpoint.publish(model, METRICS_ENDPOINT, "/metrics", List.of("*:" + metricsPort));
    }
}
