package io.jcharm.bundle;

import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.Role;
import io.jcharm.yaml.GoFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks Juju makes only while deploying, on the client or the controller (juju/juju {@code
 * cmd/juju/application/deployer}, {@code state/state.go} AddRelation): trust consent, resources and
 * storage the charm does not declare, container scope needing a subordinate, relation limits; plus
 * warnings for subordinates that would never get a unit.
 *
 * <pre>{@code
 * ControllerChecks.trust(bundle, false, sources);  // the "Bundle cannot be deployed without trusting..." error
 * }</pre>
 */
public final class ControllerChecks {
    private final BundleData bd;
    private final SourceMap where;
    private final Map<String, CharmMetadata> charms;
    private final List<Problem> out;

    /** A relation whose two endpoints are known. */
    record Resolved(EndpointRef a, EndpointRef b, String index) {
    }

    public ControllerChecks(BundleData bd, SourceMap where, Map<String, CharmMetadata> charms, List<Problem> out) {
        this.bd = bd;
        this.where = where;
        this.charms = charms;
        this.out = out;
    }

    /** {@code juju deploy} without {@code --trust} refuses bundles that ask for trust. */
    public static List<Problem> trust(BundleData bd, boolean trustGiven, SourceMap where) {
        if (trustGiven) {
            return List.of();
        }
        Set<String> apps = new TreeSet<>();
        bd.applications().forEach((name, app) -> {
            if (app != null && app.wantsTrust()) {
                apps.add(name);
            }
        });
        if (apps.isEmpty()) {
            return List.of();
        }
        StringBuilder sb = new StringBuilder("Bundle cannot be deployed without trusting applications with your cloud credentials.\n"
                + "Please repeat the deploy command with the --trust argument if you consent to trust the following application(s):");
        apps.forEach(a -> sb.append("\n  - ").append(a));
        return List.of(Problem.error("D1", sb.toString(), where.locate("applications", apps.iterator().next(), "trust"),
                "deploy with --trust if you consent; trusted Kubernetes applications get access to the whole cluster"));
    }

    /** Resources and storage the charm does not declare, and subordinates with no principal. */
    public void applications() {
        bd.applications().forEach((name, app) -> {
            CharmMetadata meta = charms.get(name);
            if (app == null || meta == null) {
                return;
            }
            List<String> unknown = new ArrayList<>(new TreeSet<>(app.resources().keySet().stream()
                    .filter(r -> !meta.resources().containsKey(r)).toList()));
            if (unknown.size() == 1) {
                out.add(Problem.error("D2", "unrecognized resource " + GoFormat.quote(unknown.get(0)),
                        where.locate("applications", name, "resources", unknown.get(0)),
                        "the charm declares: " + declared(meta.resources().keySet())));
            } else if (unknown.size() > 1) {
                out.add(Problem.error("D2", "unrecognized resources: " + String.join(", ", unknown),
                        where.locate("applications", name, "resources"), "the charm declares: " + declared(meta.resources().keySet())));
            }
            app.storage().keySet().stream().filter(s -> !meta.storage().containsKey(s)).forEach(s ->
                    out.add(Problem.error("D3", "charm " + GoFormat.quote(meta.name()) + " has no store called " + GoFormat.quote(s),
                            where.locate("applications", name, "storage", s), "the charm declares: " + declared(meta.storage().keySet()))));
            if (meta.subordinate() && !relatedToPrincipal(name)) {
                out.add(Problem.warning("D4", "subordinate application " + GoFormat.quote(name)
                        + " is not related to a principal over a container-scoped endpoint: it will have no units",
                        where.locate("applications", name), "relate it to the application it should run beside"));
            }
        });
    }

    private boolean relatedToPrincipal(String sub) {
        for (List<String> rel : bd.relations()) {
            if (rel.size() == 2 && rel.stream().anyMatch(e -> e.equals(sub) || e.startsWith(sub + ":"))) {
                return true; // inference decides the endpoints; being related at all is what matters here
            }
        }
        return false;
    }

    private static String declared(Set<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    /** AddRelation's checks for relations whose endpoints are known: container scope, limits. */
    void relations(List<Resolved> relations) {
        Map<String, Integer> counts = new HashMap<>();
        for (Resolved r : relations) {
            String key = key(r);
            boolean container = r.a().endpoint().containerScoped() || r.b().endpoint().containerScoped();
            CharmMetadata ma = charms.get(r.a().application());
            CharmMetadata mb = charms.get(r.b().application());
            if (container && !(ma.subordinate() || mb.subordinate())) {
                out.add(Problem.error("D5", "cannot add relation " + GoFormat.quote(key)
                        + ": container scoped relation requires at least one subordinate application",
                        where.locate("relations", r.index()), "relate over a global endpoint, or make one side a subordinate"));
            }
            for (EndpointRef ep : List.of(r.a(), r.b())) {
                int limit = ep.endpoint().limit();
                int n = counts.merge(ep.toString(), 1, Integer::sum);
                if (limit > 0 && n > limit) {
                    out.add(Problem.error("D6", "cannot add relation " + GoFormat.quote(key) + ": establishing a new relation for " + ep
                            + " would exceed its maximum relation limit of " + limit + " (quota limit exceeded)",
                            where.locate("relations", r.index()), "relate " + ep + " at most " + limit + " time(s)"));
                }
            }
        }
    }

    private static String key(Resolved r) {
        boolean swap = r.a().endpoint().role() == Role.PROVIDER && r.b().endpoint().role() == Role.REQUIRER;
        return swap ? r.b() + " " + r.a() : r.a() + " " + r.b();
    }
}
