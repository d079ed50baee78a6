package io.jcharm.relations;

import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider side of {@code prometheus_scrape}, as Canonical's library writes it: app-bag
 * keys {@code scrape_jobs} (one static job), {@code scrape_metadata} (the Juju topology) and
 * {@code alert_rules} (none), all JSON.
 *
 * <pre>{@code
 * MetricsEndpoint.publish(model, "metrics-endpoint", "/metrics", List.of("*:8080"));
 * MetricsEndpoint.publishUnitAddress(model, "metrics-endpoint");  // what "*" expands to
 * }</pre>
 */
public final class MetricsEndpoint {
    private MetricsEndpoint() {
    }

    /** Writes the job on every relation of {@code endpoint} (leader only; a no-op elsewhere). */
    public static void publish(Model model, String endpoint, String metricsPath, List<String> targets) {
        publish(model, endpoint, null, null, metricsPath, targets);
    }

    /**
     * As {@link #publish(Model, String, String, List)}, with the job's name and scrape interval
     * (e.g. "30s") as the charm's Python counterpart sets them.
     */
    public static void publish(Model model, String endpoint, String jobName, String scrapeInterval, String metricsPath,
            List<String> targets) {
        for (Relation r : model.relations(endpoint)) {
            if (!r.localApp().writable()) {
                continue;
            }
            Map<String, Object> job = new LinkedHashMap<>();
            if (jobName != null) {
                job.put("job_name", jobName);
            }
            if (scrapeInterval != null) {
                job.put("scrape_interval", scrapeInterval);
            }
            job.put("metrics_path", metricsPath);
            job.put("static_configs", List.of(Map.of("targets", List.copyOf(targets))));
            Map<String, Object> topology = new LinkedHashMap<>();
            topology.put("model", model.name());
            topology.put("model_uuid", model.uuid());
            topology.put("application", model.app().name());
            topology.put("unit", model.unit().name());
            topology.put("charm_name", model.metadata().name());
            r.localApp().putJson("scrape_jobs", List.of(job));
            r.localApp().putJson("scrape_metadata", topology);
            // Canonical's schema requires the key even when there are no rules.
            r.localApp().putJson("alert_rules", Map.of("groups", List.of()));
        }
    }

    /**
     * Writes this unit's address and name in its unit bag on every relation of
     * {@code endpoint}, which Prometheus uses to expand a wildcard target such as "*:8080".
     */
    public static void publishUnitAddress(Model model, String endpoint) {
        List<Relation> relations = model.relations(endpoint);
        if (relations.isEmpty()) {
            return;
        }
        List<String> ingress = model.network(endpoint).ingressAddresses();
        String address = ingress.isEmpty() ? "" : ingress.get(0);
        for (Relation r : relations) {
            r.localUnit().put("prometheus_scrape_unit_address", address);
            r.localUnit().put("prometheus_scrape_unit_name", model.unit().name());
        }
    }
}
