package io.jcharm.charms.seldoncore;

import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import io.jcharm.core.tools.NetworkInfo;
import io.jcharm.relations.GatewayInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Optional<Relation> relation = model.relation(GATEWAY_INFO);
        if (relation.isEmpty()) {
            return Optional.empty();
        }
        Optional<GatewayInfo> gw = GatewayInfo.read(relation.get());
        if (gw.isEmpty()) {
            throw StatusException.waiting("waiting for gateway info relation data");
        }
        return gw;
    }

    /**
     * Every unit's address and name in its unit bag (the wildcard target "*:port" expands to
     * them); on the leader, the job, the Juju topology and (no) alert rules in the app bag.
     */
    static void metrics(Model model, int metricsPort) {
        List<Relation> relations = model.relations(METRICS_ENDPOINT);
        if (relations.isEmpty()) {
            return;
        }
        NetworkInfo net = model.network(METRICS_ENDPOINT);
        String address = net.ingressAddresses().isEmpty() ? "" : net.ingressAddresses().get(0);
        for (Relation r : relations) {
            r.localUnit().put("prometheus_scrape_unit_address", address);
            r.localUnit().put("prometheus_scrape_unit_name", model.unit().name());
            if (!r.localApp().writable()) {
                continue;
            }
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("metrics_path", "/metrics");
            job.put("static_configs", List.of(Map.of("targets", List.of("*:" + metricsPort))));
            Map<String, Object> topology = new LinkedHashMap<>();
            topology.put("model", model.name());
            topology.put("model_uuid", model.uuid());
            topology.put("application", model.app().name());
            topology.put("unit", model.unit().name());
            topology.put("charm_name", model.metadata().name());
            r.localApp().putJson("scrape_jobs", List.of(job));
            r.localApp().putJson("scrape_metadata", topology);
            r.localApp().putJson("alert_rules", Map.of("groups", List.of()));
        }
    }
}
