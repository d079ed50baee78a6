package io.jcharm.core;

/**
 * Relation data was used against Juju's rules (a write to a remote bag, the app bag off the
 * leader) or held something malformed.
 *
 * <pre>{@code
 * catch (RelationDataException e) { throw StatusException.waiting("ingress data not usable yet: " + e.getMessage()); }
 * }</pre>
 */
public class RelationDataException extends RuntimeException {
    public RelationDataException(String message) {
        super(message);
    }
}
