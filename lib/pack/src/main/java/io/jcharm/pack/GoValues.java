package io.jcharm.pack;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Formats YAML values the way Juju's Go error messages print them ({@code %#v}, {@code %T}),
 * so that the packer's messages are byte-for-byte Juju's.
 *
 * <pre>{@code
 * GoValues.typed("x")     // string("x")
 * GoValues.typed(42L)     // int(42)
 * GoValues.syntax(2.5)    // 2.5
 * }</pre>
 */
public final class GoValues {
    private GoValues() {
    }

    /** {@code %T(%#v)}, as juju/schema prints a value it did not expect. */
    public static String typed(Object v) {
        return type(v) + "(" + syntax(v) + ")";
    }

    /** Go's {@code %T} for the type yaml.v2 decodes {@code v} into. */
    public static String type(Object v) {
        if (v instanceof String) {
            return "string";
        } else if (v instanceof Long || v instanceof Integer) {
            return "int";
        } else if (v instanceof BigInteger) {
            return "uint64";
        } else if (v instanceof Double) {
            return "float64";
        } else if (v instanceof Boolean) {
            return "bool";
        } else if (v instanceof Map) {
            return "map[interface {}]interface {}";
        } else if (v instanceof List) {
            return "[]interface {}";
        }
        return "<nil>";
    }

    /** Go's {@code %#v}. */
    public static String syntax(Object v) {
        if (v == null) {
            return "<nil>";
        } else if (v instanceof String s) {
            return quote(s);
        } else if (v instanceof Double d) {
            return formatFloat(d);
        } else if (v instanceof Map<?, ?> m) {
            // fmt prints map keys sorted (strings before numbers is close enough for error texts).
            List<String> entries = new ArrayList<>();
            m.entrySet().stream().sorted((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())))
                    .forEach(e -> entries.add(syntax(e.getKey()) + ":" + syntax(e.getValue())));
            return "map[interface {}]interface {}{" + String.join(", ", entries) + "}";
        } else if (v instanceof List<?> l) {
            return "[]interface {}{" + l.stream().map(GoValues::syntax).collect(Collectors.joining(", ")) + "}";
        }
        return String.valueOf(v);
    }

    /** Go's {@code %q} / {@code strconv.Quote}. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.append('"').toString();
    }

    /** Go's {@code %v} of a float64: shortest digits, {@code 1e+06} style outside [1e-4, 1e6). */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        } else if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        } else if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale(); // decimal exponent of the first digit
        String sign = d < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) { // strconv: shortest %g switches to %e at precision 6
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return sign + bd.toPlainString();
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)} syntax (sign, 0x/0o/0b/0 prefixes), any size. */
    static Optional<BigInteger> parseGoInt(String s) {
        if (s.isEmpty()) {
            return Optional.empty();
        }
        int i = 0;
        boolean neg = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        String body = s.substring(i);
        int radix = 10;
        if (body.length() > 2 && body.charAt(0) == '0') {
            switch (Character.toLowerCase(body.charAt(1))) {
                case 'x' -> {
                    radix = 16;
                    body = body.substring(2);
                }
                case 'o' -> {
                    radix = 8;
                    body = body.substring(2);
                }
                case 'b' -> {
                    radix = 2;
                    body = body.substring(2);
                }
                default -> {
                    radix = 8;
                    body = body.substring(1);
                }
            }
        } else if (body.length() == 2 && body.charAt(0) == '0') {
            radix = 8;
            body = body.substring(1);
        }
        int r = radix;
        if (body.isEmpty() || !body.chars().allMatch(c -> Character.digit(c, r) >= 0)) {
            return Optional.empty();
        }
        BigInteger n = new BigInteger(body, r);
        return Optional.of(neg ? n.negate() : n);
    }

    /** Go's {@code strconv.ParseBool}. */
    static Optional<Boolean> parseGoBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> Optional.of(true);
            case "0", "f", "F", "FALSE", "false", "False" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
