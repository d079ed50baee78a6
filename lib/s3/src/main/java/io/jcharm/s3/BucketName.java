package io.jcharm.s3;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * S3's bucket naming rules (general purpose buckets), checked before any request so that a bad
 * name gets a message saying which rule it breaks.
 *
 * <pre>{@code
 * BucketName.problem("My_Bucket");  // Optional["must use only lowercase letters, digits, '.' and '-'"]
 * BucketName.problem("mlflow");     // Optional.empty()
 * }</pre>
 */
public final class BucketName {
    private static final Pattern CHARS = Pattern.compile("[a-z0-9.-]+");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private BucketName() {
    }

    /** What is wrong with {@code name}, or empty when it is a valid bucket name. */
    public static Optional<String> problem(String name) {
        if (name == null || name.length() < 3 || name.length() > 63) {
            return Optional.of("must be 3 to 63 characters long");
        }
        if (!CHARS.matcher(name).matches()) {
            return Optional.of("must use only lowercase letters, digits, '.' and '-'");
        }
        if (!Character.isLetterOrDigit(name.charAt(0)) || !Character.isLetterOrDigit(name.charAt(name.length() - 1))) {
            return Optional.of("must begin and end with a letter or digit");
        }
        if (name.contains("..")) {
            return Optional.of("must not contain two adjacent periods");
        }
        if (IPV4.matcher(name).matches()) {
            return Optional.of("must not be formatted as an IP address");
        }
        if (name.startsWith("xn--") || name.startsWith("sthree-")) {
            return Optional.of("must not begin with xn-- or sthree-");
        }
        if (name.endsWith("-s3alias") || name.endsWith("--ol-s3")) {
            return Optional.of("must not end with -s3alias or --ol-s3");
        }
        return Optional.empty();
    }
}
