package io.jcharm.bundle;

import io.jcharm.core.meta.ConfigOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Type-checks a bundle option value against the charm's config option with Juju's coercion rules
 * (reference §3.3) and Juju's text: {@code option "skill-level" expected int, got "too much"}.
 *
 * <pre>{@code
 * OptionCheck.error(option, "lots");  // Optional[option "replicas" expected int, got "lots"]
 * }</pre>
 */
public final class OptionCheck {
    private static final Pattern GO_INT = Pattern.compile("[-+]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7]*|[1-9][0-9]*)");

    private OptionCheck() {
    }

    /** Empty when the value is acceptable; nil (YAML null) always is. */
    public static Optional<String> error(ConfigOption option, Object value) {
        if (value == null || accepts(option, value)) {
            return Optional.empty();
        }
        return Optional.of("option " + Grammar.q(option.name()) + " expected " + option.type().yamlName() + ", got " + sharpV(value));
    }

    private static boolean accepts(ConfigOption option, Object v) {
        return switch (option.type()) {
            case STRING -> v instanceof String;
            case INT -> v instanceof Long || v instanceof String s && GO_INT.matcher(s).matches() && fitsLong(s);
            case FLOAT -> v instanceof Long || v instanceof Double;
            case BOOLEAN -> v instanceof Boolean || v instanceof String s && Grammar.parseGoBool(s).isPresent();
            case SECRET -> v instanceof String s && (s.isEmpty() || s.startsWith("secret:"));
        };
    }

    private static boolean fitsLong(String s) {
        String t = s.replace("_", "");
        boolean neg = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        try {
            String lower = t.toLowerCase(java.util.Locale.ROOT);
            long v;
            if (lower.startsWith("0x")) {
                v = Long.parseLong(t.substring(2), 16);
            } else if (lower.startsWith("0o")) {
                v = Long.parseLong(t.substring(2), 8);
            } else if (lower.startsWith("0b")) {
                v = Long.parseLong(t.substring(2), 2);
            } else if (t.length() > 1 && t.startsWith("0")) {
                v = Long.parseLong(t.substring(1), 8);
            } else {
                v = Long.parseLong(t);
            }
            return neg ? -v <= 0 : v >= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Go's {@code %#v} for values decoded from YAML. */
    static String sharpV(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof String s) {
            return Grammar.q(s);
        }
        if (v instanceof Double d) {
            return Raw.text(d);
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[]interface {}{");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(sharpV(l.get(i)));
            }
            return sb.append('}').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("map[interface {}]interface {}{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ").append(sharpV(String.valueOf(e.getKey()))).append(':').append(sharpV(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        return String.valueOf(v);
    }
}
