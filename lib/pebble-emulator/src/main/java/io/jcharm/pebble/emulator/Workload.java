package io.jcharm.pebble.emulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Layers, the combined plan and simulated services: a started service is marked active and
 * nothing runs; the emulator says so in the service log and in the start task's log.
 */
final class Workload {
    static final String SIMULATED = "simulated by the jcharm Pebble emulator: no process runs";
    private static final int MAX_LOG = 2000;

    private final Object lock;
    private final Changes changes;
    private final Checks checks;
    private final Map<String, ServiceState> services = new TreeMap<>();
    private final Map<String, Integer> startFailures = new HashMap<>();
    private final Deque<LogLine> logs = new ArrayDeque<>();
    private final List<String> signals = new ArrayList<>();
    private LayerStack stack = LayerStack.EMPTY;
    private LayerStack.Plan plan = LayerStack.Plan.EMPTY;

    Workload(Object lock, Changes changes, Checks checks) {
        this.lock = lock;
        this.changes = changes;
        this.checks = checks;
    }

    LayerStack.Plan plan() {
        synchronized (lock) {
            return plan;
        }
    }

    List<String> labels() {
        synchronized (lock) {
            return stack.labels();
        }
    }

    /** POST /v1/layers: Pebble's parse, combine and validation rules (see {@link LayerStack}). */
    void addLayer(String label, String yaml, boolean combine) {
        synchronized (lock) {
            stack = stack.add(label, yaml, combine);
            plan = stack.plan();
            checks.planChanged(plan);
        }
    }

    ArrayNode servicesJson(List<String> names) {
        synchronized (lock) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            plan.services().forEach((name, definition) -> {
                if (!names.isEmpty() && !names.contains(name)) {
                    return;
                }
                ServiceState state = state(name);
                ObjectNode node = out.addObject();
                node.put("name", name);
                node.put("startup", definition.text("startup").equals("enabled") ? "enabled" : "disabled");
                node.put("current", state.current());
                if (state.since() != null) {
                    node.put("current-since", Json.time(state.since()));
                }
            });
            return out;
        }
    }

    /** Runs a service action as an asynchronous change and returns the change id. */
    String act(String action, List<String> names) {
        synchronized (lock) {
            switch (action) {
                case "replan", "autostart" -> {
                    if (!names.isEmpty()) {
                        throw ApiError.badRequest("%s accepts no service names", action);
                    }
                }
                default -> {
                    if (names.isEmpty()) {
                        throw ApiError.badRequest("must specify services for %s action", action);
                    }
                }
            }
            List<String> requested = new ArrayList<>(names);
            if (action.equals("autostart")) {
                requested = enabled();
                if (requested.isEmpty()) {
                    throw new ApiError(400, "no default services", "no-default-services");
                }
            }
            List<String> stops = new ArrayList<>();
            List<String> starts = new ArrayList<>();
            switch (action) {
                case "start", "autostart" -> starts = withRequired(action, requested);
                case "stop" -> stops = withDependents(action, requested);
                case "restart" -> {
                    withDependents(action, requested);
                    stops = requested.stream().filter(n -> state(n).active()).toList();
                    starts = withRequired(action, requested);
                }
                case "replan" -> {
                    for (String name : services.keySet()) {
                        ServiceState s = services.get(name);
                        PlanEntry now = plan.services().get(name);
                        if (s.active() && (now == null || !now.content().equals(s.startedWith()))) {
                            stops.add(name);
                        }
                    }
                    starts = withRequired(action, enabled());
                    Set<String> union = new TreeSet<>(stops);
                    union.addAll(starts);
                    requested = new ArrayList<>(union);
                }
                default -> throw ApiError.badRequest("invalid action \"%s\"", action);
            }
            int count = action.equals("replan") ? requested.size() : Math.max(starts.size(), stops.size());
            String verb = action.substring(0, 1).toUpperCase(Locale.ROOT) + action.substring(1);
            String summary = stops.isEmpty() && starts.isEmpty() ? verb + " - no services"
                    : count == 1 ? verb + " service \"" + requested.get(0) + "\""
                    : verb + " service \"" + requested.get(0) + "\" and " + (count - 1) + " more";
            Changes.Change change = changes.create(action, summary);
            change.serviceNames.addAll(requested);
            List<Runnable> work = new ArrayList<>();
            for (String name : stops) {
                Changes.Task task = changes.addTask(change, "stop", "Stop service \"" + name + "\"");
                work.add(() -> stop(name, task));
            }
            for (String name : starts) {
                Changes.Task task = changes.addTask(change, "start", "Start service \"" + name + "\"");
                work.add(() -> start(name, task));
            }
            changes.submit(change, () -> work.forEach(Runnable::run));
            return change.id;
        }
    }

    private void start(String name, Changes.Task task) {
        ServiceState s = state(name);
        Integer exitCode = startFailures.get(name);
        PlanEntry definition = plan.services().get(name);
        if (exitCode != null) {
            // servstate/handlers.go: the on-failure (or on-success for code 0) action decides what follows.
            String action = definition.text(exitCode == 0 ? "on-success" : "on-failure");
            action = action.isEmpty() ? "restart" : action;
            task.fail("service start attempt: exited quickly with code " + exitCode + ", will " + action);
            String current = action.equals("restart") ? "backoff" : exitCode == 0 && action.equals("ignore")
                    ? "inactive" : "error";
            services.put(name, new ServiceState(name, s.startup(), current, Instant.now(), s.startCount(), null));
            log(name, "exited quickly with code " + exitCode + " (simulated by the jcharm Pebble emulator)");
            return;
        }
        if (s.active()) {
            task.log("INFO", "Service \"" + name + "\" already started.");
            return;
        }
        services.put(name, new ServiceState(name, s.startup(), "active", Instant.now(),
                s.startCount() + 1, definition == null ? null : definition.content()));
        task.log("INFO", "Service \"" + name + "\" started (" + SIMULATED + ").");
        log(name, "service started: " + SIMULATED + " (command: "
                + (definition == null ? "?" : definition.text("command")) + ")");
    }

    private void stop(String name, Changes.Task task) {
        ServiceState s = state(name);
        if (!s.active()) {
            return;
        }
        services.put(name, new ServiceState(name, s.startup(), "inactive", Instant.now(),
                s.startCount(), null));
        log(name, "service stopped (simulated by the jcharm Pebble emulator)");
    }

    private List<String> enabled() {
        return plan.services().entrySet().stream().filter(e -> e.getValue().text("startup").equals("enabled"))
                .map(Map.Entry::getKey).toList();
    }

    private void requireExisting(String action, Collection<String> names) {
        for (String name : names) {
            if (!plan.services().containsKey(name)) {
                throw ApiError.badRequest("cannot %s services: service \"%s\" does not exist", action, name);
            }
        }
    }

    /** The services and everything they require, required ones first. */
    private List<String> withRequired(String action, List<String> names) {
        requireExisting(action, names);
        Set<String> ordered = new LinkedHashSet<>();
        for (String name : names) {
            addRequired(name, ordered, new HashSet<>());
        }
        return new ArrayList<>(ordered);
    }

    private void addRequired(String name, Set<String> ordered, Set<String> visiting) {
        // Pebble rejects requires cycles when the layer is added; the guard only keeps this walk finite.
        if (ordered.contains(name) || !visiting.add(name)) {
            return;
        }
        PlanEntry s = plan.services().get(name);
        if (s == null) {
            throw ApiError.badRequest("cannot start services: service \"%s\" does not exist", name);
        }
        for (String required : s.list("requires")) {
            addRequired(required, ordered, visiting);
        }
        ordered.add(name);
    }

    /** The services and every service that requires them, dependents first. */
    private List<String> withDependents(String action, List<String> names) {
        requireExisting(action, names);
        List<String> out = new ArrayList<>();
        List<String> queue = new ArrayList<>(names);
        while (!queue.isEmpty()) {
            String name = queue.remove(0);
            if (out.contains(name)) {
                continue;
            }
            out.add(0, name);
            plan.services().forEach((other, s) -> {
                if (s.list("requires").contains(name)) {
                    queue.add(other);
                }
            });
        }
        return out;
    }

    void signal(String signal, List<String> names) {
        synchronized (lock) {
            if (names.isEmpty()) {
                throw ApiError.badRequest("must specify one or more services");
            }
            List<String> errors = new ArrayList<>();
            for (String name : names) {
                if (!state(name).active()) {
                    errors.add("cannot send signal to \"" + name + "\": service is not running");
                }
            }
            if (!errors.isEmpty()) {
                throw new ApiError(500, String.join("; ", errors), null);
            }
            for (String name : names) {
                signals.add(signal + " " + name);
                log(name, "received " + signal + " (simulated by the jcharm Pebble emulator: nothing to signal)");
            }
        }
    }

    List<String> signals() {
        synchronized (lock) {
            return List.copyOf(signals);
        }
    }

    List<LogLine> logs(List<String> names, int n) {
        synchronized (lock) {
            List<LogLine> matching = logs.stream().filter(e -> names.isEmpty() || names.contains(e.service()))
                    .toList();
            return n < 0 || n >= matching.size() ? matching : matching.subList(matching.size() - n, matching.size());
        }
    }

    ServiceState state(String name) {
        synchronized (lock) {
            ServiceState s = services.get(name);
            PlanEntry definition = plan.services().get(name);
            String startup = definition != null && definition.text("startup").equals("enabled") ? "enabled"
                    : "disabled";
            return s == null ? new ServiceState(name, startup, "inactive", null, 0, null)
                    : new ServiceState(name, startup, s.current(), s.since(), s.startCount(), s.startedWith());
        }
    }

    Map<String, ServiceState> states() {
        synchronized (lock) {
            Map<String, ServiceState> out = new TreeMap<>();
            plan.services().keySet().forEach(name -> out.put(name, state(name)));
            return out;
        }
    }

    void failStart(String service, Integer exitCode) {
        synchronized (lock) {
            if (exitCode == null) {
                startFailures.remove(service);
            } else {
                startFailures.put(service, exitCode);
            }
        }
    }

    private void log(String service, String message) {
        logs.addLast(new LogLine(Instant.now(), service, message));
        while (logs.size() > MAX_LOG) {
            logs.removeFirst();
        }
    }
}
