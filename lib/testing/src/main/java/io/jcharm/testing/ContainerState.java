package io.jcharm.testing;

import io.jcharm.pebble.emulator.ExecReply;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workload container in a test {@link State}. The {@link Context} serves it with a real
 * Pebble emulator on a unix socket, so the charm's Pebble calls go over the wire as in
 * production; after the event, the output state holds the plan, service statuses, files and
 * the commands the charm ran.
 *
 * <pre>{@code
 * State in = State.empty().withContainer(ContainerState.reachable("seldon-core")
 *         .withExec(List.of("/manager", "--version"), ExecReply.ok("1.17.1")));
 * State out = ctx.run(Events.pebbleReady("seldon-core"), in);
 * out.container("seldon-core").plan().services().get("seldon-core").command();
 * }</pre>
 *
 * @param layers layers already in the plan, by label (input)
 * @param files files already in the container, path to text (input; also output)
 * @param execs canned replies for commands, by argv prefix (input)
 * @param running services already running before the event (input; they must be in a layer)
 * @param plan the plan after the event (output; empty before a run)
 * @param serviceStatuses service name to {@code active}/{@code inactive}... (output)
 * @param execHistory the commands the charm ran, in order (output)
 * @param replans how many replans the charm asked Pebble for during the event (output)
 * @param faults what Pebble fails at during the event (input; kept by {@link #carriedOver}, dropped by {@link #healed})
 */
public record ContainerState(String name, boolean canConnect, Map<String, Layer> layers, Map<String, String> files,
                             Map<List<String>, ExecReply> execs, java.util.Set<String> running, Optional<Plan> plan,
                             Map<String, String> serviceStatuses, List<List<String>> execHistory,
                             int replans, PebbleFaults faults) {

    public ContainerState {
        layers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layers));
        files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        execs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(execs));
        running = java.util.Set.copyOf(running);
        serviceStatuses = Map.copyOf(serviceStatuses);
        execHistory = List.copyOf(execHistory);
    }

    /** A container whose Pebble answers. */
    public static ContainerState reachable(String name) {
        return new ContainerState(name, true, Map.of(), Map.of(), Map.of(), java.util.Set.of(), Optional.empty(), Map.of(), List.of(), 0,
                PebbleFaults.NONE);
    }

    /** A container whose Pebble is not up yet (the socket refuses connections). */
    public static ContainerState unreachable(String name) {
        return new ContainerState(name, false, Map.of(), Map.of(), Map.of(), java.util.Set.of(), Optional.empty(), Map.of(), List.of(), 0,
                PebbleFaults.NONE);
    }

    public ContainerState withLayer(String label, Layer layer) {
        Map<String, Layer> l = new LinkedHashMap<>(layers);
        l.put(label, layer);
        return new ContainerState(name, canConnect, l, files, execs, running, plan, serviceStatuses, execHistory, replans, faults);
    }

    public ContainerState withFile(String path, String text) {
        Map<String, String> f = new LinkedHashMap<>(files);
        f.put(path, text);
        return new ContainerState(name, canConnect, layers, f, execs, running, plan, serviceStatuses, execHistory, replans, faults);
    }

    /** A canned reply for commands starting with {@code argvPrefix}. */
    public ContainerState withExec(List<String> argvPrefix, ExecReply reply) {
        Map<List<String>, ExecReply> e = new LinkedHashMap<>(execs);
        e.put(List.copyOf(argvPrefix), reply);
        return new ContainerState(name, canConnect, layers, files, e, running, plan, serviceStatuses, execHistory, replans, faults);
    }

    /** Services that are already running when the event starts (as after an earlier hook). */
    public ContainerState withRunning(String... services) {
        return new ContainerState(name, canConnect, layers, files, execs, java.util.Set.of(services), plan,
                serviceStatuses, execHistory, replans, faults);
    }

    /**
     * The state to feed the next event: the plan this event left becomes the layer, active
     * services stay running, files stay.
     */
    public ContainerState carriedOver() {
        Map<String, Layer> l = plan.map(p -> Map.of("carried-over", Layer.parse(p.toYaml()))).orElse(layers);
        java.util.Set<String> active = new java.util.HashSet<>();
        serviceStatuses.forEach((svc, st) -> {
            if (st.equals("active")) {
                active.add(svc);
            }
        });
        return new ContainerState(name, canConnect, l, files, execs, active, Optional.empty(), Map.of(), List.of(), 0, faults);
    }

    /**
     * Every start of {@code service} fails during the event, as a process exiting at once with
     * code 1 (Pebble: "service start attempt: exited quickly with code 1, will restart").
     */
    public ContainerState withServiceStartFailing(String service) {
        return withFaults(faults.withStartFailing(service));
    }

    /**
     * {@code check} is down when the event starts ({@code /v1/health} answers 502, as before
     * Juju's {@code <container>-pebble-check-failed}); it must be in the container's layers.
     */
    public ContainerState withCheckDown(String check) {
        return withFaults(faults.withCheckDown(check));
    }

    /**
     * Every push to the absolute {@code path} fails as on a full disk; the other files of the same
     * push are written, so a charm pushing several files is left half-way.
     */
    public ContainerState withPushFailing(String path) {
        return withFaults(faults.withPushFailing(path));
    }

    /** The same container with every Pebble fault gone (the disk freed, the workload fixed). */
    public ContainerState healed() {
        return withFaults(PebbleFaults.NONE);
    }

    private ContainerState withFaults(PebbleFaults f) {
        return new ContainerState(name, canConnect, layers, files, execs, running, plan, serviceStatuses, execHistory,
                replans, f);
    }

    /** The plan after the event; fails when the test did not run an event. */
    public Plan planOrFail() {
        return plan.orElseThrow(() -> new IllegalStateException("container " + name + " has no plan: run an event first"));
    }

    ContainerState withOutputs(Map<String, Layer> newLayers, Map<String, String> newFiles, Plan newPlan,
                               Map<String, String> statuses, List<List<String>> history, int replanCount) {
        return new ContainerState(name, canConnect, newLayers, newFiles, execs, running, Optional.of(newPlan), statuses, history,
                replanCount, faults);
    }
}
