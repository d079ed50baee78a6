package io.jcharm.charms.istio;

import io.jcharm.core.Component;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.RelationDataException;
import io.jcharm.core.Status;
import io.jcharm.core.StatusException;
import io.jcharm.relations.IngressRoute;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the route of every {@code ingress} relation (SDI v1 or v2; lists our versions as it
 * goes) into {@link HookFacts#routes}. A relation that cannot be served (no versions yet,
 * malformed data, a service name another relation already uses) does not hold the others back:
 * its route is left out, and the worst such problem is this component's status.
 *
 * <pre>{@code
 * new IngressComponent(facts)  // then a "routes" component applies facts.routes
 * }</pre>
 */
final class IngressComponent implements Component {
    static final String ENDPOINT = "ingress";
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private final HookFacts facts;

    IngressComponent(HookFacts facts) {
        this.facts = facts;
    }

    @Override
    public String name() {
        return ENDPOINT;
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of("config");
    }

    @Override
    public void reconcile(Model model) throws StatusException {
        Status worst = null;
        Map<String, String> servedBy = new HashMap<>();
        List<Relation> relations = model.relations(ENDPOINT).stream().sorted(Comparator.comparingInt(Relation::id)).toList();
        for (Relation r : relations) {
            String app = r.remoteAppName().orElse("unknown");
            try {
                Optional<IngressRoute> route = IngressRoute.read(r);
                if (route.isEmpty()) {
                    continue; // versions agreed, no route asked for yet: nothing to serve
                }
                check(route.get(), r, app);
                String other = servedBy.putIfAbsent(route.get().service(), app);
                if (other != null) {
                    throw StatusException.blocked("routes from " + other + " and " + app + " both name service "
                            + route.get().service() + "; each VirtualService is named after its service, so only the"
                            + " first is served: remove one relation (juju remove-relation " + model.app().name()
                            + ":ingress " + app + ")");
                }
                facts.routes.add(new Route(app, r.id(), route.get()));
            } catch (StatusException e) {
                worst = worse(worst, e.status());
            } catch (RelationDataException e) {
                worst = worse(worst, Status.blocked("ingress data from " + app + " on " + r.ref() + ": " + e.getMessage()));
            }
        }
        facts.routesRead = true;
        if (worst != null) {
            throw new StatusException(worst);
        }
    }

    /** What the schema cannot say: the names must make valid Kubernetes objects and hosts. */
    private static void check(IngressRoute route, Relation r, String app) throws StatusException {
        String where = "route from " + app + " on " + r.ref();
        if (!DNS_LABEL.matcher(route.service()).matches()) {
            throw StatusException.blocked(where + ": service \"" + route.service() + "\" is not a Kubernetes service name");
        }
        if (route.port() < 1 || route.port() > 65535) {
            throw StatusException.blocked(where + ": port " + route.port() + " is not between 1 and 65535");
        }
        if (!route.prefix().startsWith("/")) {
            throw StatusException.blocked(where + ": prefix \"" + route.prefix() + "\" must start with /");
        }
        if (route.namespace().isPresent() && !DNS_LABEL.matcher(route.namespace().get()).matches()) {
            throw StatusException.blocked(where + ": namespace \"" + route.namespace().get() + "\" is not a namespace name");
        }
    }

    private static Status worse(Status a, Status b) {
        return a == null || b.priority() > a.priority() ? b : a;
    }
}
