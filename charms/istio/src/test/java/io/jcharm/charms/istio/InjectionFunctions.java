package io.jcharm.charms.istio;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The functions istiod offers the injection template, for {@link GoTemplate}: Go's builtins,
 * the Sprig functions the template uses, and Istio's own (pkg/kube/inject/template.go in Istio
 * 1.28.0: annotation, isset, excludeInboundPort, valueOrDefault, structToJSON, protoToJSON,
 * fromJSON, toYaml, an indent that leaves the first line alone, and contains with the needle
 * first). Each is written from its documented behaviour; an unknown name throws.
 *
 * <pre>{@code
 * InjectionFunctions.call("default", List.of("1337", null));  // "1337"
 * }</pre>
 */
final class InjectionFunctions {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES).enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS).build();

    private InjectionFunctions() {
    }

    static Object call(String fn, List<Object> a) {
        return switch (fn) {
            case "not" -> !truth(one(fn, a));
            case "eq" -> {
                for (Object other : a.subList(1, a.size())) {
                    if (same(a.get(0), other)) {
                        yield true;
                    }
                }
                yield false;
            }
            case "ne" -> !same(two(fn, a).get(0), a.get(1));
            case "ge" -> number(two(fn, a).get(0)) >= number(a.get(1));
            case "gt" -> number(two(fn, a).get(0)) > number(a.get(1));
            case "le" -> number(two(fn, a).get(0)) <= number(a.get(1));
            case "lt" -> number(two(fn, a).get(0)) < number(a.get(1));
            case "len" -> (long) size(one(fn, a));
            case "index" -> {
                Object v = a.get(0);
                for (Object k : a.subList(1, a.size())) {
                    if (v instanceof Map<?, ?> m) {
                        v = m.containsKey(k) ? m.get(k) : missing(m);
                    } else if (v instanceof List<?> l) {
                        v = l.get((int) number(k));
                    } else {
                        throw new IllegalArgumentException("can't index " + v);
                    }
                }
                yield v;
            }
            case "printf" -> printf(String.valueOf(a.get(0)), a.subList(1, a.size()));
            // Sprig
            case "default" -> truth(two(fn, a).get(1)) ? a.get(1) : a.get(0);
            case "quote" -> a.stream().filter(x -> x != null).map(x -> quote(print(x))).collect(Collectors.joining(" "));
            case "list" -> new ArrayList<>(a);
            case "append" -> {
                List<Object> l = new ArrayList<>((Collection<?>) two(fn, a).get(0));
                l.add(a.get(1));
                yield l;
            }
            case "join" -> ((Collection<?>) two(fn, a).get(1)).stream().map(InjectionFunctions::print)
                    .collect(Collectors.joining(String.valueOf(a.get(0))));
            case "trunc" -> {
                String s = print(two(fn, a).get(1));
                int n = (int) number(a.get(0));
                yield s.length() > n ? s.substring(0, n) : s;
            }
            case "trimSuffix" -> {
                String s = print(two(fn, a).get(1));
                String suffix = print(a.get(0));
                yield s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
            }
            case "toLower" -> print(one(fn, a)).toLowerCase(java.util.Locale.ROOT);
            // Istio's
            case "contains" -> print(two(fn, a).get(1)).contains(print(a.get(0)));
            case "isset" -> ((Map<?, ?>) two(fn, a).get(0)).containsKey(a.get(1));
            case "annotation" -> {
                Map<?, ?> annotations = (Map<?, ?>) ((Map<?, ?>) a.get(0)).get("Annotations");
                yield annotations.containsKey(a.get(1)) ? annotations.get(a.get(1)) : print(a.get(2));
            }
            case "valueOrDefault" -> two(fn, a).get(0) == null || "".equals(a.get(0)) ? a.get(1) : a.get(0);
            case "excludeInboundPort" -> excludeInboundPort(print(two(fn, a).get(0)).strip(), print(a.get(1)));
            case "structToJSON", "protoToJSON" -> one(fn, a) == null ? "{}" : JSON.writeValueAsString(a.get(0));
            case "fromJSON" -> {
                try {
                    yield JSON.readValue(print(one(fn, a)), Object.class);
                } catch (RuntimeException e) {
                    yield "{}"; // as Istio's: bad JSON gives the string "{}"
                }
            }
            case "toYaml" -> YAML.writeValueAsString(one(fn, a));
            case "indent" -> {
                String pad = " ".repeat((int) number(two(fn, a).get(0)));
                yield String.join("\n" + pad, print(a.get(1)).split("\n", -1));
            }
            default -> throw new IllegalArgumentException("function \"" + fn + "\" not defined");
        };
    }

    /** Go's truth: false, 0, nil, and empty strings, lists and maps are false. */
    static boolean truth(Object v) {
        v = Pipeline.unbox(v);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String || v instanceof Collection || v instanceof Map) {
            return size(v) > 0;
        }
        return true;
    }

    /** How {@code {{ v }}} prints a value; printing nothing is a mistake here, not {@code <no value>}. */
    static String print(Object v) {
        v = Pipeline.unbox(v);
        if (v == null) {
            throw new IllegalArgumentException("printing a missing value (Go would print <no value>)");
        }
        if (v instanceof Double d && d == Math.rint(d)) {
            return String.valueOf(d.longValue());
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(InjectionFunctions::print).collect(Collectors.joining(" ", "[", "]"));
        }
        return String.valueOf(v);
    }

    /**
     * A key a map lacks: Go gives the zero value of the map's element type, so "" for the
     * string maps of pod metadata (labels, annotations, proxy metadata), nil otherwise.
     */
    static Object missing(Map<?, ?> m) {
        return !m.isEmpty() && m.values().stream().allMatch(v -> v instanceof String) ? "" : null;
    }

    private static String excludeInboundPort(String port, String excluded) {
        if (port.isEmpty() || port.equals("0")) {
            return excluded;
        }
        List<String> out = new ArrayList<>();
        for (String p : excluded.split(",")) {
            if (p.equals(port)) {
                return excluded;
            }
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        out.add(port);
        return String.join(",", out);
    }

    private static String printf(String format, List<Object> args) {
        Object[] converted = args.stream().map(x -> (Object) print(x)).toArray();
        return String.format(format.replace("%t", "%s").replace("%v", "%s").replace("%d", "%s"), converted);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static boolean same(Object x, Object y) {
        x = Pipeline.unbox(x);
        y = Pipeline.unbox(y);
        if (x instanceof Number a && y instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        if (x != null && y != null && x.getClass() != y.getClass()) {
            throw new IllegalArgumentException("incompatible types for comparison: " + x + " and " + y);
        }
        return x == null ? y == null : x.equals(y);
    }

    private static double number(Object v) {
        if (!(Pipeline.unbox(v) instanceof Number n)) {
            throw new IllegalArgumentException("not a number: " + v);
        }
        return n.doubleValue();
    }

    private static int size(Object v) {
        Object u = Pipeline.unbox(v);
        if (u instanceof String s) {
            return s.length();
        }
        if (u instanceof Collection<?> c) {
            return c.size();
        }
        if (u instanceof Map<?, ?> m) {
            return m.size();
        }
        throw new IllegalArgumentException("len of " + v);
    }

    private static Object one(String fn, List<Object> a) {
        if (a.size() != 1) {
            throw new IllegalArgumentException(fn + " takes 1 argument, got " + a.size());
        }
        return Pipeline.unbox(a.get(0));
    }

    private static List<Object> two(String fn, List<Object> a) {
        if (a.size() != 2) {
            throw new IllegalArgumentException(fn + " takes 2 arguments, got " + a.size());
        }
        List<Object> out = new ArrayList<>();
        a.forEach(x -> out.add(Pipeline.unbox(x)));
        return out;
    }
}
