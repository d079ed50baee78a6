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
 * Channel.parse("1.31/stable").isDowngradeFrom("v1.32.3");  // true
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
     * Whether moving to this channel would take Kubernetes back a minor version from the
     * installed {@code version} (as {@code snap list} prints it, {@code v1.32.3}); unknown when
     * this track has no version in it ({@code latest}), which is then allowed.
     */
    boolean isDowngradeFrom(String installedVersion) {
        Optional<int[]> want = minor(track);
        Optional<int[]> have = minor(installedVersion);
        if (want.isEmpty() || have.isEmpty()) {
            return false;
        }
        int[] w = want.get();
        int[] h = have.get();
        return w[0] < h[0] || (w[0] == h[0] && w[1] < h[1]);
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
