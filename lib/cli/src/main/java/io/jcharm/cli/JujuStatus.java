package io.jcharm.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of {@code juju status --format=json} the driver needs: applications with their
 * status and units (subordinates included), and machines (containers included).
 *
 * <p>Shapes from Juju 3.6's cmd/juju/status/formatted.go: any machine, application, unit or
 * status block whose status could not be read is printed as {@code {"status-error": "..."}}
 * instead of its fields; a machine that failed to start shows {@code machine-status} current
 * {@code provisioning error} with the cause as message while its {@code juju-status} stays
 * pending (worker/provisioner/provisioner_task.go); a unit's agent is {@code juju-status}.
 *
 * <pre>{@code
 * JujuStatus s = JujuStatus.parse(json);
 * s.units().stream().allMatch(JujuStatus.Unit::settled);
 * }</pre>
 */
public record JujuStatus(String model, Map<String, App> applications, Map<String, Machine> machines) {

    /** An application: its charm, status (with a status-error when juju could not read it) and units. */
    public record App(String name, String charm, String status, String message, List<Unit> units, String statusError) {
        /** Why this application is broken, if it is: a status-error or an application-level error status. */
        public Optional<String> failure() {
            if (!statusError.isEmpty()) {
                return Optional.of("application " + name + ": status-error: " + statusError);
            }
            if (status.equals("error")) {
                return Optional.of("application " + name + " is in error: " + message);
            }
            return Optional.empty();
        }
    }

    /**
     * A unit: workload status (active, blocked, error...), agent status (idle, executing...),
     * message, its machine (empty on Kubernetes) and a status-error when juju could not read it.
     */
    public record Unit(String name, String workload, String agent, String message, boolean leader, String machine,
                       String statusError) {
        public Unit(String name, String workload, String agent, String message, boolean leader) {
            this(name, workload, agent, message, leader, "", "");
        }

        public boolean settled() {
            return statusError.isEmpty() && workload.equals("active") && agent.equals("idle");
        }

        public boolean failed() {
            return !statusError.isEmpty() || workload.equals("error") || agent.equals("error") || agent.equals("failed");
        }

        /** The unit's application. */
        public String application() {
            int slash = name.indexOf('/');
            return slash < 0 ? name : name.substring(0, slash);
        }
    }

    /** A machine or container: agent status ({@code juju-status}), instance status ({@code machine-status}). */
    public record Machine(String id, String agent, String instance, String message, String statusError) {
        /** Why this machine cannot host its units, if it cannot. */
        public Optional<String> failure() {
            if (!statusError.isEmpty()) {
                return Optional.of("machine " + id + ": status-error: " + statusError);
            }
            if (instance.equals("provisioning error")) {
                return Optional.of("machine " + id + " failed to provision: " + message);
            }
            if (agent.equals("error")) {
                return Optional.of("machine " + id + " is in error: " + message);
            }
            return Optional.empty();
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
                units.add(unit(u, un, text(un.path("machine"))));
                JsonNode subs = un.path("subordinates");
                for (String s : subs.propertyNames()) {
                    // Subordinate units are listed under their principal; count them for their own
                    // application, on their principal's machine.
                    String subApp = s.substring(0, s.indexOf('/'));
                    apps.computeIfAbsent(subApp, k -> new App(k, "", "", "", new ArrayList<>(), "")).units()
                            .add(unit(s, subs.path(s), text(un.path("machine"))));
                }
            }
            App existing = apps.get(name);
            List<Unit> all = existing == null ? units : merge(existing.units(), units);
            JsonNode st = a.path("application-status");
            String charm = text(a.path("charm-name")).isEmpty() ? text(a.path("charm")) : text(a.path("charm-name"));
            String error = text(a.path("status-error")).isEmpty() ? text(st.path("status-error")) : text(a.path("status-error"));
            apps.put(name, new App(name, charm, text(st.path("current")), text(st.path("message")), all, error));
        }
        Map<String, Machine> machines = new LinkedHashMap<>();
        machines(root.path("machines"), machines);
        return new JujuStatus(text(root.path("model").path("name")), apps, machines);
    }

    private static void machines(JsonNode node, Map<String, Machine> out) {
        for (String id : node.propertyNames()) {
            JsonNode m = node.path(id);
            JsonNode agent = m.path("juju-status");
            JsonNode instance = m.path("machine-status");
            String message = text(instance.path("message")).isEmpty() ? text(agent.path("message")) : text(instance.path("message"));
            String error = firstNonEmpty(text(m.path("status-error")), text(agent.path("status-error")), text(instance.path("status-error")));
            out.put(id, new Machine(id, text(agent.path("current")), text(instance.path("current")), message, error));
            machines(m.path("containers"), out);
        }
    }

    private static List<Unit> merge(List<Unit> a, List<Unit> b) {
        List<Unit> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Unit unit(String name, JsonNode n, String machine) {
        JsonNode workload = n.path("workload-status");
        JsonNode agent = n.path("juju-status");
        String error = firstNonEmpty(text(n.path("status-error")), text(workload.path("status-error")), text(agent.path("status-error")));
        return new Unit(name, text(workload.path("current")), text(agent.path("current")), text(workload.path("message")),
                n.path("leader").asBoolean(false), machine, error);
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
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

    /** This status with only the named applications (and the machines their units are on). */
    public JujuStatus only(java.util.Set<String> apps) {
        Map<String, App> kept = new LinkedHashMap<>();
        applications.forEach((name, app) -> {
            if (apps.contains(name)) {
                kept.put(name, app);
            }
        });
        Map<String, Machine> used = new LinkedHashMap<>();
        kept.values().forEach(a -> a.units().forEach(u -> {
            Machine m = machines.get(u.machine());
            if (m != null) {
                used.put(m.id(), m);
            }
        }));
        return new JujuStatus(model, kept, used);
    }
}
