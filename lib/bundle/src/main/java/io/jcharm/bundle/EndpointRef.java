package io.jcharm.bundle;

import io.jcharm.core.meta.Endpoint;

/**
 * One side of a relation: an application and one of its charm's endpoints.
 *
 * <pre>{@code
 * ref.toString();  // istio:gateway-info
 * }</pre>
 */
public record EndpointRef(String application, Endpoint endpoint) {

    /** The endpoint every application provides without declaring it. */
    public static Endpoint jujuInfo() {
        return new Endpoint("juju-info", io.jcharm.core.meta.Role.PROVIDER, "juju-info", 0, false, "global");
    }

    /** Juju's IsImplicit: the juju-info provider. */
    public boolean isImplicit() {
        return endpoint.name().equals("juju-info") && endpoint.interfaceName().equals("juju-info")
                && endpoint.role() == io.jcharm.core.meta.Role.PROVIDER;
    }

    @Override
    public String toString() {
        return application + ":" + endpoint.name();
    }
}
