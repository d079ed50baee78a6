package io.jcharm.bundle;

import io.jcharm.yaml.GoFormat;
import io.jcharm.yaml.GoScalars;
import java.util.List;
import java.util.Map;

/**
 * Writes plain values (maps, lists, scalars) as block-style YAML that Juju's YAML 1.1 decoder reads
 * back unchanged: any string that would resolve to something else ({@code yes}, {@code 0},
 * {@code 1.0}, {@code ~}) or has YAML syntax in it is double-quoted.
 *
 * <pre>{@code
 * YamlEmitter.emit(Map.of("trust", true, "channel", "1.17/stable"));
 * }</pre>
 */
public final class YamlEmitter {
    private YamlEmitter() {
    }

    public static String emit(Object value) {
        StringBuilder sb = new StringBuilder();
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            map(sb, m, 0);
        } else if (value instanceof List<?> l && !l.isEmpty()) {
            list(sb, l, 0);
        } else {
            sb.append(scalar(value)).append('\n');
        }
        return sb.toString();
    }

    private static void map(StringBuilder sb, Map<?, ?> m, int indent) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            sb.append(" ".repeat(indent)).append(scalar(String.valueOf(e.getKey()))).append(':');
            value(sb, e.getValue(), indent + 2);
        }
    }

    private static void list(StringBuilder sb, List<?> l, int indent) {
        for (Object item : l) {
            sb.append(" ".repeat(indent)).append('-');
            if (item instanceof List<?> inner && !inner.isEmpty() && inner.stream().noneMatch(x -> x instanceof Map || x instanceof List)) {
                // A list of scalars inside a list (a relation) reads best in flow style.
                StringBuilder flow = new StringBuilder(" [");
                for (int i = 0; i < inner.size(); i++) {
                    flow.append(i == 0 ? "" : ", ").append(inner.get(i) instanceof String s ? GoFormat.quote(s) : scalar(inner.get(i)));
                }
                sb.append(flow).append("]\n");
            } else if (item instanceof Map<?, ?> mm && !mm.isEmpty()) {
                sb.append('\n');
                map(sb, mm, indent + 2);
            } else {
                value(sb, item, indent + 2);
            }
        }
    }

    private static void value(StringBuilder sb, Object v, int indent) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            sb.append('\n');
            map(sb, m, indent);
        } else if (v instanceof List<?> l && !l.isEmpty()) {
            sb.append('\n');
            list(sb, l, indent);
        } else {
            sb.append(' ').append(scalar(v)).append('\n');
        }
    }

    static String scalar(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map) {
            return "{}";
        }
        if (v instanceof List) {
            return "[]";
        }
        if (v instanceof Double d) {
            if (d.isNaN()) {
                return ".nan";
            }
            if (d.isInfinite()) {
                return d > 0 ? ".inf" : "-.inf";
            }
            return d.toString();
        }
        if (v instanceof String s) {
            return plainOk(s) ? s : GoFormat.quote(s);
        }
        return String.valueOf(v);
    }

    private static boolean plainOk(String s) {
        if (s.isEmpty() || !s.equals(s.strip()) || !(GoScalars.resolve(s) instanceof String)) {
            return false;
        }
        if ("-?:,[]{}#&*!|>'\"%@`".indexOf(s.charAt(0)) >= 0 || s.endsWith(":")) {
            return false;
        }
        if (s.contains(": ") || s.contains(" #") || s.contains("\t")) {
            return false;
        }
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
