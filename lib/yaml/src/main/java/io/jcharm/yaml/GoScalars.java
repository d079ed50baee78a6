package io.jcharm.yaml;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Scalars as Go types them: go-yaml v2's resolution of a plain scalar (YAML 1.1 booleans and
 * nulls, then Go's {@code strconv} integer and float syntax) and {@code strconv.ParseInt(s, 0, 64)}
 * / {@code ParseBool}, which Juju uses to coerce strings into int and boolean options.
 *
 * <pre>{@code
 * GoScalars.resolve("0o17");                  // 15L
 * GoScalars.resolve("99999999999999999999");  // 1.0E20 (too big for int64 and uint64: a float)
 * GoScalars.parseInt("1_000");                // Optional[1000]
 * }</pre>
 */
public final class GoScalars {
    /** go-yaml's yamlStyleFloat. */
    private static final Pattern YAML_FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private GoScalars() {
    }

    /**
     * A plain (unquoted, untagged) scalar as go-yaml v2 decodes it into an {@code interface{}}:
     * null, {@link Boolean}, {@link Long} (int), {@link BigInteger} (uint64 above int64),
     * {@link Double} or the {@link String} itself (timestamps stay strings, as v2 keeps them).
     */
    public static Object resolve(String in) {
        switch (in) {
            case "", "~", "null", "Null", "NULL":
                return null;
            case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
                return Boolean.TRUE;
            case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
                return Boolean.FALSE;
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
                return Double.POSITIVE_INFINITY;
            case "-.inf", "-.Inf", "-.INF":
                return Double.NEGATIVE_INFINITY;
            case ".nan", ".NaN", ".NAN":
                return Double.NaN;
            default:
                break;
        }
        char hint = in.charAt(0);
        if (hint == '.') {
            // go-yaml tries strconv.ParseFloat on the text as written.
            return YAML_FLOAT.matcher(in).matches() ? (Object) Double.parseDouble(in) : in;
        }
        if (!(hint >= '0' && hint <= '9' || hint == '+' || hint == '-')) {
            return in;
        }
        // go-yaml drops every underscore before trying Go's integer and float syntax.
        String plain = in.replace("_", "");
        Optional<BigInteger> i = parseBig(plain, false);
        if (i.isPresent()) {
            BigInteger n = i.get();
            if (n.bitLength() < 64) {
                return n.longValue();
            }
            if (n.signum() > 0 && n.compareTo(UINT64_MAX) <= 0) {
                return n;
            }
        }
        if (YAML_FLOAT.matcher(plain).matches()) {
            return Double.parseDouble(plain);
        }
        return in;
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)}: sign, 0x/0o/0b/0 prefixes, underscores between digits. */
    public static Optional<Long> parseInt(String s) {
        return parseBig(s, true).filter(n -> n.bitLength() < 64).map(BigInteger::longValue);
    }

    /** Go's {@code strconv.ParseBool}. */
    public static Optional<Boolean> parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> Optional.of(true);
            case "0", "f", "F", "FALSE", "false", "False" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** Base-0 integer syntax of any size; underscores only where Go's underscoreOK allows them. */
    static Optional<BigInteger> parseBig(String s0, boolean underscores) {
        String s = s0;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        int radix = 10;
        if (s.length() >= 2 && s.charAt(0) == '0') {
            switch (Character.toLowerCase(s.charAt(1))) {
                case 'x' -> radix = 16;
                case 'o' -> radix = 8;
                case 'b' -> radix = 2;
                default -> radix = 0;
            }
            s = radix == 0 ? s.substring(1) : s.substring(2);
            radix = radix == 0 ? 8 : radix;
        }
        if (s.contains("_")) {
            if (!underscores || !underscoreOk(s0)) {
                return Optional.empty();
            }
            s = s.replace("_", "");
        }
        int r = radix;
        if (s.isEmpty() || !s.chars().allMatch(c -> Character.digit(c, r) >= 0)) {
            return Optional.empty();
        }
        BigInteger n = new BigInteger(s, r);
        return Optional.of(neg ? n.negate() : n);
    }

    /** Go's rule: an underscore must sit between digits (a base prefix counts as a digit). */
    private static boolean underscoreOk(String str) {
        String s = str;
        char saw = '^';
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            s = s.substring(1);
        }
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0' && "box".indexOf(Character.toLowerCase(s.charAt(1))) >= 0) {
            i = 2;
            saw = '0';
            hex = Character.toLowerCase(s.charAt(1)) == 'x';
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            char lower = Character.toLowerCase(c);
            if (c >= '0' && c <= '9' || hex && lower >= 'a' && lower <= 'f') {
                saw = '0';
                continue;
            }
            if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_') {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }
}
