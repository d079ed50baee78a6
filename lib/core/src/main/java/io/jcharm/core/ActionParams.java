package io.jcharm.core;

import io.jcharm.core.meta.ActionSpec;
import java.util.List;
import java.util.Map;

/** Checks action parameters against the subset of JSON schema actions.yaml uses. */
final class ActionParams {
    private ActionParams() {
    }

    static void validate(ActionSpec spec, Map<String, Object> params) {
        for (String r : spec.required()) {
            if (!params.containsKey(r)) {
                throw new ActionParamsException("missing required parameter " + r + " for action " + spec.name());
            }
        }
        for (Map.Entry<String, Object> p : params.entrySet()) {
            Map<String, Object> schema = spec.params().get(p.getKey());
            if (schema == null) {
                if (!spec.additionalProperties()) {
                    throw new ActionParamsException("unknown parameter " + p.getKey() + " for action " + spec.name()
                            + "; allowed: " + spec.params().keySet());
                }
                continue;
            }
            checkType(spec.name(), p.getKey(), schema, p.getValue());
        }
        for (Map.Entry<String, Map<String, Object>> e : spec.params().entrySet()) {
            Object def = e.getValue().get("default");
            if (def != null) {
                params.putIfAbsent(e.getKey(), def);
            }
        }
    }

    private static void checkType(String action, String key, Map<String, Object> schema, Object value) {
        Object type = schema.get("type");
        boolean ok = switch (String.valueOf(type)) {
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long
                    || (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()));
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "array" -> value instanceof List;
            case "object" -> value instanceof Map;
            default -> true;
        };
        if (!ok) {
            throw new ActionParamsException("parameter " + key + " of action " + action + " must be of type " + type
                    + ", got " + describe(value));
        }
        if (schema.get("enum") instanceof List<?> choices && !choices.contains(value)) {
            throw new ActionParamsException("parameter " + key + " of action " + action + " must be one of " + choices
                    + ", got " + describe(value));
        }
        if (value instanceof Number n) {
            if (schema.get("minimum") instanceof Number min && n.doubleValue() < min.doubleValue()) {
                throw new ActionParamsException("parameter " + key + " of action " + action + " must be at least " + min
                        + ", got " + value);
            }
            if (schema.get("maximum") instanceof Number max && n.doubleValue() > max.doubleValue()) {
                throw new ActionParamsException("parameter " + key + " of action " + action + " must be at most " + max
                        + ", got " + value);
            }
        }
        if (value instanceof String s && schema.get("pattern") instanceof String pattern && !s.matches(pattern)) {
            throw new ActionParamsException("parameter " + key + " of action " + action + " must match " + pattern
                    + ", got \"" + s + "\"");
        }
    }

    private static String describe(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }
}
