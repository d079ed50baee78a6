package io.jcharm.pebble.emulator;

import java.math.BigInteger;
import java.time.Duration;

/**
 * Go's {@code time.ParseDuration} and {@code Duration.String}, written for the emulator alone so
 * that what it serves never comes from the client it is checked against.
 *
 * <pre>{@code
 * long nanos = GoTime.parse("1m30s");   // 90_000_000_000
 * GoTime.format(nanos);                 // "1m30s"
 * }</pre>
 */
final class GoTime {
    private static final String[] UNITS = {"ns", "us", "\u00b5s", "\u03bcs", "ms", "s", "m", "h"};
    private static final long[] NANOS = {1L, 1_000L, 1_000L, 1_000L, 1_000_000L, 1_000_000_000L, 60_000_000_000L,
        3_600_000_000_000L};

    private GoTime() {
    }

    /** Nanoseconds of a Go duration such as {@code 300ms} or {@code 2h45m}; throws with Go's message otherwise. */
    static long parse(String text) {
        String s = text == null ? "" : text;
        int i = 0;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        if (s.substring(i).equals("0")) {
            return 0;
        }
        if (i == s.length()) {
            throw invalid(text);
        }
        BigInteger total = BigInteger.ZERO;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            String whole = s.substring(start, i);
            String fraction = "";
            if (i < s.length() && s.charAt(i) == '.') {
                int f = ++i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                fraction = s.substring(f, i);
            }
            if (whole.isEmpty() && fraction.isEmpty()) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !Character.isDigit(s.charAt(i))) {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration \"" + text + "\"");
            }
            long scale = unitNanos(unit, text);
            BigInteger part = new BigInteger(whole.isEmpty() ? "0" : whole).multiply(BigInteger.valueOf(scale));
            if (!fraction.isEmpty()) {
                part = part.add(new BigInteger(fraction).multiply(BigInteger.valueOf(scale))
                        .divide(BigInteger.TEN.pow(fraction.length())));
            }
            total = total.add(part);
        }
        if (total.bitLength() > 63) {
            throw invalid(text);
        }
        return negative ? -total.longValue() : total.longValue();
    }

    /** {@link #parse} as a {@link Duration}. */
    static Duration duration(String text) {
        return Duration.ofNanos(parse(text));
    }

    /** {@link #format(long)} of a {@link Duration}. */
    static String format(Duration duration) {
        return format(duration.toNanos());
    }

    /** Go's {@code Duration.String}: {@code 0s}, {@code 500ms}, {@code 1m0s}, {@code 1h2m3.5s}. */
    static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long n = Math.abs(nanos);
        if (n < 1_000L) {
            return sign + n + "ns";
        }
        if (n < 1_000_000L) {
            return sign + fraction(n, 3) + "\u00b5s";
        }
        if (n < 1_000_000_000L) {
            return sign + fraction(n, 6) + "ms";
        }
        long hours = n / 3_600_000_000_000L;
        long minutes = n / 60_000_000_000L % 60;
        String seconds = fraction(n % 60_000_000_000L, 9) + "s";
        if (hours > 0) {
            return sign + hours + "h" + minutes + "m" + seconds;
        }
        return sign + (minutes > 0 ? minutes + "m" : "") + seconds;
    }

    /** {@code value / 10^digits} with trailing zeros of the fraction dropped, as Go's fmtFrac does. */
    private static String fraction(long value, int digits) {
        String text = String.format("%0" + (digits + 1) + "d", value);
        String whole = text.substring(0, text.length() - digits);
        String frac = text.substring(text.length() - digits).replaceAll("0+$", "");
        return frac.isEmpty() ? whole : whole + "." + frac;
    }

    private static long unitNanos(String unit, String text) {
        for (int u = 0; u < UNITS.length; u++) {
            if (UNITS[u].equals(unit)) {
                return NANOS[u];
            }
        }
        throw new IllegalArgumentException("time: unknown unit \"" + unit + "\" in duration \"" + text + "\"");
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }
}
