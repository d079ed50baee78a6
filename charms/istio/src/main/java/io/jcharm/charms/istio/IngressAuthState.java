package io.jcharm.charms.istio;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.Status;
import io.jcharm.core.StatusException;
import io.jcharm.relations.IngressAuth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the {@code ingress-auth} relation (SDI v1; Charmed Kubeflow's oidc-gatekeeper is the
 * requirer) asks of the gateway, decided as istio-pilot decides it. Not related: the gateway
 * serves as usual and no auth filter exists. Related and the provider's service and port known:
 * the {@code auth-filter} set holds the ext_authz EnvoyFilter, and the Gateway is served once
 * that filter was applied. Related but not usable yet (no versions, no data, bad data, two
 * providers): the problem is reported, the filter is left as it was, and the Gateway object
 * (with its TLS Secret) is withheld, so no route is ever served unauthenticated while the user
 * asked for authentication.
 *
 * <pre>{@code
 * IngressAuthState auth = IngressAuthState.read(model);
 * auth.report();                                    // Waiting/Blocked while the provider is not usable
 * auth.filterObjects("istio", "kubeflow");          // [EnvoyFilter istio-authn-filter] or []
 * auth.gatewayOpen(filterApplied);                  // false while a provider is asked for but not in place
 * }</pre>
 *
 * @param related whether an ingress-auth relation exists
 * @param provider the auth provider, when exactly one relation sent valid data
 * @param problem why a related provider cannot be used yet
 */
record IngressAuthState(boolean related, Optional<IngressAuth> provider, Optional<Status> problem) {
    static final String ENDPOINT = "ingress-auth";
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    /** Reads the relation (leader: lists our SDI versions); problems are kept, not thrown. */
    static IngressAuthState read(Model model) {
        List<Relation> relations = model.relations(ENDPOINT).stream().sorted(Comparator.comparingInt(Relation::id)).toList();
        if (relations.isEmpty()) {
            return new IngressAuthState(false, Optional.empty(), Optional.empty());
        }
        if (relations.size() > 1) {
            List<String> apps = relations.stream().map(r -> r.remoteAppName().orElse("unknown")).toList();
            return pending(Status.blocked("ingress-auth is related to " + String.join(" and ", apps) + "; only one auth"
                    + " provider is supported, and the gateway serves nothing until one remains: juju remove-relation "
                    + model.app().name() + ":" + ENDPOINT + " " + apps.get(apps.size() - 1)));
        }
        Relation r = relations.get(0);
        try {
            Optional<IngressAuth> provider = IngressAuth.read(r);
            if (provider.isEmpty()) {
                return pending(Status.waiting("waiting for the auth provider data from " + r.remoteAppName().orElse("unknown")
                        + " (its service and port); the gateway serves no route until then"));
            }
            // What the schema cannot say: the filter's cluster and URI are built from these.
            String where = "ingress-auth data from " + r.remoteAppName().orElse("unknown") + " on " + r.ref();
            if (!DNS_LABEL.matcher(provider.get().service()).matches()) {
                return pending(Status.blocked(where + ": service \"" + provider.get().service()
                        + "\" is not a Kubernetes service name"));
            }
            if (provider.get().port() < 1 || provider.get().port() > 65535) {
                return pending(Status.blocked(where + ": port " + provider.get().port() + " is not between 1 and 65535"));
            }
            return new IngressAuthState(true, provider, Optional.empty());
        } catch (StatusException e) {
            return pending(e.status());
        }
    }

    private static IngressAuthState pending(Status why) {
        return new IngressAuthState(true, Optional.empty(), Optional.of(why));
    }

    /** Stops the reporting component with the problem, if there is one. */
    void report() throws StatusException {
        if (problem.isPresent()) {
            throw new StatusException(problem.get());
        }
    }

    /** The {@code auth-filter} set: the EnvoyFilter while a provider is known, nothing when not related. */
    List<HasMetadata> filterObjects(String app, String ns) {
        return provider.<List<HasMetadata>>map(p -> List.of(AuthFilterObjects.filter(p, app, ns))).orElse(List.of());
    }

    /** Whether the Gateway may be served: no ingress-auth relation, or its filter is in place. */
    boolean gatewayOpen(boolean filterApplied) {
        return !related || (provider.isPresent() && filterApplied);
    }
}
