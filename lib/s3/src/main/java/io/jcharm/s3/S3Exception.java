package io.jcharm.s3;

/**
 * A bucket operation that failed, sorted by what the user can do about it.
 *
 * <pre>{@code
 * catch (S3Exception e) { if (e.kind() == S3Exception.Kind.UNREACHABLE) throw StatusException.waiting(e.getMessage()); }
 * }</pre>
 */
public final class S3Exception extends Exception {
    /** Why it failed. */
    public enum Kind {
        /** No answer: DNS, connection refused, timeout, TLS handshake. */
        UNREACHABLE,
        /** The server refused the credentials or the operation. */
        DENIED,
        /** Any other error the server answered with. */
        FAILED
    }

    private final Kind kind;

    public S3Exception(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
