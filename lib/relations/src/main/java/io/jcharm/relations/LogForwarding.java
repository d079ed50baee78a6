package io.jcharm.relations;

import io.jcharm.core.Component;
import io.jcharm.core.Container;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.RelationDataException;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.LogTarget;
import io.jcharm.pebble.layer.OverrideMode;
import io.jcharm.pebble.layer.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The requirer side of {@code loki_push_api} as Canonical's {@code LogForwarder} does it: each
 * Loki unit writes {@code endpoint} = {@code {"url": "<push URL>"}} in its unit bag, and every
 * workload container gets a Pebble layer {@code <container>-log-forwarding} (combined) with one
 * log target per Loki unit, named after it, forwarding {@code all} services with the Juju
 * topology as labels. A target whose unit left is switched off ({@code services: [-all]}), as
 * the library does, rather than removed (Pebble cannot remove a target from a layer).
 *
 * <pre>{@code
 * Components.of(..., container, LogForwarding.component("logging", container), ...);
 * LogForwarding.forward(model, "logging", container);                     // what it runs each hook
 * // log-targets: {loki/0: {type: loki, location: http://loki-0...:3100/loki/api/v1/push, services: [all], ...}}
 * }</pre>
 */
public final class LogForwarding {
    static final String KEY = "endpoint";

    private LogForwarding() {
    }

    /**
     * The push URL of each Loki unit on {@code endpoint}, by unit name; units that have not
     * written theirs yet are left out.
     *
     * @throws RelationDataException naming the unit when its {@code endpoint} is not {@code {"url": ...}}
     */
    public static Map<String, String> endpoints(Model model, String endpoint) {
        Map<String, String> out = new TreeMap<>();
        for (Relation r : model.relations(endpoint)) {
            for (String unit : r.units()) {
                r.unit(unit).getJson(KEY, Map.class).ifPresent(e -> {
                    if (!(e.get("url") instanceof String url) || url.isBlank()) {
                        throw new RelationDataException(unit + " wrote " + KEY + " without a \"url\" on " + endpoint
                                + " (loki_push_api expects {\"url\": \"http://...:3100/loki/api/v1/push\"})");
                    }
                    out.put(unit, url);
                });
            }
        }
        return out;
    }

    /**
     * The layer that makes {@code current} forward to exactly {@code endpoints}; empty when the
     * plan already does.
     */
    public static Layer layer(Model model, Plan current, Map<String, String> endpoints) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("product", "Juju");
        labels.put("charm", model.metadata().name());
        labels.put("juju_model", model.name());
        labels.put("juju_model_uuid", model.uuid());
        labels.put("juju_application", model.app().name());
        labels.put("juju_unit", model.unit().name());
        Layer.Builder b = Layer.builder();
        boolean change = false;
        for (Map.Entry<String, String> e : endpoints.entrySet()) {
            LogTarget wanted = new LogTarget(OverrideMode.REPLACE, "loki", e.getValue(), List.of("all"), labels);
            b.logTarget(e.getKey(), wanted);
            change |= !wanted.withOverride(null).equals(normalised(current.logTargets().get(e.getKey())));
        }
        for (Map.Entry<String, LogTarget> e : current.logTargets().entrySet()) {
            if (!endpoints.containsKey(e.getKey()) && "loki".equals(e.getValue().type())
                    && !e.getValue().services().contains("-all")) {
                b.logTarget(e.getKey(), new LogTarget(OverrideMode.REPLACE, "loki", "(removed)", List.of("-all"), Map.of()));
                change = true;
            }
        }
        return change ? b.build() : Layer.builder().build();
    }

    /**
     * Points {@code container}'s Pebble at the Loki units related on {@code endpoint}; adds a
     * layer only when something changes (no replan is needed: Pebble applies log targets as the
     * plan changes).
     */
    public static void forward(Model model, String endpoint, Container container) {
        Map<String, String> endpoints = endpoints(model, endpoint);
        Layer layer = layer(model, container.plan(), endpoints);
        if (!layer.logTargets().isEmpty()) {
            container.addLayer(container.name() + "-log-forwarding", layer, true);
            model.log().info("log forwarding of " + container.name() + ": " + (endpoints.isEmpty() ? "off" : String.join(", ", endpoints.keySet())));
        }
    }

    /** A component named after {@code endpoint} that runs {@link #forward} once the container is reachable. */
    public static Component<Void> component(String endpoint, Component<Container> container) {
        return Component.of(endpoint, container, (m, c) -> forward(m, endpoint, c));
    }

    private static LogTarget normalised(LogTarget t) {
        return t == null ? null : t.withOverride(null);
    }
}
