package io.jcharm.local;

import io.jcharm.bundle.PackedCharm;
import io.jcharm.controller.Action;
import io.jcharm.controller.EndpointDoc;
import io.jcharm.controller.Relation;
import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.Endpoint;
import io.jcharm.core.meta.MetadataException;
import io.jcharm.core.meta.Role;
import io.jcharm.local.ModelDoc.App;
import io.jcharm.local.ModelDoc.FaultDoc;
import io.jcharm.local.ModelDoc.Unit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a user does to the model, as the controller does it: deploy an application (its archive
 * copied, and unpacked once and linked into each unit, config checked, peers related), add units, relate and unrelate,
 * configure, run actions, refresh, remove, resolve, inject faults. Each queues the hooks Juju
 * would run; settling runs them.
 *
 * <pre>{@code
 * ops.addApplication("hello", Path.of("hello.charm"), "hello.charm", Map.of("greeting", "Hi"), Map.of(), 1, false);
 * ops.addRelation("hello", "greeting", "other", "listen");
 * }</pre>
 */
final class Operations {
    private final Controller controller;
    private final StateDir dirs;

    Operations(Controller controller, StateDir dirs) {
        this.controller = controller;
        this.dirs = dirs;
    }

    ModelDoc doc() {
        return controller.doc;
    }

    void addApplication(String name, Path archive, String source, Map<String, Object> options, Map<String, String> resources,
                        int units, boolean trust) {
        synchronized (controller) {
            if (doc().applications.containsKey(name)) {
                throw new LocalModelException("application \"" + name + "\" already exists", "remove it first, or deploy under another name");
            }
            CharmMetadata meta = metadata(archive);
            App a = new App();
            a.name = name;
            a.charmName = meta.name();
            a.revision = 1;
            a.kubernetes = meta.isKubernetes();
            a.containers = new ArrayList<>(meta.containers().keySet());
            a.trust = trust;
            a.charmSource = source;
            a.charmArchive = dirs.root().relativize(copyArchive(archive, name, 1)).toString();
            options.forEach((k, v) -> {
                if (v != null) {
                    a.config.put(k, Configs.coerce(meta, k, v));
                }
            });
            a.resources.putAll(resources);
            doc().applications.put(name, a);
            meta.endpoints(Role.PEER).forEach(p -> {
                Relation r = new Relation();
                r.id = doc().nextRelationId++;
                r.endpoints.add(new EndpointDoc(name, p.name(), Role.PEER.word(), p.interfaceName()));
                doc().relations.put(r.id, r);
            });
            for (int i = 0; i < units; i++) {
                addUnit(name);
            }
        }
    }

    String addUnit(String app) {
        synchronized (controller) {
            App a = app(app);
            CharmMetadata meta = controller.metadata(app);
            Unit u = Lifecycle.addUnit(doc(), a, a.kubernetes ? List.copyOf(meta.containers().keySet()) : List.of());
            unpack(dirs.root().resolve(a.charmArchive), dirs.charmDir(u.name, a.revision));
            return u.name;
        }
    }

    /** Application name to its charm's name. */
    Map<String, String> charmNames() {
        synchronized (controller) {
            Map<String, String> out = new TreeMap<>();
            doc().applications.forEach((k, v) -> out.put(k, v.charmName));
            return out;
        }
    }

    /** Whether these two endpoints are related (and the relation is not going away). */
    boolean related(String appA, String epA, String appB, String epB) {
        synchronized (controller) {
            return doc().relations.values().stream().anyMatch(r -> !r.dying()
                    && r.side(appA).map(e -> e.endpoint().equals(epA)).orElse(false)
                    && r.side(appB).map(e -> e.endpoint().equals(epB)).orElse(false));
        }
    }

    /** Relates two endpoints (already inferred); refuses a duplicate. */
    int addRelation(String appA, String epA, String appB, String epB) {
        synchronized (controller) {
            Endpoint a = endpoint(appA, epA);
            Endpoint b = endpoint(appB, epB);
            for (Relation r : doc().relations.values()) {
                if (!r.dying() && r.side(appA).map(e -> e.endpoint().equals(epA)).orElse(false)
                        && r.side(appB).map(e -> e.endpoint().equals(epB)).orElse(false)) {
                    throw new LocalModelException("relation " + appA + ":" + epA + " " + appB + ":" + epB + " already exists",
                            "nothing to do; see jcharm status");
                }
            }
            Relation r = new Relation();
            r.id = doc().nextRelationId++;
            // Juju lists the provider first.
            boolean swap = a.role() == Role.REQUIRER;
            EndpointDoc da = new EndpointDoc(appA, epA, a.role().word(), a.interfaceName());
            EndpointDoc db = new EndpointDoc(appB, epB, b.role().word(), b.interfaceName());
            r.endpoints.addAll(swap ? List.of(db, da) : List.of(da, db));
            doc().relations.put(r.id, r);
            Lifecycle.addRelation(doc(), r);
            return r.id;
        }
    }

    void removeRelation(int id) {
        synchronized (controller) {
            Relation r = doc().relations.get(id);
            if (r == null || r.dying()) {
                throw new LocalModelException("relation " + id + " not found", "see jcharm status for the relations");
            }
            if (r.peer()) {
                throw new LocalModelException("cannot remove peer relation " + r.key(), "peer relations live as long as the application");
            }
            Lifecycle.removeRelation(doc(), r);
            controller.collectRelation(id);
        }
    }

    /** Sets and resets options; config-changed runs on every unit when the effective config changed. */
    void configure(String app, Map<String, String> values, List<String> reset) {
        synchronized (controller) {
            App a = app(app);
            CharmMetadata meta = controller.metadata(app);
            Map<String, Object> before = controller.config(app);
            Map<String, Object> next = new TreeMap<>(a.config);
            values.forEach((k, v) -> next.put(k, Configs.coerce(meta, k, v)));
            for (String k : reset) {
                Configs.coerce(meta, k, null); // checks the option exists
                next.remove(k);
            }
            a.config = next;
            if (!controller.config(app).equals(before)) {
                a.units.values().stream().filter(u -> !u.dying()).forEach(u -> Lifecycle.enqueue(u, HookSpec.simple("config-changed")));
            }
        }
    }

    /**
     * Sets options given typed (from a bundle) and the application's trust; config-changed runs
     * on every unit when either changed, as {@code juju config} and {@code juju trust} do.
     */
    void setOptions(String app, Map<String, Object> values, boolean trust) {
        synchronized (controller) {
            App a = app(app);
            CharmMetadata meta = controller.metadata(app);
            Map<String, Object> before = controller.config(app);
            Map<String, Object> next = new TreeMap<>(a.config);
            values.forEach((k, v) -> next.put(k, Configs.coerce(meta, k, v)));
            a.config = next;
            boolean trustChanged = a.trust != trust;
            a.trust = trust;
            if (trustChanged || !controller.config(app).equals(before)) {
                a.units.values().stream().filter(u -> !u.dying()).forEach(u -> Lifecycle.enqueue(u, HookSpec.simple("config-changed")));
            }
        }
    }

    /** Queues an action; parameters are checked against actions.yaml first. */
    String queueAction(String unitOrLeader, String name, Map<String, String> params) {
        synchronized (controller) {
            Unit u = unit(leader(unitOrLeader));
            String unit = u.name;
            CharmMetadata meta = controller.metadata(u.app);
            var spec = meta.actions().get(name);
            if (spec == null) {
                throw new LocalModelException("action \"" + name + "\" not defined on unit \"" + unit + "\"",
                        "the charm's actions are " + meta.actions().keySet());
            }
            Action a = new Action();
            a.id = Long.toString(doc().nextActionId++);
            a.unit = unit;
            a.name = name;
            a.params = Actions.params(spec, params);
            doc().actions.put(a.id, a);
            Lifecycle.enqueue(u, HookSpec.action(name, a.id));
            return a.id;
        }
    }

    /**
     * Upgrades an application to a new archive; config, relations, state and secrets stay. As in
     * Juju, a unit in error is not upgraded until its failed hook succeeds (it keeps its revision
     * and the upgrade waits behind the error), unless {@code forceUnits}: then it switches to the
     * new charm at once, without upgrade-charm and config-changed, and its failed hook runs with
     * the new charm when retried.
     *
     * @return for each unit in error, what happened to it and what to do next
     */
    List<String> refresh(String app, Path archive, String source, boolean forceUnits) {
        synchronized (controller) {
            App a = app(app);
            CharmMetadata next = metadata(archive);
            if (!next.name().equals(a.charmName)) {
                throw new LocalModelException("cannot refresh \"" + app + "\" from charm \"" + a.charmName + "\" to \"" + next.name() + "\"",
                        "refresh to a newer build of the same charm");
            }
            for (Relation r : doc().relations.values()) {
                r.side(app).ifPresent(e -> {
                    if (next.endpoint(e.endpoint()).isEmpty()) {
                        throw new LocalModelException("cannot refresh \"" + app + "\": the new charm has no endpoint \"" + e.endpoint()
                                + "\", which relation " + r.key() + " uses", "remove the relation first");
                    }
                });
            }
            int old = a.revision;
            a.revision = old + 1;
            a.charmArchive = dirs.root().relativize(copyArchive(archive, app, a.revision)).toString();
            a.charmSource = source;
            a.containers = new ArrayList<>(next.containers().keySet());
            a.config.keySet().removeIf(k -> !next.config().containsKey(k)); // options the new charm dropped
            for (Unit u : a.units.values()) {
                if (!u.dying()) {
                    unpack(archive, dirs.charmDir(u.name, a.revision));
                }
            }
            List<String> notes = new ArrayList<>();
            List<Unit> forced = new ArrayList<>();
            for (Unit u : a.units.values()) {
                if (u.dying() || u.error == null) {
                    continue;
                }
                String failed = u.error.message();
                if (forceUnits) {
                    forced.add(u);
                    controller.forceUpgrade(u, a.revision);
                    notes.add(u.name + " is in error (" + failed + "): --force-units switched it to revision " + a.revision
                            + " without running upgrade-charm; next: jcharm resolve " + u.name + " retries the failed hook with it");
                } else {
                    notes.add(u.name + " is in error (" + failed + "): as in Juju it stays on revision " + u.charmRevision
                            + " and upgrades only after that hook succeeds; next: jcharm resolve " + u.name + " retries it with revision "
                            + u.charmRevision + " (then upgrades), or jcharm refresh " + app + " --path <charm> --force-units switches it to "
                            + "the new revision now");
                }
            }
            Lifecycle.refresh(a, old, List.copyOf(next.containers().keySet()), forced);
            return notes;
        }
    }

    /** Scales down by one unit: its relations depart, it stops and is removed; a new leader is elected if it led. */
    void removeUnit(String unit) {
        synchronized (controller) {
            Unit u = unit(unit);
            if (u.dying()) {
                throw new LocalModelException("unit \"" + unit + "\" is already being removed", "wait for it: jcharm status");
            }
            Lifecycle.removeUnit(doc(), u);
        }
    }

    void removeApplication(String app, boolean force) {
        synchronized (controller) {
            App a = app(app);
            if (a.dying() && !force) {
                throw new LocalModelException("application \"" + app + "\" is already being removed", "add --force to clear its errors");
            }
            a.life = "dying";
            Set<Integer> seen = new HashSet<>();
            for (Relation r : List.copyOf(doc().relations.values())) {
                if (!r.peer() && !r.dying() && r.side(app).isPresent() && seen.add(r.id)) {
                    Lifecycle.removeRelation(doc(), r);
                }
            }
            for (Unit u : a.units.values()) {
                if (force) {
                    u.error = null;
                }
                Lifecycle.removeUnit(doc(), u);
            }
            doc().relations.keySet().forEach(controller::collectRelation);
        }
    }

    /** Retries the failed hook (or, with {@code retry} false, marks it done without running it). */
    void resolve(String unit, boolean retry) {
        synchronized (controller) {
            Unit u = unit(unit);
            if (u.error == null) {
                throw new LocalModelException("unit \"" + unit + "\" is not in an error state", "nothing to resolve");
            }
            if (retry) {
                u.error = new ModelDoc.ErrorDoc(u.error.hook(), u.error.message(), u.error.log(), u.error.attempts(),
                        controller.now());
            } else {
                controller.skipFailed(u);
            }
        }
    }

    void updateStatus() {
        synchronized (controller) {
            doc().allUnits().stream().filter(u -> !u.dying() && u.started)
                    .forEach(u -> Lifecycle.enqueue(u, HookSpec.simple("update-status")));
        }
    }

    void injectFault(Fault f) {
        synchronized (controller) {
            FaultDoc d = new FaultDoc();
            d.unit = f.unit();
            d.tool = f.tool();
            d.args = new ArrayList<>(f.args());
            d.remaining = f.times();
            doc().faults.add(d);
        }
    }

    // --- helpers -------------------------------------------------------------------------

    App app(String name) {
        App a = doc().applications.get(name);
        if (a == null) {
            throw new LocalModelException("application \"" + name + "\" not found", "the model has " + doc().applications.keySet());
        }
        return a;
    }

    /** {@code app/leader} names the application's leader unit, as in {@code juju run}; any other name is itself. */
    String leader(String unit) {
        if (!unit.endsWith("/leader")) {
            return unit;
        }
        App a = app(unit.substring(0, unit.length() - "/leader".length()));
        if (a.leader == null) {
            throw new LocalModelException("application \"" + a.name + "\" has no leader", "it has no alive unit; see jcharm status");
        }
        return a.leader;
    }

    private Unit unit(String name) {
        return doc().unit(name).orElseThrow(() -> new LocalModelException("unit \"" + name + "\" not found",
                "the model has " + doc().allUnits().stream().map(u -> u.name).toList()));
    }

    private Endpoint endpoint(String app, String ep) {
        CharmMetadata meta = controller.metadata(app(app).name);
        return meta.endpoint(ep).orElseThrow(() -> new LocalModelException("application \"" + app + "\" has no \"" + ep
                + "\" relation", "its endpoints are " + meta.endpoints().keySet()));
    }

    static CharmMetadata metadata(Path archive) {
        if (!Files.isRegularFile(archive)) {
            throw new LocalModelException("charm archive " + archive + " not found", "pack the charm first (jcharm pack)");
        }
        try {
            return PackedCharm.metadata(archive);
        } catch (MetadataException e) {
            throw new LocalModelException("cannot read the metadata of " + archive + ": " + e.getMessage(), "repack the charm", e);
        }
    }

    private Path copyArchive(Path archive, String app, int revision) {
        Path target = dirs.charmArchive(app, revision);
        try {
            Files.createDirectories(target.getParent());
            Files.copy(archive, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + archive + " into the model (" + target + "): " + e.getMessage(), e);
        }
        return target;
    }

    private void unpack(Path archive, Path dir) {
        new CharmCache(dirs).install(archive, dir);
    }
}
