package io.jcharm.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of {@code juju status --format=json} the driver needs: applications, their units
 * (subordinates included) with workload and agent status.
 *
 * <pre>{@code
 * JujuStatus s = JujuStatus.parse(json);
 * s.units().stream().allMatch(JujuStatus.Unit::settled);
 * }</pre>
 */
public record JujuStatus(String model, Map<String, App> applications) {

    /** An application: its charm, status and units. */
    public record App(String name, String charm, String status, String message, List<Unit> units) {
    }

    /** A unit: workload status (active, blocked, error...), agent status (idle, executing...), message. */
    public record Unit(String name, String workload, String agent, String message, boolean leader) {
        public boolean settled() {
            return workload.equals("active") && agent.equals("idle");
        }

        public boolean failed() {
            return workload.equals("error") || agent.equals("error") || agent.equals("failed");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** @throws CliException when the text is not juju status JSON */
    public static JujuStatus parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (RuntimeException e) {
            throw CliException.external("juju status --format=json printed something that is not JSON: " + e.getMessage(),
                    "run `juju status --format=json` yourself to see what it says");
        }
        if (root == null || !root.isObject()) {
            throw CliException.external("juju status --format=json printed no status document",
                    "run `juju status --format=json` yourself to see what it says");
        }
        Map<String, App> apps = new LinkedHashMap<>();
        JsonNode appsNode = root.path("applications");
        for (String name : appsNode.propertyNames()) {
            JsonNode a = appsNode.path(name);
            List<Unit> units = new ArrayList<>();
            JsonNode unitsNode = a.path("units");
            for (String u : unitsNode.propertyNames()) {
                JsonNode un = unitsNode.path(u);
                units.add(unit(u, un));
                JsonNode subs = un.path("subordinates");
                for (String s : subs.propertyNames()) {
                    // Subordinate units are listed under their principal; count them for their own application.
                    String subApp = s.substring(0, s.indexOf('/'));
                    apps.computeIfAbsent(subApp, k -> new App(k, "", "", "", new ArrayList<>())).units().add(unit(s, subs.path(s)));
                }
            }
            App existing = apps.get(name);
            List<Unit> all = existing == null ? units : merge(existing.units(), units);
            apps.put(name, new App(name, text(a.path("charm-name")).isEmpty() ? text(a.path("charm")) : text(a.path("charm-name")),
                    text(a.path("application-status").path("current")), text(a.path("application-status").path("message")), all));
        }
        return new JujuStatus(text(root.path("model").path("name")), apps);
    }

    private static List<Unit> merge(List<Unit> a, List<Unit> b) {
        List<Unit> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Unit unit(String name, JsonNode n) {
        return new Unit(name, text(n.path("workload-status").path("current")), text(n.path("juju-status").path("current")),
                text(n.path("workload-status").path("message")), n.path("leader").asBoolean(false));
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "" : n.asString("");
    }

    /** Every unit of every application, in status order. */
    public List<Unit> units() {
        List<Unit> out = new ArrayList<>();
        applications.values().forEach(a -> out.addAll(a.units()));
        return out;
    }
}
