package io.jcharm.yaml;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;

/**
 * Parses and formats durations the way Go's {@code time.ParseDuration} and
 * {@code Duration.String} do, since Pebble writes every duration in that form.
 *
 * <pre>{@code
 * GoDurations.parse("1.5s");                     // PT1.5S
 * GoDurations.format(Duration.ofMinutes(1));     // "1m0s"
 * }</pre>
 */
public final class GoDurations {
    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDurations() {
    }

    /**
     * Parses a Go duration such as {@code 300ms}, {@code 2h45m} or {@code -1.5h}.
     *
     * @throws IllegalArgumentException naming the text when it is not a Go duration
     */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(text);
        }
        String s = text;
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            Long unit = UNIT_NANOS.get(s.substring(unitStart, i));
            if (number.isEmpty() || number.equals(".") || unit == null || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text);
            }
            nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unit)));
        }
        long total = nanos.setScale(0, RoundingMode.DOWN).longValueExact();
        return Duration.ofNanos(negative ? -total : total);
    }

    /** Formats like Go's {@code Duration.String}: {@code 0s}, {@code 500ms}, {@code 1m0s}, {@code 1h2m3.5s}. */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        if (nanos < 0) {
            out.append('-');
            nanos = -nanos;
        }
        if (nanos < 1_000L) {
            return out.append(nanos).append("ns").toString();
        }
        if (nanos < 1_000_000L) {
            return out.append(decimal(nanos, 1_000L)).append("\u00b5s").toString();
        }
        if (nanos < 1_000_000_000L) {
            return out.append(decimal(nanos, 1_000_000L)).append("ms").toString();
        }
        long hours = nanos / 3_600_000_000_000L;
        long rest = nanos % 3_600_000_000_000L;
        long minutes = rest / 60_000_000_000L;
        long secondNanos = rest % 60_000_000_000L;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(decimal(secondNanos, 1_000_000_000L)).append('s').toString();
    }

    private static String decimal(long value, long unit) {
        return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid Go duration \"" + text
                + "\": use a number with a unit, e.g. 500ms, 10s, 1m30s or 2h");
    }
}
