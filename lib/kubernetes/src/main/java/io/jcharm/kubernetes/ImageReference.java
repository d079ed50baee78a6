package io.jcharm.kubernetes;

import java.util.regex.Pattern;

/**
 * Whether a text is an OCI image reference a kubelet can pull: {@code [registry[:port]/]path[:tag][@digest]},
 * with lowercase path components, per the distribution project's reference grammar. Charms check
 * their image options with it, so that a pasted URL or sentence is Blocked naming the option
 * instead of failing every pod that would pull it.
 *
 * <pre>{@code
 * ImageReference.valid("docker.io/seldonio/seldon-core-executor:1.17.1");   // true
 * ImageReference.valid("https://docker.io/seldonio/executor");              // false: a URL, not a reference
 * }</pre>
 */
public final class ImageReference {
    private static final String DOMAIN_PART = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
    private static final String DOMAIN = DOMAIN_PART + "(?:\\." + DOMAIN_PART + ")*(?::[0-9]+)?";
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String TAG = ":[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    private static final String DIGEST = "@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT + ")*(?:" + TAG + ")?(?:" + DIGEST + ")?");

    private ImageReference() {
    }

    /** Whether {@code text} is a reference a kubelet can pull; false for null. */
    public static boolean valid(String text) {
        return text != null && REFERENCE.matcher(text).matches();
    }
}
