package io.jcharm.core.tools;

import io.jcharm.core.Status;
import io.jcharm.core.json.Json;
import io.jcharm.core.json.JsonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses what hook tools print with {@code --format=json}; package-private helper of
 * {@link ExecHookTools}. Plain maps and lists ({@link Json}), so that reading a hook's config and
 * relation data loads no JSON library.
 */
final class ToolOutput {

    /** How much of a bad output an exception quotes: enough to recognise it, not a log flood. */
    private static final int QUOTE_LIMIT = 200;

    /**
     * The output as plain values; empty output (nothing stored, nothing set) reads as null.
     *
     * @param sensitive whether the output may hold secret values, which must not be quoted
     */
    Object value(List<String> argv, String out, boolean sensitive) {
        if (out.isBlank()) {
            return null;
        }
        try {
            return Json.parse(out);
        } catch (JsonException e) {
            throw unexpected(argv, out, "JSON", sensitive);
        }
    }

    /** A JSON object of strings; null or empty output gives an empty map. */
    Map<String, String> stringMap(List<String> argv, String out, boolean sensitive) {
        Object node = value(argv, out, sensitive);
        Map<String, String> result = new LinkedHashMap<>();
        if (node == null) {
            return result;
        }
        if (!(node instanceof Map<?, ?> m)) {
            throw unexpected(argv, out, "a JSON object of strings", sensitive);
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object v = e.getValue();
            if (v instanceof String str) {
                result.put((String) e.getKey(), str);
            } else if (v instanceof Number || v instanceof Boolean) {
                result.put((String) e.getKey(), String.valueOf(v)); // YAML-typed scalars Juju may echo back
            } else {
                throw unexpected(argv, out, "a JSON object of strings", sensitive);
            }
        }
        return result;
    }

    /** A JSON object of any values as plain Java maps, lists and scalars; null gives an empty map. */
    Map<String, Object> objectMap(List<String> argv, String out) {
        Object node = value(argv, out, false);
        if (node == null) {
            return new LinkedHashMap<>();
        }
        if (!(node instanceof Map)) {
            throw unexpected(argv, out, "a JSON object", false);
        }
        return Json.object(node);
    }

    /** A JSON list of strings; null or empty output gives an empty list. */
    List<String> stringList(List<String> argv, String out) {
        Object node = value(argv, out, false);
        List<String> result = new ArrayList<>();
        if (node == null) {
            return result;
        }
        if (!(node instanceof List<?> items)) {
            throw unexpected(argv, out, "a JSON list of strings", false);
        }
        for (Object item : items) {
            if (!(item instanceof String str)) {
                throw unexpected(argv, out, "a JSON list of strings", false);
            }
            result.add(str);
        }
        return result;
    }

    /** A single JSON string. */
    String string(List<String> argv, String out) {
        if (!(value(argv, out, false) instanceof String str)) {
            throw unexpected(argv, out, "a JSON string", false);
        }
        return str;
    }

    /** A JSON object (empty output is an error), for tools that always print one. */
    Map<String, Object> object(List<String> argv, String out, String expected, boolean sensitive) {
        Object node = value(argv, out, sensitive);
        if (!(node instanceof Map<?, ?>)) {
            throw unexpected(argv, out, expected, sensitive);
        }
        return Json.object(node);
    }

    /**
     * status-get's unit form {@code {"status","message","status-data"}} or application form,
     * which wraps the same fields in {@code "application-status"} next to per-unit entries.
     */
    Status status(List<String> argv, String out) {
        Map<String, Object> node = map(value(argv, out, false));
        Map<String, Object> status = node.containsKey("application-status") ? map(node.get("application-status")) : node;
        if (!(status.get("status") instanceof String name)) {
            throw unexpected(argv, out, "a JSON object with a \"status\" string", false);
        }
        try {
            return Status.of(name, text(status, "message"));
        } catch (IllegalArgumentException e) {
            throw unexpected(argv, out, "a known status name", false);
        }
    }

    /** secret-info-get's {@code {"<id>": {"label","description","expiry","rotation","rotates","revision"}}}. */
    SecretInfo secretInfo(List<String> argv, String out) {
        Object node = value(argv, out, false);
        if (!(node instanceof Map<?, ?> m) || m.size() != 1) {
            throw unexpected(argv, out, "a JSON object with one secret", false);
        }
        Map.Entry<String, Object> entry = Json.object(node).entrySet().iterator().next();
        if (!(entry.getValue() instanceof Map<?, ?>) || !(map(entry.getValue()).get("revision") instanceof Number revision)
                || revision.doubleValue() != revision.intValue()) {
            throw unexpected(argv, out, "a secret with a \"revision\" number", false);
        }
        Map<String, Object> info = map(entry.getValue());
        return new SecretInfo(entry.getKey(), optional(info, "label"), optional(info, "description"),
                optional(info, "expiry"), optional(info, "rotation"), optional(info, "rotates"), revision.intValue());
    }

    /** goal-state's {@code {"units":{name:{"status","since"}},"relations":{ep:{name:{...}}}}}. */
    GoalState goalState(List<String> argv, String out) {
        Object node = value(argv, out, false);
        if (node != null && !(node instanceof Map)) {
            throw unexpected(argv, out, "a JSON object with \"units\" and \"relations\"", false);
        }
        Map<String, Object> all = map(node);
        Map<String, Map<String, String>> relations = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(all.get("relations")).entrySet()) {
            relations.put(e.getKey(), statuses(map(e.getValue())));
        }
        return new GoalState(statuses(map(all.get("units"))), relations);
    }

    /** {@code {"name": {"status": s, "since": t}}} to name -> s. */
    private static Map<String, String> statuses(Map<String, Object> byName) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : byName.entrySet()) {
            result.put(e.getKey(), text(map(e.getValue()), "status"));
        }
        return result;
    }

    /** network-get's {@code {"bind-addresses":[...],"egress-subnets":[...],"ingress-addresses":[...]}}. */
    NetworkInfo networkInfo(List<String> argv, String out) {
        Object node = value(argv, out, false);
        if (!(node instanceof Map)) {
            throw unexpected(argv, out, "a JSON object with \"bind-addresses\"", false);
        }
        Map<String, Object> all = map(node);
        List<NetworkInfo.BindAddress> binds = new ArrayList<>();
        for (Object bind : list(all.get("bind-addresses"))) {
            Map<String, Object> b = map(bind);
            List<NetworkInfo.Address> addresses = new ArrayList<>();
            for (Object address : list(b.get("addresses"))) {
                Map<String, Object> a = map(address);
                // Juju before 2.9 printed the IP as "address"; later versions as "value".
                String value = a.containsKey("value") ? text(a, "value") : text(a, "address");
                addresses.add(new NetworkInfo.Address(text(a, "hostname"), value, text(a, "cidr")));
            }
            binds.add(new NetworkInfo.BindAddress(text(b, "interface-name"), text(b, "mac-address"), addresses));
        }
        return new NetworkInfo(binds, strings(all.get("egress-subnets")), strings(all.get("ingress-addresses")));
    }

    /** The value as an object's map; anything else (missing, null, another type) as an empty one. */
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? Json.object(value) : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static List<String> strings(Object array) {
        List<String> result = new ArrayList<>();
        for (Object item : list(array)) {
            if (item instanceof String s) {
                result.add(s);
            }
        }
        return result;
    }

    private static Optional<String> optional(Map<String, Object> node, String field) {
        return node.get(field) instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
    }

    /** The text of {@code node.field} when it is a string, else "". */
    static String text(Map<String, Object> node, String field) {
        return node.get(field) instanceof String s ? s : "";
    }

    /**
     * The tool succeeded but printed something this SDK cannot read: most likely a Juju
     * version whose output format differs from the one this code was written against.
     */
    static HookToolException unexpected(List<String> argv, String out, String expected, boolean sensitive) {
        String quoted;
        if (sensitive) {
            quoted = "(" + out.length() + " characters, not shown: they may hold secret values)";
        } else {
            String t = out.strip();
            quoted = "\"" + (t.length() > QUOTE_LIMIT ? t.substring(0, QUOTE_LIMIT) + "...(" + t.length()
                    + " characters)" : t) + "\"";
        }
        return new HookToolException(argv, 0, "", String.join(" ", argv) + " gave unexpected output (expected "
                + expected + "): " + quoted + "; check that this Juju version's hook tools match what jcharm supports");
    }
}
