package io.jcharm.local;

import io.jcharm.controller.Jujuc;
import io.jcharm.core.meta.ActionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Action parameters checked and typed against actions.yaml, as {@code juju run} does before an
 * action reaches the unit, and action results nested from their dotted keys.
 *
 * <pre>{@code
 * Map<String, Object> p = Actions.params(spec, Map.of("name", "world"));  // {name=world, shout=false}
 * Actions.unflatten(Map.of("a.b", "1"));                                  // {a={b=1}}
 * }</pre>
 */
final class Actions {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private Actions() {
    }

    /**
     * @throws LocalModelException listing every problem (unknown, missing, mistyped parameters)
     */
    static Map<String, Object> params(ActionSpec spec, Map<String, String> given) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> out = new LinkedHashMap<>();
        spec.params().forEach((name, schema) -> {
            if (schema.containsKey("default") && !given.containsKey(name)) {
                out.put(name, schema.get("default"));
            }
        });
        given.forEach((name, text) -> {
            Map<String, Object> schema = spec.params().get(name);
            if (schema == null) {
                if (!spec.additionalProperties()) {
                    problems.add("additional property \"" + name + "\" is not allowed (parameters: " + spec.params().keySet() + ")");
                } else {
                    out.put(name, text);
                }
                return;
            }
            String type = String.valueOf(schema.getOrDefault("type", "string"));
            try {
                out.put(name, typed(type, text));
            } catch (IllegalArgumentException e) {
                problems.add(name + ": expected " + type + ", got \"" + text + "\"");
            }
        });
        for (String r : spec.required()) {
            if (!out.containsKey(r)) {
                problems.add("\"" + r + "\" is required");
            }
        }
        if (!problems.isEmpty()) {
            throw new LocalModelException("invalid parameters for action \"" + spec.name() + "\": " + String.join("; ", problems),
                    "pass them as key=value, e.g. jcharm run-action <unit> " + spec.name() + " "
                            + String.join(" ", spec.required().stream().map(r -> r + "=...").toList()));
        }
        return out;
    }

    private static Object typed(String type, String text) {
        switch (type) {
            case "integer":
                try {
                    return Long.parseLong(text.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(text, e);
                }
            case "number":
                try {
                    return Double.parseDouble(text.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(text, e);
                }
            case "boolean":
                return Jujuc.parseBool(text.trim()).orElseThrow(() -> new IllegalArgumentException(text));
            case "array", "object":
                try {
                    Object v = YAML.readValue(text, Object.class);
                    if ("array".equals(type) ? !(v instanceof List) : !(v instanceof Map)) {
                        throw new IllegalArgumentException(text);
                    }
                    return v;
                } catch (JacksonException e) {
                    throw new IllegalArgumentException(text, e);
                }
            default:
                return text;
        }
    }

    /** {@code a.b=1, a.c=2} to {@code {a: {b: 1, c: 2}}}; a key both leaf and parent keeps the parent. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> unflatten(Map<String, String> flat) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(flat).entrySet()) {
            String[] parts = e.getKey().split("\\.");
            Map<String, Object> m = out;
            for (int i = 0; i < parts.length - 1; i++) {
                Object next = m.get(parts[i]);
                if (!(next instanceof Map)) {
                    next = new TreeMap<String, Object>();
                    m.put(parts[i], next);
                }
                m = (Map<String, Object>) next;
            }
            if (!(m.get(parts[parts.length - 1]) instanceof Map)) {
                m.put(parts[parts.length - 1], e.getValue());
            }
        }
        return out;
    }
}
