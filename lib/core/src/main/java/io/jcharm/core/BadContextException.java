package io.jcharm.core;

/**
 * The JUJU_* environment is missing a variable or holds a malformed one.
 *
 * <pre>{@code
 * throw new BadContextException("JUJU_UNIT_NAME is not set; Juju sets it for every hook");
 * }</pre>
 */
public class BadContextException extends RuntimeException {
    public BadContextException(String message) {
        super(message);
    }
}
