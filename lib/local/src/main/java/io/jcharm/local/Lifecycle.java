package io.jcharm.local;

import io.jcharm.controller.EndpointDoc;
import io.jcharm.controller.Relation;
import io.jcharm.local.ModelDoc.App;
import io.jcharm.local.ModelDoc.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Juju's hook orderings (juju/juju's {@code docs/reference/hook.md}, 3.6) as queue operations
 * on the controller state: what each unit runs when a unit is added, a relation is added or
 * removed, an application is refreshed or removed, or leadership moves.
 *
 * <pre>{@code
 * Lifecycle.addUnit(doc, app, containers);     // install -> created -> leader -> config -> start -> pebble-ready
 * Lifecycle.addRelation(doc, relation);         // created -> joined -> changed per remote unit
 * }</pre>
 */
final class Lifecycle {
    /** Hooks that may be folded into an identical one already waiting: they carry no news of their own. */
    private static final Set<String> COALESCED_SUFFIXES = Set.of("-relation-changed", "config-changed",
            "leader-settings-changed", "update-status", "secret-changed", "upgrade-charm");
    /** The install phase hooks relation-created is placed before (Juju: created runs right after install). */
    private static final Set<String> AFTER_CREATED = Set.of("leader-elected", "leader-settings-changed",
            "config-changed", "start");

    private Lifecycle() {
    }

    /** Queues a hook; folds it into an identical waiting one where Juju would coalesce. */
    static void enqueue(Unit u, HookSpec h) {
        boolean coalesce = !h.action() && COALESCED_SUFFIXES.stream().anyMatch(h.name()::endsWith);
        if (coalesce && u.queue.contains(h)) {
            return;
        }
        u.queue.add(h);
    }

    /** A new unit: its install phase, and joined/changed on both sides of every relation. */
    static Unit addUnit(ModelDoc doc, App app, List<String> containers) {
        Unit u = new Unit();
        u.number = app.nextUnit++;
        u.name = app.name + "/" + u.number;
        u.app = app.name;
        u.charmRevision = app.revision;
        app.units.put(u.name, u);
        if (app.leader == null) {
            app.leader = u.name;
        }
        enqueue(u, HookSpec.simple("install"));
        List<Relation> rels = relationsOf(doc, app.name);
        for (Relation r : rels) {
            enqueue(u, created(r, app.name));
        }
        enqueue(u, HookSpec.simple(u.name.equals(app.leader) ? "leader-elected" : "leader-settings-changed"));
        enqueue(u, HookSpec.simple("config-changed"));
        enqueue(u, HookSpec.simple("start"));
        for (String c : containers) {
            enqueue(u, HookSpec.workload(c, "-pebble-ready"));
        }
        for (Relation r : rels) {
            joinAll(doc, r, u);
        }
        return u;
    }

    /** A new relation: created on every unit of both sides, then joined/changed per remote unit. */
    static void addRelation(ModelDoc doc, Relation r) {
        List<Unit> units = unitsOf(doc, r);
        for (Unit u : units) {
            insertCreated(u, created(r, u.app));
        }
        for (Unit u : units) {
            for (Unit remote : remoteUnits(doc, r, u)) {
                enqueue(u, HookSpec.relation(endpoint(r, u.app) + "-relation-joined", r.id, remote.app, remote.name, null));
                enqueue(u, HookSpec.relation(endpoint(r, u.app) + "-relation-changed", r.id, remote.app, remote.name, null));
            }
        }
    }

    /** New unit {@code u} joins {@code r}: it sees every remote unit, and they see it. */
    private static void joinAll(ModelDoc doc, Relation r, Unit u) {
        for (Unit remote : remoteUnits(doc, r, u)) {
            enqueue(u, HookSpec.relation(endpoint(r, u.app) + "-relation-joined", r.id, remote.app, remote.name, null));
            enqueue(u, HookSpec.relation(endpoint(r, u.app) + "-relation-changed", r.id, remote.app, remote.name, null));
            enqueue(remote, HookSpec.relation(endpoint(r, remote.app) + "-relation-joined", r.id, u.app, u.name, null));
            enqueue(remote, HookSpec.relation(endpoint(r, remote.app) + "-relation-changed", r.id, u.app, u.name, null));
        }
    }

    /**
     * A relation goes away: its pending hooks are dropped; each unit that entered it runs
     * departed for every remote unit it knows, then broken.
     */
    static void removeRelation(ModelDoc doc, Relation r) {
        r.life = "dying";
        for (Unit u : unitsOf(doc, r)) {
            u.queue.removeIf(h -> h.relationId() != null && h.relationId() == r.id && !h.name().endsWith("-relation-broken"));
            boolean inScope = u.entered.contains(r.id) || u.running != null && Integer.valueOf(r.id).equals(u.running.relationId());
            if (!inScope) {
                continue;
            }
            String ep = endpoint(r, u.app);
            String remoteApp = r.other(u.app).map(EndpointDoc::app).orElse(u.app);
            for (String remote : u.members.getOrDefault(r.id, new java.util.TreeSet<>())) {
                enqueue(u, HookSpec.relation(ep + "-relation-departed", r.id, remoteApp, remote, remote));
            }
            enqueue(u, HookSpec.relation(ep + "-relation-broken", r.id, remoteApp, null, null));
        }
    }

    /** A unit leaves: remote units see it depart; it departs and breaks every relation, stops, is removed. */
    static void removeUnit(ModelDoc doc, Unit u) {
        u.life = "dying";
        // Only teardown is left for a dying unit; waiting hooks would run against a vanishing unit.
        u.queue.removeIf(h -> !h.action() && !teardown(h));
        for (Relation r : relationsOf(doc, u.app)) {
            String ep = endpoint(r, u.app);
            String remoteApp = r.other(u.app).map(EndpointDoc::app).orElse(u.app);
            for (Unit remote : remoteUnits(doc, r, u)) {
                remote.queue.removeIf(h -> h.relationId() != null && h.relationId() == r.id && u.name.equals(h.remoteUnit())
                        && (h.name().endsWith("-relation-joined") || h.name().endsWith("-relation-changed")));
                if (remote.members.getOrDefault(r.id, new java.util.TreeSet<>()).contains(u.name) && !remote.dying()) {
                    enqueue(remote, HookSpec.relation(endpoint(r, remote.app) + "-relation-departed", r.id, u.app, u.name, u.name));
                }
            }
            if (u.entered.contains(r.id)) {
                for (String m : u.members.getOrDefault(r.id, new java.util.TreeSet<>())) {
                    enqueue(u, HookSpec.relation(ep + "-relation-departed", r.id, remoteApp, m, m));
                }
                enqueue(u, HookSpec.relation(ep + "-relation-broken", r.id, remoteApp, null, null));
            }
        }
        if (u.installed) {
            enqueue(u, HookSpec.simple("stop"));
        }
        enqueue(u, HookSpec.simple("remove"));
    }

    /**
     * A refresh: Kubernetes units stop with the old charm (the pod is replaced), then every unit
     * runs upgrade-charm, config-changed, leader-settings-changed (non-leaders), start and, on
     * Kubernetes, pebble-ready again; no relation hooks. Units in {@code forced} (upgraded from
     * an error state with --force-units) run none of these: Juju skips upgrade-charm there.
     */
    static void refresh(App app, int oldRevision, List<String> containers, List<Unit> forced) {
        for (Unit u : app.units.values()) {
            if (u.dying() || forced.contains(u)) {
                continue;
            }
            if (app.kubernetes && u.started) {
                enqueue(u, HookSpec.simple("stop").withCharmRevision(oldRevision));
            }
            enqueue(u, HookSpec.simple("upgrade-charm").withCharmRevision(app.revision));
            enqueue(u, HookSpec.simple("config-changed"));
            if (!u.name.equals(app.leader)) {
                enqueue(u, HookSpec.simple("leader-settings-changed"));
            }
            enqueue(u, HookSpec.simple("start"));
            if (app.kubernetes) {
                containers.forEach(c -> enqueue(u, HookSpec.workload(c, "-pebble-ready")));
            }
        }
    }

    /** The leader is gone: the next alive unit is elected, the others hear of it. */
    static void electLeader(App app) {
        app.leader = null;
        for (Unit u : app.units.values()) {
            if (u.dying()) {
                continue;
            }
            if (app.leader == null) {
                app.leader = u.name;
                enqueue(u, HookSpec.simple("leader-elected"));
            } else {
                enqueue(u, HookSpec.simple("leader-settings-changed"));
            }
        }
    }

    private static boolean teardown(HookSpec h) {
        return h.name().endsWith("-relation-departed") || h.name().endsWith("-relation-broken") || h.name().equals("stop")
                || h.name().equals("remove");
    }

    private static void insertCreated(Unit u, HookSpec created) {
        int at = u.queue.size();
        if (!u.started) {
            for (int i = 0; i < u.queue.size(); i++) {
                if (!u.queue.get(i).action() && AFTER_CREATED.contains(u.queue.get(i).name())) {
                    at = i;
                    break;
                }
            }
        }
        if (!u.queue.contains(created)) {
            u.queue.add(at, created);
        }
    }

    private static HookSpec created(Relation r, String app) {
        String remoteApp = r.other(app).map(EndpointDoc::app).orElse(app);
        return HookSpec.relation(endpoint(r, app) + "-relation-created", r.id, remoteApp, null, null);
    }

    static String endpoint(Relation r, String app) {
        return r.endpoint(app);
    }

    /** Alive relations of an application, peer relations included. */
    static List<Relation> relationsOf(ModelDoc doc, String app) {
        return doc.relations.values().stream().filter(r -> !r.dying() && r.side(app).isPresent()).toList();
    }

    /** Every alive unit on either side. */
    static List<Unit> unitsOf(ModelDoc doc, Relation r) {
        List<Unit> out = new ArrayList<>();
        for (EndpointDoc e : r.endpoints) {
            App a = doc.applications.get(e.app());
            if (a != null) {
                a.units.values().stream().filter(u -> !u.dying()).forEach(out::add);
            }
        }
        return out;
    }

    /** The units {@code u} sees on the other side of {@code r} (jcharm-controller's rule), as the local model's units. */
    static List<Unit> remoteUnits(ModelDoc doc, Relation r, Unit u) {
        return doc.remoteUnits(r, u).stream().map(Unit.class::cast).toList();
    }
}
