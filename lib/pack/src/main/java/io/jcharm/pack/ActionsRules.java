package io.jcharm.pack;

import io.jcharm.yaml.GoFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Juju's rules for actions.yaml (juju/charm {@code ReadActionsYaml}): action names, reserved
 * names, key types, and that each action's parameter schema compiles, with Juju's texts.
 *
 * <pre>{@code
 * new ActionsRules(actions, "hello", problems.under("actions")).check();
 * // charmcraft.yaml:40: bad action name do_it
 * }</pre>
 */
final class ActionsRules {
    static final Pattern ACTION_NAME = Pattern.compile("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$");

    private final Object actions;
    private final String charmName;
    private final Problems p;

    /** {@code problems} must be rooted at the actions mapping ("actions" in charmcraft.yaml). */
    ActionsRules(Object actions, String charmName, Problems problems) {
        this.actions = actions;
        this.charmName = charmName;
        this.p = problems;
    }

    void check() {
        if (!(actions instanceof Map<?, ?> all)) {
            p.add("", "actions must be a mapping of action name to its spec, got " + GoFormat.syntax(actions));
            return;
        }
        all.forEach((k, v) -> action(String.valueOf(k), v));
    }

    private void action(String name, Object spec) {
        if (!ACTION_NAME.matcher(name).matches()) {
            p.add(name, "bad action name " + name);
            return;
        }
        if (!charmName.startsWith("juju-") && name.equals("juju")) {
            p.add(name, "cannot use action name juju: \"juju\" is a reserved name");
            return;
        }
        if (!charmName.startsWith("juju-") && name.startsWith("juju-")) {
            p.add(name, "cannot use action name " + name + ": the \"juju-\" prefix is reserved");
            return;
        }
        if (spec == null) {
            spec = Map.of(); // an action with no keys: Juju gives it "No description"
        }
        if (!(spec instanceof Map<?, ?> m)) {
            p.add(name, "action " + name + " must be a mapping (description, params, ...), got " + GoFormat.syntax(spec));
            return;
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("description", "No description");
        schema.put("type", "object");
        schema.put("title", name);
        schema.put("properties", new LinkedHashMap<>());
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            String path = name + "." + key;
            Optional<String> error = switch (key) {
                case "description", "title", "execution-group" -> value instanceof String ? Optional.empty()
                        : Optional.of("value for schema key \"" + key + "\" must be a string");
                case "required" -> value instanceof List ? Optional.empty()
                        : Optional.of("value for schema key \"required\" must be a YAML list");
                case "parallel" -> value instanceof Boolean ? Optional.empty()
                        : Optional.of("value for schema key \"parallel\" must be a bool");
                default -> cleanse(value);
            };
            if (error.isEmpty() && key.equals("params") && !(value instanceof Map)) {
                error = Optional.of("params failed to parse as a map");
            }
            if (error.isPresent()) {
                p.add(path, error.get());
                return;
            }
            if (!key.equals("parallel") && !key.equals("execution-group")) {
                schema.put(key.equals("params") ? "properties" : key, value);
            }
        }
        JsonSchemaCheck.compile(schema).ifPresent(reason ->
                p.add(name, "invalid params schema for action schema " + name + ": " + reason));
    }

    /** juju/charm cleanse: no $ref/$schema anywhere, string keys only. */
    static Optional<String> cleanse(Object v) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    return Optional.of("map keyed with non-string value");
                }
                if (k.equals("$ref") || k.equals("$schema")) {
                    return Optional.of("schema key \"" + k + "\" not compatible with this version of juju");
                }
                Optional<String> inner = cleanse(e.getValue());
                if (inner.isPresent()) {
                    return inner;
                }
            }
        } else if (v instanceof List<?> l) {
            for (Object o : l) {
                if (cleanse(o).isPresent()) {
                    return Optional.of("map keyed with non-string value"); // sic: Juju reports this for any list error
                }
            }
        }
        return Optional.empty();
    }
}
