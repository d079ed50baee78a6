package io.jcharm.local;

import io.jcharm.controller.Action;
import io.jcharm.controller.Jujuc;
import io.jcharm.controller.Notice;
import io.jcharm.controller.Relation;
import io.jcharm.controller.StatusDoc;
import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.local.ModelDoc.App;
import io.jcharm.local.ModelDoc.ErrorDoc;
import io.jcharm.local.ModelDoc.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The in-process controller: the model's state, which unit runs which hook next, and what a
 * finished hook changes. Every method is synchronized: hook-tool calls arrive on server threads
 * while several units may be running hooks.
 *
 * <pre>{@code
 * Optional<HookContext> next = controller.claim();
 * // ... run it ...
 * controller.finish(ctx, exitCode, outputTail);
 * }</pre>
 */
final class Controller {
    static final StatusDoc INITIAL = new StatusDoc("waiting", "agent initialising");
    static final StatusDoc INSTALLING = new StatusDoc("maintenance", "installing charm software");

    final ModelDoc doc;
    final ModelOptions options;
    final DebugLog log;
    private final Function<App, CharmMetadata> metadata;
    private final ModelEvents events;
    private int cursor;

    Controller(ModelDoc doc, ModelOptions options, DebugLog log, Function<App, CharmMetadata> metadata, ModelEvents events) {
        this.doc = doc;
        this.options = options;
        this.log = log;
        this.metadata = metadata;
        this.events = events;
        // A hook that was running when a previous invocation died runs again, first.
        for (Unit u : doc.allUnits()) {
            if (u.running != null) {
                if (u.error == null || !u.error.hook().equals(u.running)) {
                    u.queue.add(0, u.running);
                }
                u.running = null;
                u.agent = new StatusDoc("idle", "");
            }
        }
    }

    synchronized CharmMetadata metadata(String app) {
        App a = doc.applications.get(app);
        if (a == null) {
            throw new LocalModelException("application \"" + app + "\" not found", "see jcharm status for the applications");
        }
        return metadata.apply(a);
    }

    long now() {
        return options.clock().millis();
    }

    // --- scheduling ----------------------------------------------------------------------

    /** The next hook to run, round robin over units, one hook per unit at a time. */
    synchronized Optional<HookContext> claim() {
        List<Unit> units = doc.allUnits();
        long now = now();
        for (int k = 0; k < units.size(); k++) {
            Unit u = units.get((cursor + k) % units.size());
            if (u.running != null) {
                continue;
            }
            HookSpec next = pick(u, now);
            if (next != null) {
                cursor = (cursor + k + 1) % units.size();
                return Optional.of(start(u, next));
            }
        }
        return Optional.empty();
    }

    private static HookSpec pick(Unit u, long now) {
        if (u.error != null) {
            // Juju still serves actions to a unit in error, but no other hook.
            for (int i = 0; i < u.queue.size(); i++) {
                if (u.queue.get(i).action()) {
                    return u.queue.remove(i);
                }
            }
            return u.error.retryAt() > 0 && now >= u.error.retryAt() ? u.error.hook() : null;
        }
        return u.queue.isEmpty() ? null : u.queue.remove(0);
    }

    private HookContext start(Unit u, HookSpec h) {
        u.running = h;
        HookContext ctx = new HookContext(u.name, h, ++doc.hooksRun);
        u.agent = new StatusDoc("executing", h.action() ? "running action " + h.name() : "running " + h.name() + " hook");
        if (h.action()) {
            Action a = doc.actions.get(h.actionId());
            if (a != null) {
                a.status = "running";
            }
            return ctx;
        }
        if (h.name().equals("install") && u.workload.equals(INITIAL)) {
            u.workload = INSTALLING;
        }
        Integer rel = h.relationId();
        if (rel != null) {
            if (h.name().endsWith("-relation-created")) {
                u.entered.add(rel);
            } else if (h.name().endsWith("-relation-joined")) {
                u.members.computeIfAbsent(rel, k -> new TreeSet<>()).add(h.remoteUnit());
            } else if (h.name().endsWith("-relation-departed")) {
                u.members.computeIfAbsent(rel, k -> new TreeSet<>()).remove(h.departingUnit());
            }
        }
        if (h.name().equals("upgrade-charm") && h.charmRevision() != null) {
            u.charmRevision = h.charmRevision();
            events.unitUpgraded(u.name, doc.applications.get(u.app).kubernetes, u.charmRevision);
        }
        return ctx;
    }

    /** Whether a hook is running or could run now. */
    synchronized boolean busy() {
        long now = now();
        for (Unit u : doc.allUnits()) {
            if (u.running != null) {
                return true;
            }
            if (u.error == null ? !u.queue.isEmpty()
                    : u.queue.stream().anyMatch(HookSpec::action) || u.error.retryAt() > 0 && now >= u.error.retryAt()) {
                return true;
            }
        }
        return false;
    }

    /** When the earliest automatic retry is due, if one is. */
    synchronized OptionalLong nextRetry() {
        return doc.allUnits().stream().filter(u -> u.error != null && u.error.retryAt() > 0)
                .mapToLong(u -> u.error.retryAt()).min();
    }

    /** Units in error that will not be retried automatically. */
    synchronized List<String> stuck() {
        return doc.allUnits().stream().filter(u -> u.error != null && u.error.retryAt() == 0).map(u -> u.name).toList();
    }

    // --- completion ----------------------------------------------------------------------

    /**
     * Records a finished hook: on success its changes are committed (and others hear of them);
     * on failure the unit goes into error and the hook is retried with backoff, bounded.
     */
    synchronized void finish(HookContext ctx, int exit, List<String> outputTail, String failure) {
        Unit u = doc.unit(ctx.unit).orElse(null);
        if (u == null) {
            return; // removed with --force while running
        }
        u.running = null;
        u.agent = new StatusDoc("idle", "");
        if (!outputTail.isEmpty()) {
            u.lastLog = new ArrayList<>(outputTail);
        }
        HookSpec h = ctx.hook;
        if (h.action()) {
            finishAction(ctx, u, exit, failure);
            return;
        }
        if (exit == 0) {
            commit(ctx);
            if (u.error != null && u.error.hook().equals(h)) {
                u.error = null;
            }
            done(u, h);
            return;
        }
        int attempts = (u.error != null && u.error.hook().equals(h) ? u.error.attempts() : 0) + 1;
        long retryAt = attempts <= options.maxRetries() ? now() + options.backoff(attempts).toMillis() : 0;
        u.error = new ErrorDoc(h, "hook failed: \"" + h.name() + "\"", List.copyOf(outputTail), attempts, retryAt);
        log.append(u.name, "ERROR", "juju.worker.uniter.operation", "hook \"" + h.name()
                + "\" (via hook dispatching script: dispatch) failed: " + failure
                + (retryAt > 0 ? "; retrying in " + options.backoff(attempts).toMillis() + "ms (attempt " + attempts + " of "
                + (options.maxRetries() + 1) + ")" : "; no more automatic retries: fix the cause, then jcharm resolve " + u.name));
    }

    /**
     * A hook the command killed as it was stopped: nothing it did is committed; the unit shows it
     * failed, and it runs again, first, on the next command (its retry is due at once and does not
     * count as an attempt). An interrupted action fails.
     */
    synchronized void interrupted(HookContext ctx, List<String> outputTail) {
        Unit u = doc.unit(ctx.unit).orElse(null);
        if (u == null) {
            return;
        }
        u.running = null;
        u.agent = new StatusDoc("idle", "");
        HookSpec h = ctx.hook;
        log.append(u.name, "ERROR", "juju.worker.uniter.operation", (h.action() ? "action \"" : "hook \"") + h.name()
                + "\" " + HookRunner.INTERRUPTED + "; it runs again on the next command");
        if (h.action()) {
            Action a = doc.actions.get(h.actionId());
            if (a != null) {
                a.status = "failed";
                a.message = HookRunner.INTERRUPTED;
            }
            return;
        }
        if (u.error != null && !u.error.hook().equals(h)) {
            u.queue.add(0, h); // it was an action's turn beside an older error: keep both
            return;
        }
        int attempts = u.error != null ? u.error.attempts() : 0;
        u.error = new ErrorDoc(h, "hook failed: \"" + h.name() + "\" (interrupted)", List.copyOf(outputTail), attempts, now());
    }

    private void finishAction(HookContext ctx, Unit u, int exit, String failure) {
        Action a = doc.actions.get(ctx.hook.actionId());
        if (exit == 0) {
            commit(ctx);
        }
        if (a == null) {
            return;
        }
        a.results = Actions.unflatten(ctx.actionResults);
        if (exit != 0) {
            a.status = "failed";
            a.message = failure;
        } else if (ctx.actionFailure().isPresent()) {
            a.status = "failed";
            a.message = ctx.actionFailure().get();
        } else {
            a.status = "completed";
        }
    }

    /** Applies a successful hook's changes (jcharm-controller's rules) and queues the hooks others hear of them by. */
    private void commit(HookContext ctx) {
        for (Notice n : Jujuc.commit(doc, ctx)) {
            Unit target = doc.unit(n.unit()).orElse(null);
            if (target == null) {
                continue;
            }
            if (n instanceof Notice.RelationChanged c) {
                Lifecycle.enqueue(target, HookSpec.relation(c.endpoint() + "-relation-changed", c.relationId(), c.remoteApp(),
                        c.remoteUnit(), null));
            } else if (n instanceof Notice.SecretChanged c) {
                Lifecycle.enqueue(target, HookSpec.secret("secret-changed", c.secretId(), null));
            }
        }
    }

    /** What a hook's success means beyond its data: lifecycle flags, scope, removal. */
    private void done(Unit u, HookSpec h) {
        App app = doc.applications.get(u.app);
        switch (h.name()) {
            case "install" -> u.installed = true;
            case "start" -> {
                u.started = true;
                if (u.workload.equals(INSTALLING) || u.workload.equals(INITIAL)) {
                    u.workload = new StatusDoc("unknown", "");
                }
            }
            case "stop" -> u.started = false;
            case "remove" -> removeUnitNow(app, u);
            default -> {
                if (h.relationId() != null && h.name().endsWith("-relation-broken")) {
                    u.entered.remove(h.relationId());
                    u.members.remove(h.relationId());
                    collectRelation(h.relationId());
                }
            }
        }
    }

    /**
     * A forced refresh of a unit in error: it runs the new charm from now on, and its failed hook
     * (kept, as is the error) runs with it when retried.
     */
    synchronized void forceUpgrade(Unit u, int revision) {
        u.charmRevision = revision;
        // An earlier refresh's upgrade, still waiting behind the error, would take it back to an older revision.
        u.queue.removeIf(q -> q.charmRevision() != null);
        HookSpec h = u.error.hook();
        if (h.charmRevision() != null) {
            h = h.withCharmRevision(revision);
        }
        u.error = new ErrorDoc(h, u.error.message(), u.error.log(), u.error.attempts(), u.error.retryAt());
        events.unitUpgraded(u.name, doc.applications.get(u.app).kubernetes, revision);
    }

    /** Marks a failed hook done without running it again ({@code jcharm resolve --no-retry}). */
    synchronized void skipFailed(Unit u) {
        HookSpec h = u.error.hook();
        u.error = null;
        done(u, h);
    }

    private void removeUnitNow(App app, Unit u) {
        app.units.remove(u.name);
        events.unitRemoved(u.name);
        for (Relation r : List.copyOf(doc.relations.values())) {
            r.unitData.remove(u.name);
            collectRelation(r.id);
        }
        if (u.name.equals(app.leader)) {
            Lifecycle.electLeader(app);
        }
        if (app.dying() && app.units.isEmpty()) {
            doc.applications.remove(app.name);
            doc.relations.values().removeIf(r -> r.peer() && r.side(app.name).isPresent());
            doc.secrets.values().removeIf(s -> s.owner.equals(app.name) || s.owner.startsWith(app.name + "/"));
            events.appRemoved(app.name, app.kubernetes);
        }
    }

    /** A dying relation goes once no unit is in it or has a hook of it left. */
    void collectRelation(int id) {
        Relation r = doc.relations.get(id);
        if (r == null || !r.dying()) {
            return;
        }
        for (Unit u : doc.allUnits()) {
            boolean pending = u.queue.stream().anyMatch(h -> Integer.valueOf(id).equals(h.relationId()))
                    || u.running != null && Integer.valueOf(id).equals(u.running.relationId());
            if (u.entered.contains(id) || pending) {
                return;
            }
        }
        doc.relations.remove(id);
        doc.secrets.values().forEach(s -> s.grants.removeIf(g -> g.relationId() == id));
    }

    // --- views for hook tools ------------------------------------------------------------

    /** The unit's effective config: charm defaults overlaid with what was set. */
    synchronized Map<String, Object> config(String app) {
        return Configs.effective(metadata(app), doc.applications.get(app).config);
    }

    synchronized boolean isLeader(String unit) {
        Unit u = doc.unit(unit).orElse(null);
        return u != null && unit.equals(doc.applications.get(u.app).leader);
    }
}
