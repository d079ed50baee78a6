package io.jcharm.relations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of JSON Schema SDI payloads use: required keys and their types; extra keys pass, as
 * the Python schemas allow them.
 *
 * <pre>{@code
 * SdiSchema ingressV1 = SdiSchema.builder().require("service", "string").require("port", "integer")
 *         .require("prefix", "string").optional("rewrite", "string").build();
 * }</pre>
 */
public final class SdiSchema {
    private final Map<String, String> required;
    private final Map<String, String> optional;

    private SdiSchema(Map<String, String> required, Map<String, String> optional) {
        this.required = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(required));
        this.optional = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(optional));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The problems found, each naming the key; empty when valid. */
    public List<String> validate(Map<String, Object> data) {
        List<String> problems = new ArrayList<>();
        required.forEach((k, type) -> {
            if (!data.containsKey(k) || data.get(k) == null) {
                problems.add("'" + k + "' is a required property");
            } else if (!matches(type, data.get(k))) {
                problems.add("'" + k + "' must be of type " + type + ", got " + data.get(k));
            }
        });
        optional.forEach((k, type) -> {
            Object v = data.get(k);
            if (v != null && !matches(type, v)) {
                problems.add("'" + k + "' must be of type " + type + ", got " + v);
            }
        });
        return problems;
    }

    private static boolean matches(String type, Object v) {
        return switch (type) {
            case "string" -> v instanceof String;
            case "integer" -> v instanceof Integer || v instanceof Long;
            case "number" -> v instanceof Number;
            case "boolean" -> v instanceof Boolean;
            case "array" -> v instanceof List;
            case "string-array" -> v instanceof List<?> l && l.stream().allMatch(String.class::isInstance);
            case "string-or-null" -> v instanceof String;
            default -> throw new IllegalStateException("unknown schema type " + type);
        };
    }

    /** Builds a schema. */
    public static final class Builder {
        private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "array", "string-array",
                "string-or-null");
        private final Map<String, String> required = new LinkedHashMap<>();
        private final Map<String, String> optional = new LinkedHashMap<>();

        public Builder require(String key, String type) {
            check(type);
            required.put(key, type);
            return this;
        }

        public Builder optional(String key, String type) {
            check(type);
            optional.put(key, type);
            return this;
        }

        public SdiSchema build() {
            return new SdiSchema(required, optional);
        }

        private static void check(String type) {
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("unknown schema type " + type + "; one of " + TYPES);
            }
        }
    }
}
