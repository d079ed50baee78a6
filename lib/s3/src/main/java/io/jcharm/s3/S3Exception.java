package io.jcharm.s3;

import io.jcharm.core.StatusException;

/**
 * A bucket operation that failed, sorted by what the user can do about it.
 *
 * <pre>{@code
 * catch (S3Exception e) { throw e.toStatus(); }   // in a component: Waiting or Blocked, saying why
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

    /**
     * The unit status this failure means for a component managing buckets: Waiting while the
     * storage does not answer (it may be starting), Blocked naming the credentials when refused,
     * Blocked with the server's answer otherwise.
     */
    public StatusException toStatus() {
        return switch (kind) {
            case UNREACHABLE -> StatusException.waiting("waiting for object storage: " + getMessage());
            case DENIED -> StatusException.blocked(getMessage() + "; check the object-storage credentials");
            case FAILED -> StatusException.blocked(getMessage());
        };
    }
}
