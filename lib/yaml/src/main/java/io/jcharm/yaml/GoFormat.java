package io.jcharm.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints values the way Go's fmt prints what go-yaml decoded, so messages can carry Juju's exact
 * text: {@code %q} of a string or string slice, {@code %#v}, {@code %T} and {@code %v} of a float.
 *
 * <pre>{@code
 * GoFormat.quote("a\tb");               // "a\tb" with the quotes and the escape
 * GoFormat.syntax(1e20);                // 1e+20
 * GoFormat.typed(42L);                  // int(42)
 * }</pre>
 */
public final class GoFormat {
    private GoFormat() {
    }

    /** Go's {@code %q} / {@code strconv.Quote} of a string. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case 0x07 -> b.append("\\a");
                case 0x08 -> b.append("\\b");
                case 0x0c -> b.append("\\f");
                case 0x0b -> b.append("\\v");
                default -> {
                    // Go escapes DEL as well as the other C0 controls.
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

    /** Go's {@code %q} of a string slice: {@code ["a" "b"]}. */
    public static String quote(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(quote(items.get(i)));
        }
        return sb.append(']').toString();
    }

    /** {@code %T(%#v)}, as juju/schema prints a value it did not expect: {@code string("x")}. */
    public static String typed(Object v) {
        return type(v) + "(" + syntax(v) + ")";
    }

    /** Go's {@code %T} for the type go-yaml decodes {@code v} into (in an {@code interface{}}). */
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

    /** Go's {@code %#v}; maps print with their keys sorted, as fmt does. */
    public static String syntax(Object v) {
        if (v == null) {
            return "<nil>";
        } else if (v instanceof String s) {
            return quote(s);
        } else if (v instanceof Double d) {
            return formatFloat(d);
        } else if (v instanceof Map<?, ?> m) {
            List<String> entries = new ArrayList<>();
            m.entrySet().stream().sorted((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())))
                    .forEach(e -> entries.add(syntax(e.getKey()) + ":" + syntax(e.getValue())));
            return "map[interface {}]interface {}{" + String.join(", ", entries) + "}";
        } else if (v instanceof List<?> l) {
            List<String> items = new ArrayList<>();
            l.forEach(i -> items.add(syntax(i)));
            return "[]interface {}{" + String.join(", ", items) + "}";
        }
        return String.valueOf(v);
    }

    /** Go's {@code %v} of a float64: shortest digits, {@code 1e+06} style outside [1e-4, 1e6), {@code +Inf}. */
    public static String formatFloat(double d) {
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
        // %v is %g with the shortest digits; strconv then switches to %e at exponent 6.
        if (exp < -4 || exp >= 6) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return sign + bd.toPlainString();
    }
}
