package io.jcharm.charms.istio;

import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.RelationDataException;
import io.jcharm.core.Status;
import io.jcharm.core.StatusException;
import io.jcharm.relations.IngressRoute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The routes of every {@code ingress} relation (SDI v1 or v2; lists our versions as it goes).
 * A relation that cannot be served (no versions yet, malformed data, a service name another
 * relation already uses) does not hold the others back: its route is left out, and the worst
 * such problem is kept for the {@code ingress} component to report, while the routes component
 * serves the valid ones.
 *
 * <pre>{@code
 * IngressRoutes read = IngressRoutes.read(model);
 * read.routes();   // valid routes, by relation id
 * read.report();   // throws the worst problem, if any
 * }</pre>
 *
 * @param routes the routes to serve
 * @param problem the worst problem of the relations left out
 */
record IngressRoutes(List<Route> routes, Optional<Status> problem) {
    static final String ENDPOINT = "ingress";
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    IngressRoutes {
        routes = List.copyOf(routes);
    }

    /** Reads every ingress relation, in relation id order. */
    static IngressRoutes read(Model model) {
        Status worst = null;
        List<Route> routes = new ArrayList<>();
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
                routes.add(new Route(app, r.id(), route.get()));
            } catch (StatusException e) {
                worst = worse(worst, e.status());
            } catch (RelationDataException e) {
                worst = worse(worst, Status.blocked("ingress data from " + app + " on " + r.ref() + ": " + e.getMessage()));
            }
        }
        return new IngressRoutes(routes, Optional.ofNullable(worst));
    }

    /** Stops the reporting component with the worst problem, if there was one. */
    void report() throws StatusException {
        if (problem.isPresent()) {
            throw new StatusException(problem.get());
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
