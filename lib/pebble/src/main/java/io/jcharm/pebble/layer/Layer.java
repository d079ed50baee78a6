package io.jcharm.pebble.layer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.jcharm.pebble.codec.PebbleMappers;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;

/**
 * A Pebble layer: services, checks and log targets that a charm adds under a label.
 *
 * <pre>{@code
 * Layer layer = Layer.builder()
 *     .summary("mlflow layer")
 *     .service("mlflow", Service.builder().override(OverrideMode.REPLACE)
 *         .command("mlflow server").startup(Startup.ENABLED).build())
 *     .build();
 * String yaml = layer.toYaml();
 * Layer same = Layer.parse(yaml);
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"summary", "description", "services", "checks", "log-targets"})
public record Layer(
        String summary,
        String description,
        Map<String, Service> services,
        Map<String, Check> checks,
        @JsonProperty("log-targets") Map<String, LogTarget> logTargets) {

    /** Normalises empty values; entries must have a non-empty name and a value. */
    public Layer {
        Layers.requireEntries(services, "service");
        Layers.requireEntries(checks, "check");
        Layers.requireEntries(logTargets, "log target");
        summary = Values.text(summary);
        description = Values.text(description);
        services = Values.map(services, null);
        checks = Values.map(checks, null);
        logTargets = Values.map(logTargets, null);
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a layer from Pebble layer YAML; unknown top-level sections are ignored.
     *
     * @throws IllegalArgumentException saying what is wrong in the YAML
     */
    public static Layer parse(String yaml) {
        try {
            Layer layer = yaml == null || yaml.isBlank() ? null : PebbleMappers.yaml().readValue(yaml, Layer.class);
            return layer == null ? builder().build() : layer;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot parse layer YAML: " + e.getOriginalMessage(), e);
        }
    }

    /** This layer as Pebble layer YAML, empty fields omitted. */
    public String toYaml() {
        return PebbleMappers.yaml().writeValueAsString(this);
    }

    /**
     * The layer Pebble keeps when {@code other} is added with {@code combine: true} under this
     * layer's label: entries are merged or replaced per their {@code override}.
     *
     * @throws IllegalArgumentException when an entry of {@code other} has no override
     */
    public Layer combinedWith(String label, Layer other) {
        return new Layer(Values.pick(other.summary, summary), Values.pick(other.description, description),
                Layers.combine(label, "service", services, other.services, Service::override, Service::mergedWith),
                Layers.combine(label, "check", checks, other.checks, Check::override, Check::mergedWith),
                Layers.combine(label, "log target", logTargets, other.logTargets, LogTarget::override,
                        LogTarget::mergedWith));
    }

    /** Collects a {@link Layer}; every setter returns this builder. */
    public static final class Builder {
        private String summary;
        private String description;
        private final Map<String, Service> services = new TreeMap<>();
        private final Map<String, Check> checks = new TreeMap<>();
        private final Map<String, LogTarget> logTargets = new TreeMap<>();

        private Builder() {
        }

        public Builder summary(String value) { summary = value; return this; }
        public Builder description(String value) { description = value; return this; }
        public Builder service(String name, Service service) { services.put(name, service); return this; }
        public Builder check(String name, Check check) { checks.put(name, check); return this; }
        public Builder logTarget(String name, LogTarget target) { logTargets.put(name, target); return this; }

        public Layer build() {
            return new Layer(summary, description, services, checks, logTargets);
        }
    }
}
