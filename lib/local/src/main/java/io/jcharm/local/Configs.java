package io.jcharm.local;

import io.jcharm.bundle.OptionCheck;
import io.jcharm.controller.Jujuc;
import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.ConfigOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Application config as Juju keeps it: values set by the bundle or {@code jcharm config},
 * checked against and coerced to the option's type, overlaid on the charm's defaults.
 *
 * <pre>{@code
 * Object port = Configs.coerce(meta, "port", "8081");    // 8081L
 * Configs.effective(meta, Map.of("port", 8081L));         // {greeting=Hello, port=8081}
 * }</pre>
 */
final class Configs {
    private Configs() {
    }

    /** Defaults, then set values; options with neither are absent, as config-get shows them. */
    static Map<String, Object> effective(CharmMetadata meta, Map<String, Object> set) {
        Map<String, Object> out = new TreeMap<>();
        for (ConfigOption o : meta.config().values()) {
            o.defaultValue().ifPresent(v -> out.put(o.name(), v));
        }
        set.forEach((k, v) -> {
            if (meta.config().containsKey(k) && v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * A value for an option, typed as the option says: {@code "8081"} (a command-line string) or
     * {@code 8081L} (YAML) for an int.
     *
     * @throws LocalModelException naming the option and the value, and listing the options
     */
    static Object coerce(CharmMetadata meta, String key, Object value) {
        ConfigOption o = meta.config().get(key);
        if (o == null) {
            throw new LocalModelException("unknown option \"" + key + "\" for charm \"" + meta.name() + "\"",
                    "the charm's options are " + meta.config().keySet());
        }
        Object typed = value instanceof String s ? fromText(o, s) : value;
        Optional<String> error = OptionCheck.error(o, typed);
        if (error.isPresent()) {
            throw new LocalModelException(error.get(), "give option \"" + key + "\" a " + o.type().yamlName() + " value");
        }
        return switch (o.type()) {
            case INT -> typed instanceof String s ? Long.decode(s.replace("_", "")) : typed;
            case FLOAT -> typed instanceof Long l ? (Object) l.doubleValue() : typed;
            case BOOLEAN -> typed instanceof String s ? Jujuc.parseBool(s).orElseThrow() : typed;
            default -> typed;
        };
    }

    private static Object fromText(ConfigOption o, String s) {
        try {
            return switch (o.type()) {
                case INT -> Long.parseLong(s.trim());
                case FLOAT -> Double.parseDouble(s.trim());
                case BOOLEAN -> Jujuc.parseBool(s.trim()).map(b -> (Object) b).orElse(s);
                default -> s;
            };
        } catch (NumberFormatException e) {
            return s; // reported by the type check, in Juju's words
        }
    }
}
