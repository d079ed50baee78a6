package io.jcharm.controller;

/**
 * One side of a relation: the application, its endpoint, role and interface.
 *
 * <pre>{@code
 * new EndpointDoc("hello", "greeting", "provides", "greeting");
 * }</pre>
 */
public record EndpointDoc(String app, String endpoint, String role, String interfaceName) {
    @Override
    public String toString() {
        return app + ":" + endpoint;
    }
}
