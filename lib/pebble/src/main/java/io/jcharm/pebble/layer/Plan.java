package io.jcharm.pebble.layer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.jcharm.yaml.GoYamlWriter;
import io.jcharm.pebble.codec.PebbleMappers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * Pebble's combined plan: every layer applied in order.
 *
 * <pre>{@code
 * Plan plan = client.plan();
 * if (!plan.contains(layer)) {
 *     client.addLayer("mlflow", layer, true);
 *     client.replan(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"services", "checks", "log-targets"})
public record Plan(
        Map<String, Service> services,
        Map<String, Check> checks,
        @JsonProperty("log-targets") Map<String, LogTarget> logTargets) {

    private static final Set<String> GO_MAPS = Set.of("environment", "on-check-failure", "headers", "labels");
    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() { };

    /** The plan of a Pebble with no layers. */
    public static final Plan EMPTY = new Plan(Map.of(), Map.of(), Map.of());

    /** Normalises empty values. */
    public Plan {
        Layers.requireEntries(services, "service");
        Layers.requireEntries(checks, "check");
        Layers.requireEntries(logTargets, "log target");
        services = Values.map(services, null);
        checks = Values.map(checks, null);
        logTargets = Values.map(logTargets, null);
    }

    /**
     * Reads the plan YAML that {@code GET /v1/plan?format=yaml} returns.
     *
     * @throws IllegalArgumentException saying what is wrong in the YAML
     */
    public static Plan parse(String yaml) {
        try {
            Plan plan = yaml == null || yaml.isBlank() ? null : PebbleMappers.yaml().readValue(yaml, Plan.class);
            return plan == null ? EMPTY : plan;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot parse plan YAML: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The plan as YAML, laid out exactly as Pebble writes it for {@code GET /v1/plan} (Go's
     * yaml.v3: struct field order, Go's map key order, no line folding, yaml.v3's quoting).
     */
    public String toYaml() {
        Map<String, Object> document = new LinkedHashMap<>();
        section(document, "services", services, false);
        section(document, "checks", checks, false);
        section(document, "log-targets", logTargets, true);
        return GoYamlWriter.write(document);
    }

    private static void section(Map<String, Object> document, String name, Map<String, ?> entries,
            boolean logTargets) {
        if (entries.isEmpty()) {
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : GoYamlWriter.sortKeys(entries.keySet())) {
            Map<String, Object> fields = struct(PebbleMappers.json().convertValue(entries.get(key), FIELDS));
            if (logTargets) {
                // Pebble's LogTarget has no omitempty on type, location and services.
                Map<String, Object> always = new LinkedHashMap<>();
                always.put("type", fields.getOrDefault("type", ""));
                always.put("location", fields.getOrDefault("location", ""));
                always.put("services", fields.getOrDefault("services", List.of()));
                always.putAll(fields);
                fields = always;
            }
            out.put(key, fields);
        }
        document.put(name, out);
    }

    /** A struct's fields in their declared order; its Go maps (environment, labels...) in Go's key order. */
    private static Map<String, Object> struct(Map<String, Object> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((field, value) -> {
            if (value instanceof Map<?, ?> map && GO_MAPS.contains(field)) {
                Map<String, Object> sorted = new LinkedHashMap<>();
                GoYamlWriter.sortKeys(map.keySet().stream().map(String::valueOf).toList())
                        .forEach(k -> sorted.put(k, map.get(k)));
                out.put(field, sorted);
            } else if (value instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) map;
                out.put(field, struct(nested));
            } else {
                out.put(field, value);
            }
        });
        return out;
    }

    /** The named service, if the plan has it. */
    public Optional<Service> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    /** The named check, if the plan has it. */
    public Optional<Check> check(String name) {
        return Optional.ofNullable(checks.get(name));
    }

    /**
     * The plan after adding {@code layer} on top (Pebble's CombineLayers for one more layer),
     * with the defaults Pebble stores in the plan it serves: a check without a threshold gets
     * {@link Check#DEFAULT_THRESHOLD}. Pebble also defaults a check's period and timeout and a
     * service's backoff settings, but never writes those into {@code GET /v1/plan}; see
     * {@link Check#effectivePeriod()} and {@link Service#effectiveBackoffDelay()}.
     *
     * @param label the layer's label, used in error messages
     * @throws IllegalArgumentException when an entry has no override, with Pebble's message
     */
    public Plan combine(String label, Layer layer) {
        Map<String, Check> combinedChecks = new TreeMap<>(
                Layers.combine(label, "check", checks, layer.checks(), Check::override, Check::mergedWith));
        combinedChecks.replaceAll((name, check) -> check.threshold() != null && check.threshold() != 0 ? check
                : check.toBuilder().threshold(Check.DEFAULT_THRESHOLD).build());
        return new Plan(
                Layers.combine(label, "service", services, layer.services(), Service::override, Service::mergedWith),
                combinedChecks,
                Layers.combine(label, "log target", logTargets, layer.logTargets(), LogTarget::override,
                        LogTarget::mergedWith));
    }

    /**
     * True when adding {@code layer} would change no service, check or log target of this plan.
     * Lists append under {@code override: merge} (as in Pebble), so a merge layer with
     * {@code after}, {@code before}, {@code requires} or log-target {@code services} never counts
     * as contained: charms that want idempotent layers use {@code override: replace}.
     */
    public boolean contains(Layer layer) {
        return changedServices(layer).isEmpty() && changedChecks(layer).isEmpty()
                && changedLogTargets(layer).isEmpty();
    }

    /** Names of the services whose combined definition adding {@code layer} would change. */
    public Set<String> changedServices(Layer layer) {
        return changed(services, combine(null, layer).services, layer.services().keySet(),
                s -> s.withOverride(null));
    }

    /** Names of the checks whose combined definition adding {@code layer} would change. */
    public Set<String> changedChecks(Layer layer) {
        return changed(checks, combine(null, layer).checks, layer.checks().keySet(), c -> c.withOverride(null));
    }

    /** Names of the log targets whose combined definition adding {@code layer} would change. */
    public Set<String> changedLogTargets(Layer layer) {
        return changed(logTargets, combine(null, layer).logTargets, layer.logTargets().keySet(),
                t -> t.withOverride(null));
    }

    /**
     * Checks the rules Pebble enforces on a combined plan, with Pebble's messages.
     *
     * @throws IllegalArgumentException for the first rule broken
     */
    public void validate() {
        services.forEach((name, s) -> {
            if (s.command() == null) {
                fail("plan must define \"command\" for service \"%s\"", name);
            }
            if (s.backoffFactor() != null && s.backoffFactor() < 1) {
                fail("plan service \"%s\" backoff-factor must be 1.0 or greater, not %s", name, s.backoffFactor());
            }
            for (String other : s.requires()) {
                if (!services.containsKey(other)) {
                    fail("service \"%s\" does not exist", other);
                }
            }
        });
        checks.forEach((name, c) -> {
            // Pebble 1.32 refuses only zero values; a timeout above the period is capped to it.
            if (c.period() != null && c.period().isZero()) {
                fail("plan check \"%s\" period must not be zero", name);
            }
            if (c.timeout() != null && c.timeout().isZero()) {
                fail("plan check \"%s\" timeout must not be zero", name);
            }
            int kinds = (c.http() == null ? 0 : 1) + (c.tcp() == null ? 0 : 1) + (c.exec() == null ? 0 : 1);
            if (kinds != 1) {
                fail("plan must specify one of \"http\", \"tcp\", or \"exec\" for check \"%s\"", name);
            }
            if (c.http() != null && c.http().url() == null) {
                fail("plan must set \"url\" for http check \"%s\"", name);
            }
            if (c.tcp() != null && (c.tcp().port() == null || c.tcp().port() == 0)) {
                fail("plan must set \"port\" for tcp check \"%s\"", name);
            }
            if (c.exec() != null && c.exec().command() == null) {
                fail("plan must set \"command\" for exec check \"%s\"", name);
            }
        });
        logTargets.forEach((name, t) -> {
            if (t.type() == null) {
                fail("plan must define \"type\" (\"loki\", \"opentelemetry\" or \"syslog\") for log target \"%s\"", name);
            }
            if (t.location() == null) {
                fail("plan must define \"location\" for log target \"%s\"", name);
            }
        });
    }

    private static <T> Set<String> changed(Map<String, T> before, Map<String, T> after, Set<String> names,
            Function<T, T> contentOnly) {
        Set<String> out = new TreeSet<>();
        for (String name : names) {
            T old = before.get(name);
            if (old == null || !Objects.equals(contentOnly.apply(old), contentOnly.apply(after.get(name)))) {
                out.add(name);
            }
        }
        return out;
    }

    private static void fail(String format, Object... args) {
        throw new IllegalArgumentException(String.format(format, args));
    }
}
