package io.jcharm.controller;

/**
 * Access to a secret granted over a relation to the remote application, or to one of its units.
 *
 * <pre>{@code
 * new GrantDoc(3, "listener", null);   // every unit of listener, over relation 3
 * }</pre>
 */
public record GrantDoc(int relationId, String app, String unit) {
}
