package io.jcharm.charms.microk8s;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A snap channel, normalised the way {@code snap list} prints the tracking channel.
 *
 * <pre>{@code
 * Channel.parse("1.32").toString();             // "1.32/stable"
 * Channel.parse("edge").toString();             // "latest/edge"
 * Channel.minorSteps("v1.32.3", "v1.31.7");       // Optional[-1]: a downgrade
 * }</pre>
 */
record Channel(String track, String risk, Optional<String> branch) {
    private static final List<String> RISKS = List.of("stable", "candidate", "beta", "edge");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.+_-]*");
    private static final Pattern MINOR = Pattern.compile("^v?(\\d+)\\.(\\d+)");

    /**
     * Parses {@code track}, {@code risk}, {@code track/risk}, {@code risk/branch} or
     * {@code track/risk/branch}.
     *
     * @throws IllegalArgumentException saying which form was expected
     */
    static Channel parse(String text) {
        String t = text == null ? "" : text.trim();
        String[] parts = t.split("/", -1);
        for (String p : parts) {
            if (!NAME.matcher(p).matches()) {
                throw new IllegalArgumentException("\"" + t + "\" is not a snap channel; expected track/risk such as"
                        + " 1.32/stable (risk is one of " + String.join(", ", RISKS) + ")");
            }
        }
        if (parts.length == 1) {
            return RISKS.contains(parts[0]) ? new Channel("latest", parts[0], Optional.empty())
                    : new Channel(parts[0], "stable", Optional.empty());
        }
        if (parts.length == 2 && RISKS.contains(parts[0])) {
            return new Channel("latest", parts[0], Optional.of(parts[1]));
        }
        if (parts.length <= 3 && RISKS.contains(parts[1])) {
            return new Channel(parts[0], parts[1], parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
        }
        throw new IllegalArgumentException("\"" + t + "\" is not a snap channel; the risk must be one of "
                + String.join(", ", RISKS) + " (for example 1.32/stable)");
    }

    /** Strict-confinement tracks (1.32-strict) must not be installed with --classic. */
    boolean strict() {
        return track.endsWith("-strict");
    }

    /**
     * How many Kubernetes minor versions {@code to} is ahead of {@code from} (both as snap prints
     * them, {@code v1.32.3}): negative for a downgrade; empty when either has no version in it.
     */
    static Optional<Integer> minorSteps(String from, String to) {
        Optional<int[]> f = minor(from);
        Optional<int[]> t = minor(to);
        if (f.isEmpty() || t.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((t.get()[0] - f.get()[0]) * 1000 + t.get()[1] - f.get()[1]);
    }

    /** The numbered track one minor after {@code version} with this channel's risk: v1.31.7 gives 1.32/stable. */
    Channel nextMinorAfter(String version) {
        int[] m = minor(version).orElseThrow(() -> new IllegalArgumentException("no version in " + version));
        return new Channel(m[0] + "." + (m[1] + 1), risk, Optional.empty());
    }

    private static Optional<int[]> minor(String text) {
        Matcher m = MINOR.matcher(text == null ? "" : text);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return track + "/" + risk + branch.map(b -> "/" + b).orElse("");
    }
}
