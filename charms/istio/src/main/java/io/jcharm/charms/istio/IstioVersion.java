package io.jcharm.charms.istio;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Istio version as an image tag spells it ({@code 1.28.0}, {@code 1.28.0-distroless}), and
 * Istio's upgrade rule: one minor version at a time, never down.
 *
 * <pre>{@code
 * IstioVersion.parse("1.28.0").refusalFrom(IstioVersion.parse("1.26.3"));
 * // Optional["cannot move Istio from 1.26.3 to 1.28.0 in one step: upgrade 1.26 → 1.27 first, then 1.28"]
 * }</pre>
 */
public record IstioVersion(int major, int minor, int patch, String tag) {
    private static final Pattern TAG = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?([-+_.][A-Za-z0-9._+-]*)?$");

    /**
     * Parses a tag.
     *
     * @throws IllegalArgumentException when it does not start with MAJOR.MINOR
     */
    public static IstioVersion parse(String tag) {
        Matcher m = TAG.matcher(tag == null ? "" : tag.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + tag + "\" is not an Istio version tag such as 1.28.0 or"
                    + " 1.28.0-distroless");
        }
        try {
            return new IstioVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), tag.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + tag + "\" has a version number too large to be Istio's", e);
        }
    }

    /** {@code MAJOR.MINOR}, e.g. "1.28". */
    public String minorLine() {
        return major + "." + minor;
    }

    /**
     * Why moving from {@code applied} to this version is refused, if it is: a major change, a
     * downgrade of the minor version, or a jump of more than one minor version. Patch moves
     * within a minor version are allowed both ways.
     */
    public Optional<String> refusalFrom(IstioVersion applied) {
        String move = "cannot move Istio from " + applied.tag() + " to " + tag;
        if (major != applied.major()) {
            return Optional.of(move + ": a major version change is not an in-place upgrade; set image-tag back to "
                    + applied.tag());
        }
        if (minor < applied.minor()) {
            return Optional.of(move + ": Istio does not support downgrades; set image-tag back to " + applied.tag()
                    + " or a later " + applied.minorLine() + " patch");
        }
        if (minor > applied.minor() + 1) {
            StringBuilder path = new StringBuilder(move + " in one step: upgrade " + applied.minorLine() + " → "
                    + major + "." + (applied.minor() + 1) + " first");
            for (int m = applied.minor() + 2; m <= minor; m++) {
                path.append(", then ").append(major).append('.').append(m);
            }
            return Optional.of(path.toString());
        }
        return Optional.empty();
    }
}
