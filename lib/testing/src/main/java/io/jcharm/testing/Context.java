package io.jcharm.testing;

import io.jcharm.controller.CharmFacts;
import io.jcharm.core.Charm;
import io.jcharm.core.Dispatcher;
import io.jcharm.core.JujuContext;
import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.ConfigOption;
import io.jcharm.pebble.PebbleSockets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs one event against a {@link State} through the same dispatch and model code as
 * production, with hook tools answered in process by jcharm-controller (Juju's rules and texts),
 * and returns the resulting state.
 *
 * <pre>{@code
 * Context ctx = Context.of(HelloCharm::new);                // reads ./charmcraft.yaml
 * State out = ctx.run(Events.configChanged(), State.empty().withConfig(Map.of("greeting", "")));
 * assertEquals(Status.blocked("[config] invalid config greeting: must not be empty"), out.unitStatus());
 * }</pre>
 */
public final class Context {
    private final Supplier<? extends Charm> charm;
    private final Path charmDir;
    private final CharmMetadata metadata;
    private final String unitName;
    private final Map<String, ToolFault> toolFaults;
    /** Where the hooks' tool calls are recorded, if a test asked for it. */
    private final Optional<ToolCalls> calls;

    private Context(Supplier<? extends Charm> charm, Path charmDir, String unitName, Map<String, ToolFault> toolFaults,
                    Optional<ToolCalls> calls) {
        this.charm = charm;
        this.charmDir = charmDir.toAbsolutePath();
        this.metadata = CharmMetadata.load(this.charmDir);
        this.unitName = unitName == null ? metadata.name() + "/0" : unitName;
        this.toolFaults = Map.copyOf(toolFaults);
        this.calls = calls;
    }

    /** A context for the charm whose charmcraft.yaml is in the working directory (the module's, under Maven). */
    public static Context of(Supplier<? extends Charm> charm) {
        return new Context(charm, Path.of(""), null, Map.of(), Optional.empty());
    }

    /** A context for the charm whose metadata lives in {@code charmDir}. */
    public static Context of(Supplier<? extends Charm> charm, Path charmDir) {
        return new Context(charm, charmDir, null, Map.of(), Optional.empty());
    }

    /** The same charm as another unit, e.g. {@code "hello/1"}. */
    public Context asUnit(String unit) {
        return new Context(charm, charmDir, unit, toolFaults, calls);
    }

    /**
     * The same charm with every call of hook tool {@code tool} (e.g. {@code "relation-get"})
     * failing or timing out, as when the unit agent loses the controller mid-hook.
     */
    public Context withToolFault(String tool, ToolFault fault) {
        Map<String, ToolFault> faults = new LinkedHashMap<>(toolFaults);
        faults.put(tool, fault);
        return new Context(charm, charmDir, unitName, faults, calls);
    }

    /** The same charm, its hooks' hook-tool calls recorded in {@code calls}. */
    public Context recordingCalls(ToolCalls calls) {
        return new Context(charm, charmDir, unitName, toolFaults, Optional.of(calls));
    }

    public CharmMetadata metadata() {
        return metadata;
    }

    /**
     * Runs the event.
     *
     * @throws IllegalArgumentException when the state or event contradicts the charm's metadata
     * @throws HookFailedException when the hook exits non-zero
     */
    public State run(TestEvent event, State state) {
        Consistency.check(metadata, event, state);
        Map<String, String> env = new LinkedHashMap<>(state.environment());
        env.put("JUJU_DISPATCH_PATH", event.dispatchPath());
        env.put("JUJU_HOOK_NAME", event.dispatchPath().startsWith("hooks/") ? event.name() : "");
        env.put("JUJU_UNIT_NAME", unitName);
        env.put("JUJU_MODEL_NAME", state.modelName());
        env.put("JUJU_MODEL_UUID", state.modelUuid());
        env.put("JUJU_VERSION", "3.6.14");
        env.put("JUJU_CHARM_DIR", charmDir.toString());
        env.putAll(event.environment());
        InProcessController controller = new InProcessController(unitName, state, facts(metadata), config(state), event);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        List<ContainerState> containers;
        try (Workloads workloads = new Workloads(state.containers());
             PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            if (!state.containers().isEmpty()) {
                env.put(PebbleSockets.CONTAINERS_DIR_ENV, workloads.containersDir().toString());
            }
            code = new Dispatcher(charm.get(), JujuContext.fromEnvironment(env), metadata, controller.tools(toolFaults, calls), stderr).run();
            containers = workloads.outputs(state.containers());
        }
        if (code != 0) {
            throw new HookFailedException(event.name(), controller.logs(), err.toString(StandardCharsets.UTF_8));
        }
        return controller.output().withContainers(containers);
    }

    /** What the controller needs of the charm's metadata. */
    static CharmFacts facts(CharmMetadata meta) {
        Map<String, String> storage = new LinkedHashMap<>();
        meta.storage().forEach((name, s) -> storage.put(name, s.type()));
        return new CharmFacts(meta.endpoints().keySet(), Set.copyOf(meta.extraBindings()), meta.resources().keySet(),
                storage);
    }

    private Map<String, Object> config(State state) {
        Map<String, Object> c = new LinkedHashMap<>();
        for (ConfigOption o : metadata.config().values()) {
            o.defaultValue().ifPresent(d -> c.put(o.name(), d));
        }
        c.putAll(state.config());
        return c;
    }
}
