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
 * action reaches the unit (type, enum, pattern, lengths, bounds, required, additionalProperties;
 * every problem at once), and action results nested from their dotted keys.
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
            Object value;
            try {
                value = typed(type, text);
            } catch (IllegalArgumentException e) {
                problems.add(name + ": expected " + type + ", got \"" + text + "\"");
                return;
            }
            problems.addAll(constraints(name, schema, value));
            out.put(name, value);
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

    /**
     * The JSON-schema keywords actions.yaml uses beyond the type: {@code enum}, {@code pattern},
     * {@code minLength}/{@code maxLength}, {@code minimum}/{@code maximum} and their exclusive forms.
     */
    static List<String> constraints(String name, Map<String, Object> schema, Object value) {
        List<String> problems = new ArrayList<>();
        if (schema.get("enum") instanceof List<?> allowed && allowed.stream().noneMatch(a -> sameValue(a, value))) {
            problems.add(name + ": " + show(value) + " must be one of " + allowed.stream().map(Actions::show).toList());
        }
        if (value instanceof String s) {
            if (schema.get("pattern") instanceof String pattern && !java.util.regex.Pattern.compile(pattern).matcher(s).find()) {
                problems.add(name + ": " + show(s) + " does not match pattern " + show(pattern));
            }
            int length = s.codePointCount(0, s.length());
            if (schema.get("minLength") instanceof Number min && length < min.longValue()) {
                problems.add(name + ": length of " + show(s) + " must be >= " + min + ", but got " + length);
            }
            if (schema.get("maxLength") instanceof Number max && length > max.longValue()) {
                problems.add(name + ": length of " + show(s) + " must be <= " + max + ", but got " + length);
            }
        }
        if (value instanceof Number n) {
            double v = n.doubleValue();
            bound(problems, name, n, schema.get("minimum"), ">=", v < number(schema.get("minimum")));
            bound(problems, name, n, schema.get("maximum"), "<=", v > number(schema.get("maximum")));
            bound(problems, name, n, schema.get("exclusiveMinimum"), ">", v <= number(schema.get("exclusiveMinimum")));
            bound(problems, name, n, schema.get("exclusiveMaximum"), "<", v >= number(schema.get("exclusiveMaximum")));
        }
        return problems;
    }

    private static void bound(List<String> problems, String name, Number value, Object limit, String op, boolean broken) {
        if (limit instanceof Number && broken) {
            problems.add(name + ": must be " + op + " " + limit + " but found " + value);
        }
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** enum members compare as JSON values: 1 equals 1.0. */
    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return java.util.Objects.equals(a, b);
    }

    private static String show(Object o) {
        return o instanceof String s ? "\"" + s + "\"" : String.valueOf(o);
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
