package io.jcharm.pack;

import io.jcharm.yaml.GoFormat;
import io.jcharm.yaml.GoScalars;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Juju's rules for config.yaml (juju/charm {@code ReadConfig}): option types and defaults, with
 * Juju's error texts.
 *
 * <pre>{@code
 * new ConfigRules(config, problems.under("config")).check();
 * // charmcraft.yaml:31: invalid config default: option "port" expected int, got "eighty"
 * }</pre>
 */
final class ConfigRules {
    static final List<String> TYPES = List.of("string", "int", "float", "boolean", "secret");

    private final Object config;
    private final Problems p;

    /** {@code problems} must be rooted at the config mapping ("config" in charmcraft.yaml). */
    ConfigRules(Object config, Problems problems) {
        this.config = config;
        this.p = problems;
    }

    void check() {
        if (!(config instanceof Map<?, ?> c) || !c.containsKey("options")) {
            p.add("", "invalid config: empty configuration");
            return;
        }
        Object options = c.get("options");
        if (options == null) {
            return; // "options:" with no value is an empty, valid configuration
        }
        if (!(options instanceof Map<?, ?> opts)) {
            p.add("options", "invalid config: options must be a mapping of option name to {type, description, default},"
                    + " got " + GoFormat.syntax(options));
            return;
        }
        opts.forEach((k, v) -> option(String.valueOf(k), v));
    }

    private void option(String name, Object spec) {
        String path = "options." + name;
        if (!(spec instanceof Map<?, ?> m)) {
            p.add(path, "invalid config: option " + GoFormat.quote(name)
                    + " must be a mapping with type, description and default, got " + GoFormat.syntax(spec));
            return;
        }
        Object typeValue = m.get("type");
        String type = typeValue == null ? "string" : String.valueOf(typeValue);
        if (!TYPES.contains(type)) {
            p.add(path + ".type", "invalid config: option " + GoFormat.quote(name) + " has unknown type " + GoFormat.quote(type));
            return;
        }
        Object def = m.get("default");
        if (def != null && !accepts(type, def)) {
            p.add(path + ".default", "invalid config default: option " + GoFormat.quote(name) + " expected " + type
                    + ", got " + GoFormat.syntax(def));
        }
    }

    /** juju/charm optionTypeCheckers, applied to a default value. */
    static boolean accepts(String type, Object v) {
        return switch (type) {
            case "string" -> v instanceof String;
            case "int" -> v instanceof Long || (v instanceof String s && GoScalars.parseInt(s).isPresent());
            case "float" -> v instanceof Double || v instanceof Long;
            case "boolean" -> v instanceof Boolean || (v instanceof String s && GoScalars.parseBool(s).isPresent());
            case "secret" -> v instanceof String s && (s.isEmpty() || isSecretUri(s));
            default -> false;
        };
    }

    private static boolean isSecretUri(String s) {
        try {
            return Optional.ofNullable(new URI(s).getScheme()).filter("secret"::equals).isPresent();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
