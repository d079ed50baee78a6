package io.jcharm.pebble.emulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One service, check or log target of the emulator's plan, as Pebble holds it: the fields that
 * are set, by their YAML names (strings, {@code Long}s, {@code Double}s, lists, sorted maps,
 * durations in nanoseconds, or a nested entry for a check's {@code http}/{@code tcp}/{@code exec}).
 *
 * <pre>{@code
 * PlanEntry web = emulator.service("web").orElseThrow().startedWith();
 * String greeting = web.map("environment").get("GREETING");
 * }</pre>
 */
public final class PlanEntry {
    private final Map<String, Object> fields;

    PlanEntry(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Every set field by YAML name, in Pebble's struct order. */
    public Map<String, Object> fields() {
        return fields;
    }

    /** A text field ({@code command}, {@code startup}, ...), or "" when unset. */
    public String text(String field) {
        Object value = fields.get(field);
        return value instanceof String s ? s : "";
    }

    /** A list field ({@code requires}, ...), empty when unset. */
    @SuppressWarnings("unchecked")
    public List<String> list(String field) {
        Object value = fields.get(field);
        return value instanceof List<?> l ? (List<String>) l : List.of();
    }

    /** A map field ({@code environment}, ...), empty when unset. */
    @SuppressWarnings("unchecked")
    public Map<String, String> map(String field) {
        Object value = fields.get(field);
        return value instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }

    /** A nested entry ({@code http}, {@code tcp}, {@code exec} of a check), or null. */
    public PlanEntry entry(String field) {
        return fields.get(field) instanceof PlanEntry e ? e : null;
    }

    /** A whole-number field ({@code threshold}, {@code port}, {@code user-id}), or null when unset. */
    public Long number(String field) {
        return fields.get(field) instanceof Long n ? n : null;
    }

    /** This entry without its {@code override}, the way replan compares definitions. */
    PlanEntry content() {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.remove("override");
        return new PlanEntry(copy);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PlanEntry e && fields.equals(e.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields);
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
