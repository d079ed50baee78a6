package io.jcharm.kubernetes;

import io.jcharm.core.StatusException;

/**
 * A 403 from the API, carried out of lambdas unchecked and turned into Blocked at the public
 * boundary: without trust the charm cannot fix it, and retrying the hook would not either.
 */
final class RefusedException extends RuntimeException {
    private final String verb;
    private final String kind;

    RefusedException(String verb, String kind, Throwable cause) {
        super("Kubernetes API refused " + verb + " " + kind + ": deploy with --trust", cause);
        this.verb = verb;
        this.kind = kind;
    }

    String verb() {
        return verb;
    }

    String kind() {
        return kind;
    }

    StatusException toStatus() {
        return StatusException.blocked(getMessage());
    }
}
