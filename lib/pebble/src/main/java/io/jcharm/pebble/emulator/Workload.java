package io.jcharm.pebble.emulator;

import io.jcharm.pebble.LogEntry;
import io.jcharm.pebble.ServiceStatus;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.Plan;
import io.jcharm.pebble.layer.Service;
import io.jcharm.pebble.layer.Startup;
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
    private final List<Map.Entry<String, Layer>> layers = new ArrayList<>();
    private final Map<String, ServiceState> services = new TreeMap<>();
    private final Map<String, String> startFailures = new HashMap<>();
    private final Deque<LogEntry> logs = new ArrayDeque<>();
    private final List<String> signals = new ArrayList<>();
    private Plan plan = Plan.EMPTY;

    Workload(Object lock, Changes changes, Checks checks) {
        this.lock = lock;
        this.changes = changes;
        this.checks = checks;
    }

    Plan plan() {
        synchronized (lock) {
            return plan;
        }
    }

    List<String> labels() {
        synchronized (lock) {
            return layers.stream().map(Map.Entry::getKey).toList();
        }
    }

    void addLayer(String label, String yaml, boolean combine) {
        if (label == null || label.isEmpty()) {
            throw ApiError.badRequest("label must be set");
        }
        if (label.startsWith("pebble-")) {
            throw ApiError.badRequest("cannot use reserved label prefix \"pebble-\"");
        }
        Layer layer;
        try {
            layer = Layer.parse(yaml);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("cannot parse layer \"%s\": %s", label, e.getMessage());
        }
        synchronized (lock) {
            List<Map.Entry<String, Layer>> next = new ArrayList<>(layers);
            int index = labels().indexOf(label);
            try {
                if (index >= 0 && !combine) {
                    throw ApiError.badRequest("layer \"%s\" already exists", label);
                } else if (index >= 0) {
                    next.set(index, Map.entry(label, next.get(index).getValue().combinedWith(label, layer)));
                } else {
                    next.add(Map.entry(label, layer));
                }
                Plan combined = Plan.EMPTY;
                for (Map.Entry<String, Layer> entry : next) {
                    combined = combined.combine(entry.getKey(), entry.getValue());
                }
                combined.validate();
                layers.clear();
                layers.addAll(next);
                plan = combined;
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("%s", e.getMessage());
            }
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
                node.put("startup", definition.startup() == Startup.ENABLED ? "enabled" : "disabled");
                node.put("current", state.current().value());
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
                    stops = requested.stream().filter(n -> state(n).current() == ServiceStatus.ACTIVE).toList();
                    starts = withRequired(action, requested);
                }
                case "replan" -> {
                    for (String name : services.keySet()) {
                        ServiceState s = services.get(name);
                        Service now = plan.services().get(name);
                        if (s.current() == ServiceStatus.ACTIVE && (now == null
                                || !now.withOverride(null).equals(s.startedWith()))) {
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
        String failure = startFailures.get(name);
        if (failure != null) {
            task.fail("cannot start service: " + failure);
            services.put(name, new ServiceState(name, s.startup(), ServiceStatus.ERROR, Instant.now(),
                    s.startCount(), null));
            log(name, "start failed (simulated by the jcharm Pebble emulator): " + failure);
            return;
        }
        if (s.current() == ServiceStatus.ACTIVE) {
            task.log("INFO", "Service \"" + name + "\" already started.");
            return;
        }
        Service definition = plan.services().get(name);
        services.put(name, new ServiceState(name, s.startup(), ServiceStatus.ACTIVE, Instant.now(),
                s.startCount() + 1, definition == null ? null : definition.withOverride(null)));
        task.log("INFO", "Service \"" + name + "\" started (" + SIMULATED + ").");
        log(name, "service started: " + SIMULATED + " (command: "
                + (definition == null ? "?" : definition.command()) + ")");
    }

    private void stop(String name, Changes.Task task) {
        ServiceState s = state(name);
        if (s.current() != ServiceStatus.ACTIVE) {
            return;
        }
        services.put(name, new ServiceState(name, s.startup(), ServiceStatus.INACTIVE, Instant.now(),
                s.startCount(), null));
        log(name, "service stopped (simulated by the jcharm Pebble emulator)");
    }

    private List<String> enabled() {
        return plan.services().entrySet().stream().filter(e -> e.getValue().startup() == Startup.ENABLED)
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
        Service s = plan.services().get(name);
        if (s == null) {
            throw ApiError.badRequest("cannot start services: service \"%s\" does not exist", name);
        }
        for (String required : s.requires()) {
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
                if (s.requires().contains(name)) {
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
                if (state(name).current() != ServiceStatus.ACTIVE) {
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

    List<LogEntry> logs(List<String> names, int n) {
        synchronized (lock) {
            List<LogEntry> matching = logs.stream().filter(e -> names.isEmpty() || names.contains(e.service()))
                    .toList();
            return n < 0 || n >= matching.size() ? matching : matching.subList(matching.size() - n, matching.size());
        }
    }

    ServiceState state(String name) {
        synchronized (lock) {
            ServiceState s = services.get(name);
            Service definition = plan.services().get(name);
            Startup startup = definition != null && definition.startup() == Startup.ENABLED
                    ? Startup.ENABLED : Startup.DISABLED;
            return s == null ? new ServiceState(name, startup, ServiceStatus.INACTIVE, null, 0, null)
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

    void failStart(String service, String error) {
        synchronized (lock) {
            if (error == null) {
                startFailures.remove(service);
            } else {
                startFailures.put(service, error);
            }
        }
    }

    private void log(String service, String message) {
        logs.addLast(new LogEntry(Instant.now(), service, message));
        while (logs.size() > MAX_LOG) {
            logs.removeFirst();
        }
    }
}
