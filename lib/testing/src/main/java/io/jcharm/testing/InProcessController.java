package io.jcharm.testing;

import io.jcharm.controller.AppState;
import io.jcharm.controller.CharmFacts;
import io.jcharm.controller.HookRun;
import io.jcharm.controller.Host;
import io.jcharm.controller.Jujuc;
import io.jcharm.controller.LogRecord;
import io.jcharm.controller.ModelState;
import io.jcharm.controller.ToolCall;
import io.jcharm.controller.ToolReply;
import io.jcharm.controller.UnitState;
import io.jcharm.core.tools.ExecHookTools;
import io.jcharm.core.tools.HookToolTransport;
import io.jcharm.core.tools.HookTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One hook of a state-transition test against jcharm-controller, in process: the SDK's own
 * {@link ExecHookTools} builds every argv as for the real tools, and {@link Jujuc} answers it with
 * Juju's rules and texts instead of a process. What the hook changed is committed as Juju would
 * on success and read back as the output {@link State}.
 *
 * <pre>{@code
 * InProcessController c = new InProcessController("demo/0", state, facts, config, Events.install());
 * HookTools tools = c.tools();
 * State out = c.output();
 * }</pre>
 */
final class InProcessController implements Host {
    private final State in;
    private final CharmFacts facts;
    private final Map<String, Object> config;
    private final ModelState<AppState<UnitState>> model;
    private HookRun run;
    private final Jujuc jujuc;
    private final List<String> logs = new ArrayList<>();
    private Path resources;
    private int secrets;

    InProcessController(String unit, State in, CharmFacts facts, Map<String, Object> config, TestEvent event) {
        this.in = in;
        this.facts = facts;
        this.config = config;
        this.model = ModelMapping.toModel(unit, in);
        Map<String, String> env = event.environment();
        Integer relationId = Optional.ofNullable(env.get("JUJU_RELATION_ID"))
                .map(ref -> Integer.valueOf(ref.substring(ref.lastIndexOf(':') + 1))).orElse(null);
        String actionId = env.get("JUJU_ACTION_UUID");
        this.run = new HookRun(unit, event.name(), relationId, env.get("JUJU_REMOTE_UNIT"), actionId);
        if (actionId != null) {
            model.actions.put(actionId, ModelMapping.action(actionId, unit, event.name(), event.actionParams()));
        }
        this.jujuc = new Jujuc(model, this);
    }

    /** The hook tools the charm gets: real argv, answered in process. */
    HookTools tools() {
        return tools(Map.of(), Optional.empty());
    }

    /**
     * As {@link #tools()}, with the named tools failing or timing out instead, and every call
     * recorded in {@code calls} when given.
     */
    HookTools tools(Map<String, ToolFault> faults, Optional<ToolCalls> calls) {
        return new ExecHookTools((argv, stdin) -> {
            calls.ifPresent(c -> c.record(argv));
            ToolFault fault = faults.get(argv.get(0));
            if (fault != null) {
                return fault.answer(argv);
            }
            ToolReply r = call(argv, stdin);
            return new HookToolTransport.Reply(r.exit(), r.stdoutText(), r.stderrText());
        });
    }

    /** One tool call as the real tool would get it: argv, and stdin or null. */
    ToolReply call(List<String> argv, byte[] stdin) {
        return jujuc.run(run, new ToolCall(System.getProperty("user.dir"), argv, Optional.ofNullable(stdin)));
    }

    /** juju-log lines so far, {@code LEVEL message}. */
    List<String> logs() {
        return List.copyOf(logs);
    }

    /**
     * Commits what the hook did so far (it succeeded) and returns the state the unit then sees;
     * later tool calls start a new set of pending changes, as if the hook went on.
     */
    State output() {
        Jujuc.commit(model, run);
        State out = ModelMapping.fromModel(model, run, in, logs);
        HookRun done = run;
        run = new HookRun(done.unit, done.hookName, done.relationId, done.remoteUnit, done.actionId);
        run.actionResults.putAll(done.actionResults);
        run.actionFailed = done.actionFailed;
        run.actionMessage = done.actionMessage;
        return out;
    }

    @Override
    public CharmFacts charm(String app) {
        return facts;
    }

    @Override
    public Map<String, Object> config(String app) {
        return config;
    }

    @Override
    public Path storageLocation(String unit, String storageId) {
        return Path.of("/srv", storageId.replace('/', '-')); // where a test's charm expects it; nothing is mounted
    }

    @Override
    public Path resourceDir(String app, String resource) {
        try {
            if (resources == null) {
                resources = Files.createTempDirectory("jcharm-test-resources");
                resources.toFile().deleteOnExit();
            }
            return Files.createDirectories(resources.resolve(resource));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for resource " + resource, e);
        }
    }

    @Override
    public Network network(String unit) {
        return new Network("eth0", "10.1.0.10", "10.1.0.0/16"); // a pod address, as tests expect it
    }

    @Override
    public Optional<Map<String, Object>> credential(String app) {
        return Optional.of(Map.of("type", "kubernetes", "name", "test"));
    }

    @Override
    public String newSecretId() {
        // Deterministic, so that a test may compare ids across runs; Juju's 20-character xid shape.
        // Never an id the state already holds: a secret made by an earlier hook of the same test
        // would otherwise be replaced by the next hook's new one (two relations' users, one id).
        String id;
        do {
            id = String.format("secret:cv0tmpd2ju3s6a%06d", ++secrets);
        } while (taken(id));
        return id;
    }

    private boolean taken(String id) {
        return in.secrets().stream().anyMatch(s -> s.id().equals(id));
    }

    @Override
    public void log(LogRecord record) {
        if (record.fromJujuLog()) {
            logs.add(record.level() + " " + record.message());
        }
    }
}
