package io.jcharm.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints a {@link ModelStatus} as {@code juju status} does (model, applications, units,
 * integrations), with the simulated workloads said to be simulated; or as JSON.
 *
 * <pre>{@code
 * System.out.print(StatusReport.table(model.status()));
 * }</pre>
 */
public final class StatusReport {
    /** After the charm's name in the table: Charmhub's charm does not run here, its stand-in does. */
    static final String STAND_IN = " (stand-in)";
    private StatusReport() {
    }

    public static String table(ModelStatus s) {
        StringBuilder out = new StringBuilder();
        rows(out, List.of(List.of("Model", "Controller", "Cloud/Region", "Version", "Hooks run"),
                List.of(s.model(), "jcharm-local", "local/simulated", s.jujuVersion(), Long.toString(s.hooksRun()))));
        out.append('\n');
        List<List<String>> apps = new ArrayList<>();
        apps.add(List.of("App", "Version", "Status", "Scale", "Charm", "Rev", "Message"));
        for (ModelStatus.AppStatus a : s.applications()) {
            apps.add(List.of(a.name(), a.workloadVersion(), a.dying() ? "terminating" : a.status(),
                    Integer.toString(a.units().size()), a.charm() + (a.standIn().isEmpty() ? "" : STAND_IN),
                    Integer.toString(a.revision()), a.message()));
        }
        rows(out, apps);
        out.append('\n');
        List<List<String>> units = new ArrayList<>();
        units.add(List.of("Unit", "Workload", "Agent", "Address", "Ports", "Message"));
        for (ModelStatus.AppStatus a : s.applications()) {
            for (ModelStatus.UnitStatus u : a.units()) {
                String agent = u.agent() + (u.agentMessage().isEmpty() ? "" : " (" + u.agentMessage() + ")");
                units.add(List.of(u.name() + (u.leader() ? "*" : ""), u.workload(), agent, "127.0.0.1",
                        String.join(",", u.ports()), u.message()));
            }
        }
        rows(out, units);
        List<List<String>> rels = new ArrayList<>();
        rels.add(List.of("Integration provider", "Requirer", "Interface", "Type", "Message"));
        for (ModelStatus.RelationStatus r : s.relations()) {
            String a = r.endpoints().get(0);
            String b = r.peer() ? a : r.endpoints().get(1);
            rels.add(List.of(a, b, r.interfaceName(), r.peer() ? "peer" : "regular", r.dying() ? "terminating" : ""));
        }
        if (rels.size() > 1) {
            out.append('\n');
            rows(out, rels);
        }
        out.append('\n').append("Simulated: the jcharm local model runs the charms' hooks for real, but no workload runs.\n");
        for (ModelStatus.AppStatus a : s.applications()) {
            if (!a.standIn().isEmpty()) {
                out.append("  ").append(a.name()).append(": ").append(a.standIn()).append('\n');
            }
        }
        for (ModelStatus.AppStatus a : s.applications()) {
            for (ModelStatus.UnitStatus u : a.units()) {
                out.append("  ").append(u.name()).append(": ").append(u.simulated()).append('\n');
            }
        }
        return out.toString();
    }

    /** The status as JSON, shaped like {@code juju status --format=json} where it can be. */
    public static String json(ModelStatus s) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", Map.of("name", s.model(), "uuid", s.uuid(), "type", "jcharm-local", "version", s.jujuVersion(),
                "bundle", s.bundle(), "hooks-run", s.hooksRun()));
        Map<String, Object> apps = new LinkedHashMap<>();
        for (ModelStatus.AppStatus a : s.applications()) {
            Map<String, Object> app = new LinkedHashMap<>();
            app.put("charm", a.charm());
            if (!a.standIn().isEmpty()) {
                app.put("stand-in", a.standIn());
            }
            app.put("charm-rev", a.revision());
            app.put("kubernetes", a.kubernetes());
            app.put("version", a.workloadVersion());
            app.put("application-status", Map.of("current", a.status(), "message", a.message()));
            app.put("life", a.dying() ? "dying" : "alive");
            Map<String, Object> units = new LinkedHashMap<>();
            for (ModelStatus.UnitStatus u : a.units()) {
                Map<String, Object> unit = new LinkedHashMap<>();
                unit.put("workload-status", Map.of("current", u.workload(), "message", u.message()));
                unit.put("juju-status", Map.of("current", u.agent(), "message", u.agentMessage()));
                unit.put("leader", u.leader());
                unit.put("open-ports", u.ports());
                unit.put("simulated", u.simulated());
                unit.put("pending-hooks", u.pendingHooks());
                if (u.workload().equals("error")) {
                    unit.put("last-log", u.lastLog());
                }
                units.put(u.name(), unit);
            }
            app.put("units", units);
            apps.put(a.name(), app);
        }
        root.put("applications", apps);
        List<Object> rels = new ArrayList<>();
        for (ModelStatus.RelationStatus r : s.relations()) {
            Map<String, Object> rel = new LinkedHashMap<>();
            rel.put("id", r.id());
            rel.put("endpoints", r.endpoints());
            rel.put("interface", r.interfaceName());
            rel.put("type", r.peer() ? "peer" : "regular");
            rel.put("life", r.dying() ? "dying" : "alive");
            rel.put("application-data", r.appData());
            rel.put("unit-data", r.unitData());
            rels.add(rel);
        }
        root.put("relations", rels);
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(root) + "\n";
    }

    private static void rows(StringBuilder out, List<List<String>> rows) {
        int cols = rows.get(0).size();
        int[] width = new int[cols];
        for (List<String> r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                line.append(r.get(i));
                if (i < cols - 1) {
                    line.append(" ".repeat(width[i] - r.get(i).length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
