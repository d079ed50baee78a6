package io.jcharm.local;

import io.jcharm.local.ModelDoc.Relation;
import io.jcharm.local.ModelDoc.Unit;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies what a successful hook changed, as Juju flushes a hook context: relation data (and
 * relation-changed for the units that see it), unit state, ports and secrets (and
 * secret-changed for consumers behind on revisions). Called under the controller's lock.
 *
 * <pre>{@code
 * new Commit(controller, events).apply(ctx, unit);
 * }</pre>
 */
final class Commit {
    private final Controller controller;
    private final ModelDoc doc;

    Commit(Controller controller) {
        this.controller = controller;
        this.doc = controller.doc;
    }

    void apply(HookContext ctx, Unit u) {
        ctx.unitWrites.forEach((id, writes) -> unitData(u, id, writes));
        ctx.appWrites.forEach((id, writes) -> appData(u, id, writes));
        ctx.stateWrites.forEach((k, v) -> {
            if (v == null) {
                u.state.remove(k);
            } else {
                u.state.put(k, v);
            }
        });
        for (String[] op : ctx.portOps) {
            if (op[0].equals("open")) {
                u.ports.add(op[1]);
            } else {
                u.ports.remove(op[1]);
            }
        }
        for (SecretOp op : ctx.secretOps) {
            for (String consumer : Secrets.apply(doc.secrets, op)) {
                doc.unit(consumer).filter(c -> !c.dying()).ifPresent(c ->
                        Lifecycle.enqueue(c, HookSpec.secret("secret-changed", op.id(), null)));
            }
        }
    }

    private void unitData(Unit u, int id, Map<String, String> writes) {
        Relation r = doc.relations.get(id);
        if (r == null) {
            return;
        }
        Map<String, String> bag = r.unitData.computeIfAbsent(u.name, k -> new TreeMap<>());
        if (!merge(bag, writes) || r.dying()) {
            return;
        }
        // Remote units that have seen this unit join hear of it; those still to join will read it then.
        for (Unit v : Lifecycle.remoteUnits(doc, r, u)) {
            if (v.members.getOrDefault(id, new TreeSet<>()).contains(u.name)) {
                Lifecycle.enqueue(v, HookSpec.relation(Lifecycle.endpoint(r, v.app) + "-relation-changed", id, u.app, u.name, null));
            }
        }
    }

    private void appData(Unit u, int id, Map<String, String> writes) {
        Relation r = doc.relations.get(id);
        if (r == null) {
            return;
        }
        Map<String, String> bag = r.appData.computeIfAbsent(u.app, k -> new TreeMap<>());
        if (!merge(bag, writes) || r.dying()) {
            return;
        }
        // Application data: relation-changed without a remote unit, on every unit that entered the relation.
        for (Unit v : Lifecycle.remoteUnits(doc, r, u)) {
            if (v.entered.contains(id)) {
                Lifecycle.enqueue(v, HookSpec.relation(Lifecycle.endpoint(r, v.app) + "-relation-changed", id, u.app, null, null));
            }
        }
    }

    /** Applies writes ("" deletes); whether anything changed. */
    private static boolean merge(Map<String, String> bag, Map<String, String> writes) {
        boolean changed = false;
        for (Map.Entry<String, String> w : writes.entrySet()) {
            if (w.getValue().isEmpty()) {
                changed |= bag.remove(w.getKey()) != null;
            } else {
                changed |= !Objects.equals(bag.put(w.getKey(), w.getValue()), w.getValue());
            }
        }
        return changed;
    }
}
