package io.jcharm.local;

import io.jcharm.controller.HookToolServer;
import io.jcharm.controller.ToolsDir;
import io.jcharm.controller.table.Caller;
import io.jcharm.controller.table.Fixture;
import io.jcharm.controller.table.Outcome;
import io.jcharm.controller.table.ToolTable;
import io.jcharm.controller.table.ToolTableAdapter;
import io.jcharm.core.meta.CharmMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The controller's rule table through lib/local: the fixture world as the model document
 * (its JSON is the controller's), each call a real process (the client script every hook tool
 * links to) talking to the real {@link HookToolServer}, and a successful hook committed by
 * {@link Controller#finish} as after a real hook.
 */
class ControllerTableTest implements ToolTableAdapter {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;
    private HookToolServer server;
    private int runs;

    @TestFactory
    Stream<DynamicTest> table() {
        server = HookToolServer.start();
        return ToolTable.tests(this);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public List<Outcome> run(Caller caller, List<String> argv, String stdin, List<String> then) {
        StateDir dirs = new StateDir(tmp.resolve("model-" + ++runs));
        ModelDoc doc = JSON.convertValue(Fixture.world(), ModelDoc.class);
        Controller controller = new Controller(doc, Rehearsal.options(), new DebugLog(dirs.debugLog(), Clock.systemUTC()),
                a -> CharmMetadata.parse(Fixture.metadata(a.name), Fixture.config(a.name), Map.of()), new ModelEvents() { });
        Path bin = ToolsDir.install(dirs.tools());
        List<Outcome> out = new ArrayList<>();
        HookContext first = new HookContext(caller.unit(), spec(caller), 1);
        out.add(call(controller, dirs, bin, first, argv, stdin));
        if (out.get(0).exit() == 0 && !then.isEmpty()) {
            controller.finish(first, 0, List.of(), "");
            out.add(call(controller, dirs, bin, new HookContext(caller.unit(), spec(caller), 2), then, null));
        }
        return out;
    }

    private static HookSpec spec(Caller c) {
        if (c.actionId() != null) {
            return HookSpec.action(c.hook(), c.actionId());
        }
        if (c.relationId() != null) {
            return HookSpec.relation(c.hook(), c.relationId(), c.remoteApp(), c.remoteUnit(), null);
        }
        return HookSpec.simple(c.hook());
    }

    /** Runs {@code bin/<tool> args...} as a hook would, with the context registered for its run. */
    private Outcome call(Controller controller, StateDir dirs, Path bin, HookContext ctx, List<String> argv, String stdin) {
        String id = server.register(ctx.unit, new ToolRouter(controller, ctx, dirs)::handle);
        try {
            List<String> command = new ArrayList<>(argv);
            command.set(0, bin.resolve(argv.get(0)).toString());
            ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
            pb.environment().put("JUJU_CONTEXT_ID", id);
            pb.environment().put("JUJU_AGENT_SOCKET_ADDRESS", server.address());
            pb.environment().put("TMPDIR", tmp.toString());
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] stdout = p.getInputStream().readAllBytes();
            byte[] stderr = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + " did not finish");
            }
            return new Outcome(p.exitValue(), new String(stdout, StandardCharsets.UTF_8),
                    new String(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            server.unregister(id);
        }
    }
}
