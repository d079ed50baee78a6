package io.jcharm.pebble.layer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * Where Pebble forwards service logs: {@code type} is {@code loki}, {@code opentelemetry} or
 * {@code syslog}; {@code services} may hold {@code all} and {@code -name} removals.
 *
 * <pre>{@code
 * LogTarget loki = new LogTarget(OverrideMode.REPLACE, "loki", "http://loki:3100/loki/api/v1/push",
 *     List.of("all"), Map.of("juju_unit", "mlflow/0"));
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
// Pebble's LogTarget struct order: override comes after type, location and services.
@JsonPropertyOrder({"type", "location", "services", "override", "labels"})
public record LogTarget(
        OverrideMode override,
        String type,
        String location,
        List<String> services,
        Map<String, String> labels) {

    /** Normalises empty values. */
    public LogTarget {
        type = Values.text(type);
        location = Values.text(location);
        services = Values.list(services);
        labels = Values.map(labels, "");
    }

    /** Pebble's merge: type and location win when set, services are appended, labels overlaid. */
    public LogTarget mergedWith(LogTarget other) {
        return new LogTarget(override, Values.pick(other.type, type), Values.pick(other.location, location),
                Values.concat(services, other.services), Values.overlay(labels, other.labels));
    }

    /** This target with the given override mode (null clears it). */
    public LogTarget withOverride(OverrideMode mode) {
        return new LogTarget(mode, type, location, services, labels);
    }
}
