package io.jcharm.pebble.emulator;

import io.jcharm.yaml.GoDurations;
import io.jcharm.yaml.GoYamlWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The fields of Pebble's plan structs (canonical/pebble v1.32.1, internals/plan/plan.go), in
 * struct order, with how each decodes from YAML, merges under {@code override: merge} and is left
 * out when empty; the emulator's own reading of Pebble's rules, independent of the client.
 *
 * <pre>{@code
 * PlanEntry check = PlanSchema.CHECK.decode(node, yamlLine);
 * PlanEntry merged = PlanSchema.CHECK.merge(old, check);
 * }</pre>
 */
final class PlanSchema {
    /** How a field decodes, merges and is written. */
    enum Kind {
        /** A string: a non-empty value wins; omitted when empty. */
        TEXT,
        /** The override mode: never merged (the first layer's stays, as in Pebble). */
        OVERRIDE,
        /** A string Pebble writes even when empty (log target type and location). */
        TEXT_ALWAYS,
        /** An int where 0 means unset (threshold, port). */
        INT,
        /** An int pointer (user-id, group-id): set even when 0. */
        INT_POINTER,
        /** An OptionalDuration: a YAML string in Go syntax. */
        DURATION,
        /** An OptionalFloat. */
        FLOAT,
        /** A list, appended on merge; omitted when empty. */
        LIST,
        /** A list Pebble writes even when empty (log target services). */
        LIST_ALWAYS,
        /** A string map, overlaid on merge. */
        MAP,
        /** A nested struct (a check's http, tcp or exec). */
        NESTED
    }

    record Field(String name, Kind kind, PlanSchema nested) {
    }

    /** A yaml.v3 type error ("line N: cannot unmarshal ..."), which Pebble reports under "yaml: unmarshal errors:". */
    static final class TypeError extends IllegalArgumentException {
        TypeError(String message) {
            super(message);
        }
    }

    static final PlanSchema HTTP = new PlanSchema("plan.HTTPCheck", List.of(
            f("url", Kind.TEXT), f("headers", Kind.MAP)));
    static final PlanSchema TCP = new PlanSchema("plan.TCPCheck", List.of(
            f("port", Kind.INT), f("host", Kind.TEXT)));
    static final PlanSchema EXEC = new PlanSchema("plan.ExecCheck", List.of(
            f("command", Kind.TEXT), f("service-context", Kind.TEXT), f("environment", Kind.MAP),
            f("user-id", Kind.INT_POINTER), f("user", Kind.TEXT), f("group-id", Kind.INT_POINTER),
            f("group", Kind.TEXT), f("working-dir", Kind.TEXT)));
    static final PlanSchema SERVICE = new PlanSchema("plan.Service", List.of(
            f("summary", Kind.TEXT), f("description", Kind.TEXT), f("startup", Kind.TEXT),
            f("override", Kind.OVERRIDE), f("command", Kind.TEXT), f("after", Kind.LIST), f("before", Kind.LIST),
            f("requires", Kind.LIST), f("workload", Kind.TEXT), f("environment", Kind.MAP),
            f("user-id", Kind.INT_POINTER), f("user", Kind.TEXT), f("group-id", Kind.INT_POINTER),
            f("group", Kind.TEXT), f("working-dir", Kind.TEXT), f("on-success", Kind.TEXT),
            f("on-failure", Kind.TEXT), f("on-check-failure", Kind.MAP), f("backoff-delay", Kind.DURATION),
            f("backoff-factor", Kind.FLOAT), f("backoff-limit", Kind.DURATION), f("kill-delay", Kind.DURATION)));
    static final PlanSchema CHECK = new PlanSchema("plan.Check", List.of(
            f("override", Kind.OVERRIDE), f("level", Kind.TEXT), f("startup", Kind.TEXT),
            f("period", Kind.DURATION), f("timeout", Kind.DURATION), f("threshold", Kind.INT),
            new Field("http", Kind.NESTED, HTTP), new Field("tcp", Kind.NESTED, TCP),
            new Field("exec", Kind.NESTED, EXEC)));
    // Pebble's LogTarget struct puts override after type, location and services, which have no omitempty.
    static final PlanSchema LOG_TARGET = new PlanSchema("plan.LogTarget", List.of(
            f("type", Kind.TEXT_ALWAYS), f("location", Kind.TEXT_ALWAYS), f("services", Kind.LIST_ALWAYS),
            f("override", Kind.OVERRIDE), f("labels", Kind.MAP)));

    private final String goType;
    private final List<Field> fields;

    private PlanSchema(String goType, List<Field> fields) {
        this.goType = goType;
        this.fields = fields;
    }

    /** The Go type name, as yaml.v3 messages show it. */
    String goType() {
        return goType;
    }

    /** {@code values} in this struct's field order. */
    Map<String, Object> ordered(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field field : fields) {
            if (values.containsKey(field.name())) {
                out.put(field.name(), values.get(field.name()));
            }
        }
        return out;
    }

    private static Field f(String name, Kind kind) {
        return new Field(name, kind, null);
    }

    /**
     * Decodes one entry the way yaml.v3 fills Pebble's struct (KnownFields on).
     *
     * @param base the line of the section's first entry, so lines count from the section as Pebble's do
     * @throws IllegalArgumentException with yaml.v3's "line N: ..." text
     */
    PlanEntry decode(Node node, int base) {
        if (!(node instanceof MappingNode mapping)) {
            throw typeError(node, base, goType);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Node> byName = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (field(key) == null) {
                throw new TypeError(line(tuple.getKeyNode(), base) + "field " + key
                        + " not found in type " + goType);
            }
            byName.put(key, tuple.getValueNode());
        }
        for (Field field : fields) {
            Node value = byName.get(field.name());
            if (value == null || isNull(value)) {
                continue;
            }
            Object decoded = decodeValue(field, value, base);
            if (decoded != null) {
                values.put(field.name(), decoded);
            }
        }
        return new PlanEntry(values);
    }

    private Object decodeValue(Field field, Node value, int base) {
        switch (field.kind()) {
            case TEXT, OVERRIDE, TEXT_ALWAYS -> {
                String text = requireScalar(value, base, "string");
                return text.isEmpty() ? null : text;
            }
            case INT, INT_POINTER -> {
                String text = requireScalar(value, base, "int");
                long n;
                try {
                    n = Long.decode(text.replace("0o", "0").replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new TypeError(line(value, base) + "cannot unmarshal !!"
                            + tagName(value) + " `" + text + "` into int");
                }
                return field.kind() == Kind.INT && n == 0 ? null : n;
            }
            case DURATION -> {
                if (!(value instanceof ScalarNode)) {
                    throw new IllegalArgumentException("duration must be a YAML string");
                }
                String text = scalar(value);
                try {
                    return GoDurations.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("invalid duration \"" + text + "\"");
                }
            }
            case FLOAT -> {
                if (!(value instanceof ScalarNode)) {
                    throw new IllegalArgumentException("value must be a YAML number");
                }
                String text = scalar(value);
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid floating-point number \"" + text + "\"");
                }
            }
            case LIST, LIST_ALWAYS -> {
                if (!(value instanceof SequenceNode sequence)) {
                    throw typeError(value, base, "[]string");
                }
                List<String> items = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    items.add(isNull(item) ? "" : requireScalar(item, base, "string"));
                }
                return items.isEmpty() ? null : List.copyOf(items);
            }
            case MAP -> {
                if (!(value instanceof MappingNode map)) {
                    throw typeError(value, base, "map[string]string");
                }
                Map<String, String> out = new TreeMap<>();
                for (NodeTuple tuple : map.getValue()) {
                    Node v = tuple.getValueNode();
                    out.put(scalar(tuple.getKeyNode()), isNull(v) ? "" : requireScalar(v, base, "string"));
                }
                return out.isEmpty() ? null : out;
            }
            case NESTED -> {
                return field.nested().decode(value, base);
            }
            default -> throw new IllegalStateException("unhandled field kind " + field.kind());
        }
    }

    /** {@code other} merged into {@code base} field by field, as Pebble's Merge methods do. */
    PlanEntry merge(PlanEntry base, PlanEntry other) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field field : fields) {
            Object mine = base.fields().get(field.name());
            Object theirs = other.fields().get(field.name());
            Object merged = switch (field.kind()) {
                case OVERRIDE -> mine;
                case LIST, LIST_ALWAYS -> concat(mine, theirs);
                case MAP -> overlay(mine, theirs);
                case NESTED -> theirs == null ? mine
                        : field.nested().merge(mine == null ? new PlanEntry(Map.of()) : (PlanEntry) mine,
                                (PlanEntry) theirs);
                default -> theirs != null ? theirs : mine;
            };
            if (merged != null) {
                out.put(field.name(), merged);
            }
        }
        return new PlanEntry(out);
    }

    /** The entry as an ordered map of what Pebble writes: set fields, plus the ones it always writes. */
    Map<String, Object> toYamlMap(PlanEntry entry) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field field : fields) {
            Object value = entry.fields().get(field.name());
            if (value == null && field.kind() == Kind.TEXT_ALWAYS) {
                value = "";
            } else if (value == null && field.kind() == Kind.LIST_ALWAYS) {
                value = List.of();
            } else if (value instanceof PlanEntry nested) {
                value = field.nested().toYamlMap(nested);
            } else if (value instanceof Duration d) {
                value = GoDurations.format(d);
            } else if (value instanceof Map<?, ?> map) {
                Map<String, Object> ordered = new LinkedHashMap<>();
                GoYamlWriter.sortKeys(map.keySet().stream().map(String::valueOf).toList())
                        .forEach(k -> ordered.put(k, map.get(k)));
                value = ordered;
            }
            if (value != null) {
                out.put(field.name(), value);
            }
        }
        return out;
    }

    private Field field(String name) {
        for (Field field : fields) {
            if (field.name().equals(name)) {
                return field;
            }
        }
        return null;
    }

    private static Object concat(Object a, Object b) {
        List<Object> out = new ArrayList<>();
        if (a instanceof List<?> l) {
            out.addAll(l);
        }
        if (b instanceof List<?> l) {
            out.addAll(l);
        }
        return out.isEmpty() ? null : List.copyOf(out);
    }

    private static Object overlay(Object a, Object b) {
        Map<Object, Object> out = new TreeMap<>();
        if (a instanceof Map<?, ?> m) {
            out.putAll(m);
        }
        if (b instanceof Map<?, ?> m) {
            out.putAll(m);
        }
        return out.isEmpty() ? null : out;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : "";
    }

    private static String requireScalar(Node node, int base, String goType) {
        if (!(node instanceof ScalarNode s)) {
            throw typeError(node, base, goType);
        }
        return s.getValue();
    }

    private static TypeError typeError(Node node, int base, String goType) {
        String shown = node instanceof ScalarNode s ? " `" + s.getValue() + "`" : "";
        return new TypeError(line(node, base) + "cannot unmarshal !!" + tagName(node) + shown
                + " into " + goType);
    }

    private static String tagName(Node node) {
        if (node instanceof MappingNode) {
            return "map";
        }
        if (node instanceof SequenceNode) {
            return "seq";
        }
        String tag = node.getTag().getValue();
        return tag.substring(tag.lastIndexOf(':') + 1);
    }

    private static String line(Node node, int base) {
        int line = node.getStartMark().map(m -> m.getLine() + 1).orElse(base) - base + 1;
        return "line " + line + ": ";
    }
}
