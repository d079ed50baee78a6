package io.jcharm.testing;

import io.jcharm.controller.AppState;
import io.jcharm.controller.ConsumerDoc;
import io.jcharm.controller.ModelState;
import io.jcharm.controller.Relation;
import io.jcharm.controller.Secret;
import io.jcharm.controller.Secrets;
import io.jcharm.controller.ToolReply;
import io.jcharm.controller.UnitState;
import io.jcharm.controller.table.Caller;
import io.jcharm.controller.table.Fixture;
import io.jcharm.controller.table.Outcome;
import io.jcharm.controller.table.ToolTable;
import io.jcharm.controller.table.ToolTableAdapter;
import io.jcharm.core.Status;
import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.tools.Port;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The controller's rule table through lib/testing's adapter: the fixture world as the caller's
 * {@link State}, each call through {@link InProcessController} (the path every charm test's hook
 * tools take), and the next hook fed with the output state, as a test would chain them.
 */
class ControllerTableTest implements ToolTableAdapter {

    @TestFactory
    Stream<DynamicTest> table() {
        return ToolTable.tests(this);
    }

    @Override
    public List<Outcome> run(Caller caller, List<String> argv, String stdin, List<String> then) {
        State in = view(Fixture.world(), caller.unit());
        String app = caller.unit().substring(0, caller.unit().indexOf('/'));
        // The charm's metadata, read as Context reads charmcraft.yaml, then reduced as Context does.
        CharmMetadata meta = CharmMetadata.parse(Fixture.metadata(app), Fixture.config(app), Map.of());
        List<Outcome> out = new ArrayList<>();
        InProcessController first = new InProcessController(caller.unit(), in, Context.facts(meta),
                Fixture.effectiveConfig(app), event(caller));
        out.add(outcome(first.call(argv, stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8))));
        if (out.get(0).exit() == 0 && !then.isEmpty()) {
            State next = first.output();
            InProcessController second = new InProcessController(caller.unit(), next, Context.facts(meta),
                    Fixture.effectiveConfig(app), event(caller));
            out.add(outcome(second.call(then, null)));
        }
        return out;
    }

    private static Outcome outcome(ToolReply r) {
        return new Outcome(r.exit(), r.stdoutText(), r.stderrText());
    }

    private static TestEvent event(Caller c) {
        Map<String, String> env = new HashMap<>();
        if (c.relationId() != null) {
            env.put("JUJU_RELATION_ID", c.hook().replaceAll("-relation-[a-z]+$", "") + ":" + c.relationId());
            env.put("JUJU_REMOTE_UNIT", c.remoteUnit());
            env.put("JUJU_REMOTE_APP", c.remoteApp());
        }
        if (c.actionId() != null) {
            env.put("JUJU_ACTION_UUID", c.actionId());
            return new TestEvent("actions/" + c.hook(), env, Fixture.world().actions.get(c.actionId()).params);
        }
        return new TestEvent("hooks/" + c.hook(), env, Map.of());
    }

    /** What {@code unit} sees of the world, as a test's State. */
    static State view(ModelState<AppState<UnitState>> world, String unit) {
        UnitState self = world.unitState(unit).orElseThrow();
        AppState<UnitState> app = world.applications.get(self.app);
        State s = State.empty().withLeader(world.isLeader(unit)).withModel(world.name, world.uuid)
                .withPlannedUnits(app.units.size()).withStored(self.state)
                .withUnitStatus(Status.of(self.workload.status(), self.workload.message()));
        Set<Port> ports = new LinkedHashSet<>();
        self.ports.forEach(p -> ports.add(Port.parse(p)));
        s = s.withOpenedPorts(ports);
        for (int id : self.entered) {
            Relation r = world.relations.get(id);
            String remote = r.remoteApp(self.app);
            Map<String, Map<String, String>> remoteUnits = new java.util.LinkedHashMap<>();
            self.members.getOrDefault(id, new java.util.TreeSet<>())
                    .forEach(m -> remoteUnits.put(m, r.unitData.getOrDefault(m, Map.of())));
            s = s.withRelation(new RelationState(r.endpoint(self.app), id, remote, r.appData.getOrDefault(self.app, Map.of()),
                    r.unitData.getOrDefault(unit, Map.of()), r.peer() ? Map.of() : r.appData.getOrDefault(remote, Map.of()),
                    remoteUnits));
        }
        for (Secret d : world.secrets.values()) {
            Map<String, String> latest = d.revisions.get(d.latest());
            if (Secrets.owns(d, unit)) {
                Set<Integer> grants = new HashSet<>();
                d.grants.forEach(g -> grants.add(g.relationId()));
                s = s.withSecret(new SecretState(d.id, Optional.ofNullable(d.label),
                        Optional.of(d.unitOwned ? "unit" : "application"), latest, latest, d.latest(),
                        Optional.ofNullable(d.description), grants));
            } else if (Secrets.granted(d, unit)) {
                ConsumerDoc c = d.consumers.get(unit);
                s = s.withSecret(new SecretState(d.id, Optional.ofNullable(c == null ? null : c.label()), Optional.empty(),
                        d.revisions.get(c == null ? d.latest() : c.revision()), latest, d.latest(),
                        Optional.ofNullable(d.description), Set.of()));
            } else {
                s = s.withSecret(SecretState.notGranted(d.id));
            }
        }
        return s;
    }
}
