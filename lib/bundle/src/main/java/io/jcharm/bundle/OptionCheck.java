package io.jcharm.bundle;

import io.jcharm.core.meta.ConfigOption;
import io.jcharm.yaml.GoFormat;
import io.jcharm.yaml.GoScalars;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Type-checks a bundle option value against the charm's config option with Juju's coercion rules
 * (juju/charm v12 {@code config.go}) and Juju's text: {@code option "skill-level" expected int, got
 * "too much"}.
 *
 * <pre>{@code
 * OptionCheck.error(option, "lots");  // Optional[option "replicas" expected int, got "lots"]
 * }</pre>
 */
public final class OptionCheck {
    private OptionCheck() {
    }

    /** Empty when the value is acceptable; nil (YAML null) always is. */
    public static Optional<String> error(ConfigOption option, Object value) {
        if (value == null || accepts(option, value)) {
            return Optional.empty();
        }
        return Optional.of("option " + GoFormat.quote(option.name()) + " expected " + option.type().yamlName() + ", got "
                + GoFormat.syntax(value));
    }

    private static boolean accepts(ConfigOption option, Object v) {
        return switch (option.type()) {
            case STRING -> v instanceof String;
            // juju/schema's int: any Go integer kind, or a string strconv.ParseInt(s, 0, 64) takes.
            case INT -> v instanceof Long || v instanceof BigInteger || v instanceof String s && GoScalars.parseInt(s).isPresent();
            case FLOAT -> v instanceof Long || v instanceof BigInteger || v instanceof Double;
            case BOOLEAN -> v instanceof Boolean || v instanceof String s && GoScalars.parseBool(s).isPresent();
            case SECRET -> v instanceof String s && (s.isEmpty() || s.startsWith("secret:"));
        };
    }
}
