package io.jcharm.charms.istio;

import io.jcharm.relations.IngressRoute;

/**
 * One ingress route to serve, with the application that asked for it.
 *
 * <pre>{@code
 * Route r = new Route("jupyter-ui", 12, ingressRoute);
 * r.destinationHost("kubeflow");  // jupyter-ui.kubeflow.svc.cluster.local (v1 routes name no namespace)
 * }</pre>
 */
public record Route(String remoteApp, int relationId, IngressRoute route) {

    /** The VirtualService's name: the route's service, as Charmed Kubeflow names it. */
    public String name() {
        return route.service();
    }

    /** The service's address: in the route's namespace (SDI v2), else in {@code defaultNamespace}. */
    public String destinationHost(String defaultNamespace) {
        return route.service() + "." + route.namespace().orElse(defaultNamespace) + ".svc.cluster.local";
    }
}
