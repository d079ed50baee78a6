package io.jcharm.pack;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of gojsonschema's draft-4 schema compilation that an action's parameter schema can
 * fail at pack time, with gojsonschema's error texts (Juju prefixes them with
 * {@code invalid params schema for action schema <name>: }).
 *
 * <pre>{@code
 * JsonSchemaCheck.compile(Map.of("type", "strin"))
 * // Optional[has a primitive type that is NOT VALID -- given: /strin/ Expected valid values are:[array boolean integer number null object string]]
 * }</pre>
 */
final class JsonSchemaCheck {
    static final List<String> JSON_TYPES = List.of("array", "boolean", "integer", "number", "null", "object", "string");

    private JsonSchemaCheck() {
    }

    /** The first reason {@code schema} does not compile, or empty. */
    static Optional<String> compile(Object schema) {
        if (!(schema instanceof Map<?, ?> m)) {
            return Optional.of(invalidType("object", "schema"));
        }
        for (String key : List.of("id", "title", "description")) {
            if (m.containsKey(key) && !(m.get(key) instanceof String)) {
                return Optional.of(invalidType("string", key));
            }
        }
        if (m.containsKey("definitions")) {
            if (!(m.get("definitions") instanceof Map<?, ?> defs)) {
                return Optional.of(invalidType("array of schemas", "definitions"));
            }
            for (Object d : defs.values()) {
                Optional<String> e = d instanceof Map ? compile(d) : Optional.of(invalidType("array of schemas", "definitions"));
                if (e.isPresent()) {
                    return e;
                }
            }
        }
        Optional<String> type = type(m.get("type"), m.containsKey("type"));
        if (type.isPresent()) {
            return type;
        }
        if (m.containsKey("properties")) {
            if (!(m.get("properties") instanceof Map<?, ?> props)) {
                return Optional.of(invalidType("object", "properties"));
            }
            for (Object prop : props.values()) {
                Optional<String> e = compile(prop);
                if (e.isPresent()) {
                    return e;
                }
            }
        }
        Optional<String> sub = subSchemas(m);
        if (sub.isPresent()) {
            return sub;
        }
        return keywords(m);
    }

    private static Optional<String> type(Object t, boolean present) {
        if (!present) {
            return Optional.empty();
        }
        if (t instanceof String s) {
            return JSON_TYPES.contains(s) ? Optional.empty() : Optional.of(notValidType(s));
        }
        if (t instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof String s)) {
                    return Optional.of(invalidType("string/array of strings", "type"));
                }
                if (!JSON_TYPES.contains(s)) {
                    return Optional.of(notValidType(s));
                }
            }
            return Optional.empty();
        }
        return Optional.of(invalidType("string/array of strings", "type"));
    }

    private static Optional<String> subSchemas(Map<?, ?> m) {
        for (String key : List.of("additionalProperties", "additionalItems")) {
            Object v = m.get(key);
            if (m.containsKey(key) && !(v instanceof Boolean)) {
                Optional<String> e = v instanceof Map ? compile(v) : Optional.of(invalidType("boolean/schema", key));
                if (e.isPresent()) {
                    return e;
                }
            }
        }
        if (m.containsKey("items")) {
            Object items = m.get("items");
            List<?> all = items instanceof List<?> l ? l : List.of(items);
            for (Object i : all) {
                if (!(i instanceof Map)) {
                    return Optional.of(invalidType("schema/array of schemas", "items"));
                }
                Optional<String> e = compile(i);
                if (e.isPresent()) {
                    return e;
                }
            }
        }
        for (String key : List.of("allOf", "anyOf", "oneOf")) {
            if (m.containsKey(key)) {
                if (!(m.get(key) instanceof List<?> l)) {
                    return Optional.of(invalidType("array", key));
                }
                for (Object o : l) {
                    Optional<String> e = compile(o);
                    if (e.isPresent()) {
                        return e;
                    }
                }
            }
        }
        if (m.containsKey("not")) {
            return m.get("not") instanceof Map ? compile(m.get("not")) : Optional.of(invalidType("object", "not"));
        }
        return Optional.empty();
    }

    private static Optional<String> keywords(Map<?, ?> m) {
        for (String key : List.of("multipleOf", "minimum", "maximum")) {
            if (m.containsKey(key) && !(m.get(key) instanceof Number)) {
                return Optional.of(key.equals("multipleOf") ? invalidType("number", key) : key + " must be of a number");
            }
        }
        for (String key : List.of("exclusiveMinimum", "exclusiveMaximum")) {
            if (m.containsKey(key) && !(m.get(key) instanceof Boolean)) {
                return Optional.of(key + " must be of a boolean");
            }
        }
        for (String key : List.of("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties")) {
            if (m.containsKey(key)) {
                if (!(m.get(key) instanceof Long n)) {
                    return Optional.of(key + " must be of an integer");
                }
                if (n < 0) {
                    return Optional.of(key + " must be greater than or equal to 0");
                }
            }
        }
        if (m.containsKey("pattern") && !(m.get("pattern") instanceof String)) {
            return Optional.of(invalidType("string", "pattern"));
        }
        if (m.containsKey("required")) {
            Optional<String> e = uniqueStrings(m.get("required"), "required");
            if (e.isPresent()) {
                return e;
            }
        }
        if (m.containsKey("enum")) {
            if (!(m.get("enum") instanceof List<?> l)) {
                return Optional.of("enum must be of an array");
            }
            if (new HashSet<>(l).size() != l.size()) {
                return Optional.of("enum items must be unique");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> uniqueStrings(Object v, String key) {
        if (!(v instanceof List<?> l)) {
            return Optional.of(key + " must be of an array");
        }
        for (Object o : l) {
            if (!(o instanceof String)) {
                return Optional.of(key + " items must be string");
            }
        }
        return new HashSet<>(l).size() == l.size() ? Optional.empty() : Optional.of(key + " items must be unique");
    }

    private static String invalidType(String expected, String given) {
        return "Invalid type. Expected: " + expected + ", given: " + given;
    }

    private static String notValidType(String given) {
        return "has a primitive type that is NOT VALID -- given: /" + given + "/ Expected valid values are:["
                + String.join(" ", JSON_TYPES) + "]";
    }
}
