package io.jcharm.charms.seldoncore;

import io.jcharm.core.InvalidConfigException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A non-negative Kubernetes resource quantity ({@code 0.5}, {@code 500m}, {@code 512Mi},
 * {@code 1e3}), checked when config is bound so that a typo blocks the charm instead of every
 * SeldonDeployment the manager creates.
 *
 * <pre>{@code
 * Quantity q = Quantity.parse("executor-default-memory-limit", "512Mi");
 * q.value();  // 536870912
 * }</pre>
 *
 * @param text the quantity as written
 * @param value its value in base units (cores or bytes)
 */
record Quantity(String text, BigDecimal value) {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\\d+)?");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

    /**
     * Parses a quantity given for a config option.
     *
     * @throws InvalidConfigException naming the option when the text is not a quantity
     */
    static Quantity parse(String option, String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new InvalidConfigException(option, "\"" + text + "\" is not a Kubernetes quantity; use a number with"
                    + " an optional suffix, such as 0.5, 500m, 512Mi or 1Gi");
        }
        String suffix = m.group(2) == null ? "" : m.group(2);
        BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
        BigDecimal factor = suffix.startsWith("e") || suffix.startsWith("E")
                ? BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)))
                : SUFFIXES.get(suffix);
        return new Quantity(t, number.multiply(factor));
    }

    /**
     * Checks that a request does not exceed its limit, as Kubernetes would refuse such a pod.
     *
     * @throws InvalidConfigException naming the request option
     */
    static void requireAtMost(String requestOption, Quantity request, String limitOption, Quantity limit) {
        if (request.value().compareTo(limit.value()) > 0) {
            throw new InvalidConfigException(requestOption, request.text() + " is more than " + limitOption + " "
                    + limit.text() + "; Kubernetes refuses a container whose request exceeds its limit");
        }
    }
}
