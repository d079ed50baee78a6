package io.jcharm.controller;

import io.jcharm.controller.table.Caller;
import io.jcharm.controller.table.Fixture;
import io.jcharm.controller.table.Outcome;
import io.jcharm.controller.table.ToolTable;
import io.jcharm.controller.table.ToolTableAdapter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The rule table against {@link Jujuc} itself: the reference the adapters' runs are compared with. */
class JujucTableTest implements ToolTableAdapter, Host {

    @TestFactory
    Stream<DynamicTest> table() {
        return ToolTable.tests(this);
    }

    @Override
    public List<Outcome> run(Caller caller, List<String> argv, String stdin, List<String> then) {
        ModelState<AppState<UnitState>> model = Fixture.world();
        Jujuc jujuc = new Jujuc(model, this);
        List<Outcome> out = new ArrayList<>();
        HookRun first = hook(caller);
        out.add(call(jujuc, first, argv, stdin));
        if (out.get(0).exit() == 0 && !then.isEmpty()) {
            Jujuc.commit(model, first);
            out.add(call(jujuc, hook(caller), then, null));
        }
        return out;
    }

    private static HookRun hook(Caller c) {
        return new HookRun(c.unit(), c.hook(), c.relationId(), c.remoteUnit(), c.actionId());
    }

    private static Outcome call(Jujuc jujuc, HookRun run, List<String> argv, String stdin) {
        Optional<byte[]> in = Optional.ofNullable(stdin).map(s -> s.getBytes(StandardCharsets.UTF_8));
        ToolReply r = jujuc.run(run, new ToolCall(System.getProperty("user.dir"), argv, in));
        return new Outcome(r.exit(), r.stdoutText(), r.stderrText());
    }

    @Override
    public CharmFacts charm(String app) {
        return Fixture.facts(app);
    }

    @Override
    public Map<String, Object> config(String app) {
        return Fixture.effectiveConfig(app);
    }

    @Override
    public Path storageLocation(String unit, String storageId) {
        return Path.of("/srv", storageId.replace('/', '-'));
    }

    @Override
    public Path resourceDir(String app, String resource) {
        throw new UnsupportedOperationException("no row asks for a resource");
    }

    @Override
    public Network network(String unit) {
        return new Network("eth0", "10.1.0.10", "10.1.0.0/16");
    }

    @Override
    public String newSecretId() {
        return "secret:cv0tmpd2ju3s6a000001";
    }

    @Override
    public void log(LogRecord record) {
        // no row reads the log
    }
}
