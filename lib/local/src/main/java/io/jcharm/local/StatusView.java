package io.jcharm.local;

import io.jcharm.controller.EndpointDoc;
import io.jcharm.controller.Relation;
import io.jcharm.controller.StatusDoc;
import io.jcharm.local.ModelDoc.App;
import io.jcharm.local.ModelDoc.Unit;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link ModelStatus} from the controller state (and, for the simulated workloads,
 * what was saved of the Pebble containers and machine sandboxes).
 *
 * <pre>{@code
 * ModelStatus s = StatusView.of(doc, dirs, "3.6.14");
 * }</pre>
 */
final class StatusView {
    /** Juju's order for deriving an application's status from its units: worst first. */
    private static final List<String> SEVERITY = List.of("error", "blocked", "maintenance", "waiting", "active", "unknown");

    private StatusView() {
    }

    static ModelStatus of(ModelDoc doc, StateDir dirs, String jujuVersion) {
        List<ModelStatus.AppStatus> apps = new ArrayList<>();
        for (App a : doc.applications.values()) {
            List<ModelStatus.UnitStatus> units = new ArrayList<>();
            for (Unit u : a.units.values()) {
                units.add(unit(doc, dirs, a, u));
            }
            StatusDoc st = a.status != null ? a.status : derived(units);
            apps.add(new ModelStatus.AppStatus(a.name, a.charmName, a.revision, a.kubernetes, st.status(), st.message(),
                    a.workloadVersion, a.dying(), units, a.standIn == null ? "" : a.standIn));
        }
        List<ModelStatus.RelationStatus> rels = new ArrayList<>();
        for (Relation r : doc.relations.values()) {
            rels.add(new ModelStatus.RelationStatus(r.id, r.endpoints.stream().map(EndpointDoc::toString).toList(),
                    r.endpoints.get(0).interfaceName(), r.peer(), r.dying(), copy(r.appData), copy(r.unitData)));
        }
        return new ModelStatus(doc.name, doc.uuid, doc.bundle == null ? "" : doc.bundle, jujuVersion, doc.hooksRun, apps, rels);
    }

    private static ModelStatus.UnitStatus unit(ModelDoc doc, StateDir dirs, App a, Unit u) {
        String workload = u.error != null ? "error" : u.workload.status();
        String message = u.error != null ? u.error.message() : u.workload.message();
        int pending = u.queue.size() + (u.running != null ? 1 : 0);
        return new ModelStatus.UnitStatus(u.name, u.name.equals(a.leader), workload, message, u.agent.status(),
                u.agent.message(), List.copyOf(u.ports), simulated(dirs, a, u),
                u.error != null ? u.error.log() : u.lastLog, pending, u.state);
    }

    /** What stands in for the unit's workload, in words. */
    static String simulated(StateDir dirs, App a, Unit u) {
        if (a.kubernetes) {
            if (a.containers.isEmpty()) {
                return "Kubernetes pod simulated (the charm has no workload container)";
            }
            Map<String, List<String>> active = Workloads.activeServices(dirs, u.name);
            if (active.isEmpty()) {
                return "Pebble emulator: " + String.join(", ", a.containers) + " (no state saved yet)";
            }
            List<String> parts = new ArrayList<>();
            active.forEach((c, services) -> parts.add(c + (services.isEmpty() ? ": no service started"
                    : ": " + String.join(", ", services) + " simulated active")));
            return "Pebble emulator: " + String.join("; ", parts);
        }
        MachineSandbox box = new MachineSandbox(dirs.sandbox(u.name));
        long calls = 0;
        try {
            calls = Files.isRegularFile(box.calls()) ? Files.readAllLines(box.calls()).size() : 0;
        } catch (java.io.IOException e) {
            // a count for humans only
        }
        return "machine simulated: " + calls + " system-tool call(s) recorded in " + box.calls();
    }

    private static StatusDoc derived(List<ModelStatus.UnitStatus> units) {
        String worst = "unknown";
        String message = "";
        int worstRank = SEVERITY.size();
        for (ModelStatus.UnitStatus u : units) {
            int rank = SEVERITY.indexOf(u.workload());
            if (rank >= 0 && rank < worstRank) {
                worstRank = rank;
                worst = u.workload();
                message = u.message();
            }
        }
        return new StatusDoc(units.isEmpty() ? "waiting" : worst, units.isEmpty() ? "waiting for units" : message);
    }

    private static Map<String, Map<String, String>> copy(Map<String, Map<String, String>> m) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, Map.copyOf(v)));
        return out;
    }
}
