package io.jcharm.bundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers for plain YAML values (maps, lists, scalars) as {@link io.jcharm.yaml.GoYaml} makes them. */
final class Raw {
    private Raw() {
    }

    static Map<String, Object> map(Object o) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }

    /** A deep, mutable copy. */
    static Object copy(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        return o;
    }

    static List<String> path(List<String> base, String... more) {
        List<String> p = new ArrayList<>(base);
        p.addAll(List.of(more));
        return List.copyOf(p);
    }

    /** A scalar's text as Go prints it (integers without ".0"). */
    static String text(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v);
    }

    static String yamlKind(Object v) {
        if (v instanceof Map) {
            return "!!map";
        }
        if (v instanceof List) {
            return "!!seq";
        }
        if (v instanceof Boolean) {
            return "!!bool";
        }
        if (v instanceof Long || v instanceof java.math.BigInteger) {
            return "!!int";
        }
        if (v instanceof Double) {
            return "!!float";
        }
        return v == null ? "!!null" : "!!str";
    }

    static boolean isEmpty(Object v) {
        return v == null || v instanceof Map<?, ?> m && m.isEmpty() || v instanceof List<?> l && l.isEmpty()
                || "".equals(v) || Boolean.FALSE.equals(v) || Long.valueOf(0).equals(v);
    }
}
