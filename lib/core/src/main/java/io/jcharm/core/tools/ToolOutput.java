package io.jcharm.core.tools;

import io.jcharm.core.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Parses what hook tools print with {@code --format=json}; package-private helper of
 * {@link ExecHookTools}. One instance (and one mapper) per {@code ExecHookTools}.
 */
final class ToolOutput {

    /** How much of a bad output an exception quotes: enough to recognise it, not a log flood. */
    private static final int QUOTE_LIMIT = 200;

    private final ObjectMapper mapper = JsonMapper.builder().build();

    ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The output as a JSON tree; empty output (nothing stored, nothing set) reads as JSON null.
     *
     * @param sensitive whether the output may hold secret values, which must not be quoted
     */
    JsonNode tree(List<String> argv, String out, boolean sensitive) {
        if (out.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return mapper.readTree(out);
        } catch (JacksonException e) {
            throw unexpected(argv, out, "JSON", sensitive);
        }
    }

    /** A JSON object of strings; null or empty output gives an empty map. */
    Map<String, String> stringMap(List<String> argv, String out, boolean sensitive) {
        return stringMap(argv, out, tree(argv, out, sensitive), sensitive);
    }

    Map<String, String> stringMap(List<String> argv, String out, JsonNode node, boolean sensitive) {
        Map<String, String> result = new LinkedHashMap<>();
        if (node.isNull() || node.isMissingNode()) {
            return result;
        }
        if (!node.isObject()) {
            throw unexpected(argv, out, "a JSON object of strings", sensitive);
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (v.isString()) {
                result.put(e.getKey(), v.stringValue());
            } else if (v.isNumber() || v.isBoolean()) {
                result.put(e.getKey(), v.asString()); // YAML-typed scalars Juju may echo back
            } else {
                throw unexpected(argv, out, "a JSON object of strings", sensitive);
            }
        }
        return result;
    }

    /** A JSON object of any values as plain Java maps, lists and scalars; null gives an empty map. */
    Map<String, Object> objectMap(List<String> argv, String out) {
        JsonNode node = tree(argv, out, false);
        if (node.isNull()) {
            return new LinkedHashMap<>();
        }
        if (!node.isObject()) {
            throw unexpected(argv, out, "a JSON object", false);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            result.put(e.getKey(), mapper.treeToValue(e.getValue(), Object.class));
        }
        return result;
    }

    /** A JSON list of strings; null or empty output gives an empty list. */
    List<String> stringList(List<String> argv, String out) {
        JsonNode node = tree(argv, out, false);
        List<String> result = new ArrayList<>();
        if (node.isNull()) {
            return result;
        }
        if (!node.isArray()) {
            throw unexpected(argv, out, "a JSON list of strings", false);
        }
        for (JsonNode item : node) {
            if (!item.isString()) {
                throw unexpected(argv, out, "a JSON list of strings", false);
            }
            result.add(item.stringValue());
        }
        return result;
    }

    /** A single JSON string. */
    String string(List<String> argv, String out) {
        JsonNode node = tree(argv, out, false);
        if (!node.isString()) {
            throw unexpected(argv, out, "a JSON string", false);
        }
        return node.stringValue();
    }

    /**
     * status-get's unit form {@code {"status","message","status-data"}} or application form,
     * which wraps the same fields in {@code "application-status"} next to per-unit entries.
     */
    Status status(List<String> argv, String out) {
        JsonNode node = tree(argv, out, false);
        JsonNode status = node.has("application-status") ? node.path("application-status") : node;
        if (!status.path("status").isString()) {
            throw unexpected(argv, out, "a JSON object with a \"status\" string", false);
        }
        try {
            return Status.of(status.path("status").stringValue(), text(status, "message"));
        } catch (IllegalArgumentException e) {
            throw unexpected(argv, out, "a known status name", false);
        }
    }

    /** secret-info-get's {@code {"<id>": {"label","description","expiry","rotation","rotates","revision"}}}. */
    SecretInfo secretInfo(List<String> argv, String out) {
        JsonNode node = tree(argv, out, false);
        if (!node.isObject() || node.size() != 1) {
            throw unexpected(argv, out, "a JSON object with one secret", false);
        }
        Map.Entry<String, JsonNode> entry = node.properties().iterator().next();
        JsonNode info = entry.getValue();
        if (!info.isObject() || !info.path("revision").canConvertToInt()) {
            throw unexpected(argv, out, "a secret with a \"revision\" number", false);
        }
        return new SecretInfo(entry.getKey(), optional(info, "label"), optional(info, "description"),
                optional(info, "expiry"), optional(info, "rotation"), optional(info, "rotates"),
                info.path("revision").asInt());
    }

    /** goal-state's {@code {"units":{name:{"status","since"}},"relations":{ep:{name:{...}}}}}. */
    GoalState goalState(List<String> argv, String out) {
        JsonNode node = tree(argv, out, false);
        if (!node.isObject() && !node.isNull()) {
            throw unexpected(argv, out, "a JSON object with \"units\" and \"relations\"", false);
        }
        Map<String, Map<String, String>> relations = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.path("relations").properties()) {
            relations.put(e.getKey(), statuses(e.getValue()));
        }
        return new GoalState(statuses(node.path("units")), relations);
    }

    /** {@code {"name": {"status": s, "since": t}}} to name -> s. */
    private static Map<String, String> statuses(JsonNode byName) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : byName.properties()) {
            result.put(e.getKey(), text(e.getValue(), "status"));
        }
        return result;
    }

    /** network-get's {@code {"bind-addresses":[...],"egress-subnets":[...],"ingress-addresses":[...]}}. */
    NetworkInfo networkInfo(List<String> argv, String out) {
        JsonNode node = tree(argv, out, false);
        if (!node.isObject()) {
            throw unexpected(argv, out, "a JSON object with \"bind-addresses\"", false);
        }
        List<NetworkInfo.BindAddress> binds = new ArrayList<>();
        for (JsonNode b : node.path("bind-addresses")) {
            List<NetworkInfo.Address> addresses = new ArrayList<>();
            for (JsonNode a : b.path("addresses")) {
                // Juju before 2.9 printed the IP as "address"; later versions as "value".
                String value = a.has("value") ? text(a, "value") : text(a, "address");
                addresses.add(new NetworkInfo.Address(text(a, "hostname"), value, text(a, "cidr")));
            }
            binds.add(new NetworkInfo.BindAddress(text(b, "interface-name"), text(b, "mac-address"), addresses));
        }
        return new NetworkInfo(binds, strings(node.path("egress-subnets")), strings(node.path("ingress-addresses")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>();
        for (JsonNode item : array) {
            if (item.isString()) {
                result.add(item.stringValue());
            }
        }
        return result;
    }

    private static Optional<String> optional(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isString() && !v.stringValue().isEmpty() ? Optional.of(v.stringValue()) : Optional.empty();
    }

    /** The text of {@code node.field} when it is a string, else "". */
    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isString() ? v.stringValue() : "";
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
