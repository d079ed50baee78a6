package io.jcharm.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies what a successful hook changed, as Juju flushes a hook context: relation data (and
 * relation-changed for the units that see it), unit state, ports, storage requests and secrets
 * (and secret-changed for consumers behind on revisions).
 *
 * <pre>{@code
 * List<Notice> heard = new Commit(model).apply(run, unit);
 * }</pre>
 */
final class Commit {
    private final ModelState<?> model;
    private final List<Notice> notices = new ArrayList<>();

    Commit(ModelState<?> model) {
        this.model = model;
    }

    List<Notice> apply(HookRun run, UnitState u) {
        run.unitWrites.forEach((id, writes) -> unitData(u, id, writes));
        run.appWrites.forEach((id, writes) -> appData(u, id, writes));
        run.stateWrites.forEach((k, v) -> {
            if (v == null) {
                u.state.remove(k);
            } else {
                u.state.put(k, v);
            }
        });
        for (String[] op : run.portOps) {
            if (op[0].equals("open")) {
                u.ports.add(op[1]);
            } else {
                u.ports.remove(op[1]);
            }
        }
        run.storageAdds.forEach((name, n) -> u.storageAdded.merge(name, n, Integer::sum));
        for (SecretOp op : run.secretOps) {
            for (String consumer : Secrets.apply(model.secrets, op)) {
                model.unitState(consumer).filter(c -> !c.dying())
                        .ifPresent(c -> notices.add(new Notice.SecretChanged(c.name, op.id())));
            }
        }
        return List.copyOf(notices);
    }

    private void unitData(UnitState u, int id, Map<String, String> writes) {
        Relation r = model.relations.get(id);
        if (r == null) {
            return;
        }
        Map<String, String> bag = r.unitData.computeIfAbsent(u.name, k -> new TreeMap<>());
        if (!merge(bag, writes) || r.dying()) {
            return;
        }
        // Remote units that have seen this unit join hear of it; those still to join will read it then.
        for (UnitState v : model.remoteUnits(r, u)) {
            if (v.members.getOrDefault(id, new TreeSet<>()).contains(u.name)) {
                notices.add(new Notice.RelationChanged(v.name, r.endpoint(v.app), id, u.app, u.name));
            }
        }
    }

    private void appData(UnitState u, int id, Map<String, String> writes) {
        Relation r = model.relations.get(id);
        if (r == null) {
            return;
        }
        Map<String, String> bag = r.appData.computeIfAbsent(u.app, k -> new TreeMap<>());
        if (!merge(bag, writes) || r.dying()) {
            return;
        }
        // Application data: relation-changed without a remote unit, on every unit that entered the relation.
        for (UnitState v : model.remoteUnits(r, u)) {
            if (v.entered.contains(id)) {
                notices.add(new Notice.RelationChanged(v.name, r.endpoint(v.app), id, u.app, null));
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
