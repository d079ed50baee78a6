package io.jcharm.charms.istio;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What earlier components learned in this hook, for later ones: the TLS material, the routes
 * the ingress relations asked for, and whether the gateway was applied. Built fresh for every
 * hook (components are), so nothing leaks between hooks.
 *
 * <pre>{@code
 * HookFacts facts = new HookFacts();
 * facts.tls = Optional.of(material);   // by the tls component
 * facts.tls.isPresent();               // by the gateway component: HTTPS
 * }</pre>
 */
final class HookFacts {
    /** The gateway's certificate and key, when tls-secret-id is set and readable. */
    Optional<TlsMaterial> tls = Optional.empty();
    /** The routes read from ingress relations, valid ones only. */
    final List<Route> routes = new ArrayList<>();
    /** Whether the ingress component has read the relations in this hook. */
    boolean routesRead;
    /** Whether the gateway's objects were applied in this hook. */
    boolean gatewayApplied;
}
