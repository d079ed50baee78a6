package io.jcharm.pebble.emulator;

import io.jcharm.yaml.GoYamlWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pebble 1.32.1's Layer.Validate and Plan.Validate (internals/plan/plan.go), with its messages.
 *
 * <pre>{@code
 * PlanValidation.layer(layer);   // throws IllegalArgumentException("cannot use reserved service name \"pebble\"")
 * }</pre>
 */
final class PlanValidation {
    private static final Set<String> ACTIONS = Set.of("", "restart", "shutdown", "ignore");

    private PlanValidation() {
    }

    static void layer(LayerStack.Layer layer) {
        if (layer.label().startsWith("pebble-")) {
            fail("cannot use reserved label prefix \"pebble-\"");
        }
        layer.services().forEach((name, s) -> {
            if (name.isEmpty()) {
                fail("cannot use empty string as service name");
            }
            if (name.equals("pebble")) {
                fail("cannot use reserved service name \"%s\"", name);
            }
            if (name.startsWith("-")) {
                fail("cannot use service name \"%s\": starting with \"-\" not allowed", name);
            }
            if (s == null) {
                fail("service object cannot be null for service \"%s\"", name);
            }
            action(name, "on-success", s.text("on-success"), "failure-shutdown");
            action(name, "on-failure", s.text("on-failure"), "success-shutdown");
            s.map("on-check-failure").values().forEach(a -> action(name, "on-check-failure", a, "success-shutdown"));
            if (s.fields().get("backoff-factor") instanceof Double factor && factor < 1) {
                fail("plan service \"%s\" backoff-factor must be 1.0 or greater, not %s", name, GoYamlWriter.floatText(factor));
            }
        });
        layer.checks().forEach((name, c) -> {
            if (name.isEmpty()) {
                fail("cannot use empty string as check name");
            }
            if (c == null) {
                fail("check object cannot be null for check \"%s\"", name);
            }
            String level = c.text("level");
            if (!level.isEmpty() && !level.equals("alive") && !level.equals("ready")) {
                fail("plan check \"%s\" level must be \"alive\" or \"ready\"", name);
            }
            String startup = c.text("startup");
            if (!startup.isEmpty() && !startup.equals("enabled") && !startup.equals("disabled")) {
                fail("plan check \"%s\" startup must be \"enabled\" or \"disabled\"", name);
            }
            if (c.fields().get("period") instanceof java.time.Duration p && p.isZero()) {
                fail("plan check \"%s\" period must not be zero", name);
            }
            if (c.fields().get("timeout") instanceof java.time.Duration t && t.isZero()) {
                fail("plan check \"%s\" timeout must not be zero", name);
            }
        });
        layer.logTargets().forEach((name, t) -> {
            if (t == null) {
                fail("log target object cannot be null for log target \"%s\"", name);
            }
            for (String label : t.map("labels").keySet()) {
                if (label.startsWith("pebble_")) {
                    fail("log target \"%s\": label \"%s\" uses reserved prefix \"pebble_\"", name, label);
                }
            }
            String type = t.text("type");
            if (!type.isEmpty() && !List.of("loki", "opentelemetry", "syslog").contains(type)) {
                fail("log target \"%s\" has unsupported type \"%s\", must be \"loki\", \"opentelemetry\" or \"syslog\"",
                        name, type);
            }
        });
    }

    static void plan(LayerStack.Plan plan) {
        plan.services().forEach((name, s) -> {
            if (s.text("command").isEmpty()) {
                fail("plan must define \"command\" for service \"%s\"", name);
            }
        });
        plan.checks().forEach((name, c) -> {
            int kinds = 0;
            if (c.entry("http") != null) {
                if (c.entry("http").text("url").isEmpty()) {
                    fail("plan must set \"url\" for http check \"%s\"", name);
                }
                kinds++;
            }
            if (c.entry("tcp") != null) {
                if (c.entry("tcp").number("port") == null) {
                    fail("plan must set \"port\" for tcp check \"%s\"", name);
                }
                kinds++;
            }
            if (c.entry("exec") != null) {
                PlanEntry exec = c.entry("exec");
                if (exec.text("command").isEmpty()) {
                    fail("plan must set \"command\" for exec check \"%s\"", name);
                }
                String context = exec.text("service-context");
                if (!context.isEmpty() && !plan.services().containsKey(context)) {
                    fail("plan check \"%s\" service context specifies non-existent service \"%s\"", name, context);
                }
                kinds++;
            }
            if (kinds != 1) {
                fail("plan must specify one of \"http\", \"tcp\", or \"exec\" for check \"%s\"", name);
            }
        });
        plan.logTargets().forEach((name, t) -> {
            if (t.text("type").isEmpty()) {
                fail("plan must define \"type\" (\"loki\", \"opentelemetry\" or \"syslog\") for log target \"%s\"", name);
            }
            for (String service : t.list("services")) {
                String bare = service.startsWith("-") ? service.substring(1) : service;
                if (!bare.equals("all") && !plan.services().containsKey(bare)) {
                    fail("log target \"%s\" specifies unknown service \"%s\"", name, bare);
                }
            }
            if (t.text("location").isEmpty()) {
                fail("plan must define \"location\" for log target \"%s\"", name);
            }
        });
        startOrder(plan.services(), new ArrayList<>(plan.services().keySet()));
    }

    /**
     * Pebble's order(): the named services and what they require, required ones first, honouring
     * before/after among them.
     *
     * @throws IllegalArgumentException "service \"x\" does not exist" or "services in before/after loop: ..."
     */
    static List<String> startOrder(Map<String, PlanEntry> services, List<String> names) {
        Map<String, List<String>> successors = new LinkedHashMap<>();
        Deque<String> pending = new ArrayDeque<>(names);
        while (!pending.isEmpty()) {
            String name = pending.poll();
            if (successors.containsKey(name)) {
                continue;
            }
            PlanEntry service = services.get(name);
            if (service == null) {
                fail("service \"%s\" does not exist", name);
            }
            successors.put(name, new ArrayList<>());
            pending.addAll(service.list("requires"));
        }
        for (String name : successors.keySet()) {
            PlanEntry service = services.get(name);
            for (String after : service.list("after")) {
                if (successors.containsKey(after)) {
                    successors.get(name).add(after);
                }
            }
            for (String before : service.list("before")) {
                if (successors.containsKey(before)) {
                    successors.get(before).add(name);
                }
            }
        }
        List<String> order = new ArrayList<>();
        for (List<String> component : new Tarjan(successors).components) {
            if (component.size() > 1) {
                fail("services in before/after loop: %s", String.join(", ", new TreeSet<>(component)));
            }
            order.add(component.get(0));
        }
        return order;
    }

    private static void action(String service, String field, String action, String extra) {
        if (!ACTIONS.contains(action) && !action.equals(extra)) {
            fail("plan service \"%s\" %s action \"%s\" invalid", service, field, action);
        }
    }

    private static void fail(String format, Object... args) {
        throw new IllegalArgumentException(String.format(format, args));
    }

    /** Strongly connected components, dependencies (successors) first. */
    private static final class Tarjan {
        final List<List<String>> components = new ArrayList<>();
        private final Map<String, List<String>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private int next;

        Tarjan(Map<String, List<String>> graph) {
            this.graph = graph;
            new TreeSet<>(graph.keySet()).forEach(v -> {
                if (!index.containsKey(v)) {
                    visit(v);
                }
            });
        }

        private void visit(String v) {
            index.put(v, next);
            low.put(v, next++);
            stack.push(v);
            for (String w : graph.getOrDefault(v, List.of())) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (stack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<String> component = new ArrayList<>();
                String w;
                do {
                    w = stack.pop();
                    component.add(w);
                } while (!w.equals(v));
                components.add(component);
            }
        }
    }
}
