package io.jcharm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    private final RecordingHookTools tools = new RecordingHookTools();
    private final List<String> ran = new ArrayList<>();

    private Model model() {
        return Fixtures.model(tools, "hooks/config-changed");
    }

    private Component ok(String name, String... deps) {
        return Component.of(name, Set.of(deps), m -> ran.add(name));
    }

    private Component stops(String name, Status status, String... deps) {
        return Component.of(name, Set.of(deps), m -> {
            ran.add(name);
            throw new StatusException(status);
        });
    }

    @Test
    void runsInOrderAndGoesActive() {
        Reconciler.Result r = new Reconciler().run(List.of(ok("a"), ok("b", "a"), ok("c")), model());
        assertEquals(List.of("a", "b", "c"), ran);
        assertEquals(Status.active(), r.status());
        assertEquals(Status.active(), tools.unitStatus);
        assertEquals(Map.of("a", new Reconciler.Outcome.Done(), "b", new Reconciler.Outcome.Done(),
                "c", new Reconciler.Outcome.Done()), r.outcomes());
    }

    @Test
    void dependantsOfAStoppedComponentAreSkippedTransitively() {
        Reconciler.Result r = new Reconciler().run(List.of(stops("gate", Status.waiting("no db")), ok("b", "gate"),
                ok("c", "b"), ok("d")), model());
        assertEquals(List.of("gate", "d"), ran);
        assertEquals(new Reconciler.Outcome.Stopped(Status.waiting("no db")), r.outcomes().get("gate"));
        assertEquals(new Reconciler.Outcome.Skipped("gate"), r.outcomes().get("b"));
        assertEquals(new Reconciler.Outcome.Skipped("b"), r.outcomes().get("c"));
        assertEquals(new Reconciler.Outcome.Done(), r.outcomes().get("d"));
        assertEquals(Status.waiting("[gate] no db"), tools.unitStatus);
    }

    @Test
    void worstStatusWinsByPriorityWithItsComponentName() {
        new Reconciler().run(List.of(stops("w", Status.waiting("w")), stops("m", Status.maintenance("m")),
                stops("b", Status.blocked("needs trust")), stops("w2", Status.waiting("w2"))), model());
        assertEquals(Status.blocked("[b] needs trust"), tools.unitStatus);
        assertEquals(List.of("w", "m", "b", "w2"), ran, "a stopped component does not stop independent ones");
    }

    @Test
    void onATieTheFirstWins() {
        new Reconciler().run(List.of(stops("x", Status.waiting("first")), stops("y", Status.waiting("second"))), model());
        assertEquals(Status.waiting("[x] first"), tools.unitStatus);
    }

    @Test
    void appStatusIsSetOnlyOnTheLeader() {
        new Reconciler().run(List.of(stops("x", Status.blocked("b"))), model());
        assertEquals(0, tools.count("status-set --application"), tools.calls.toString());
        tools.leader = true;
        new Reconciler().run(List.of(stops("x", Status.blocked("b"))), model());
        assertEquals(Status.blocked("[x] b"), tools.appStatus);
        assertEquals(Status.blocked("[x] b"), tools.unitStatus);
    }

    @Test
    void invalidConfigBecomesBlocked() {
        Reconciler.Result r = new Reconciler().run(List.of(Component.of("config", m -> {
            throw new InvalidConfigException("port", "must be between 1 and 65535, got 0");
        }), ok("server", "config")), model());
        assertEquals(Status.blocked("[config] invalid config port: must be between 1 and 65535, got 0"), r.status());
        assertEquals(List.of(), ran);
    }

    @Test
    void relationDataErrorsBecomeBlocked() {
        new Reconciler().run(List.of(Component.of("db", m -> {
            throw new RelationDataException("mysql/0 wrote endpoints that is not valid JSON");
        })), model());
        assertEquals(Status.blocked("[db] mysql/0 wrote endpoints that is not valid JSON"), tools.unitStatus);
    }

    @Test
    void unexpectedExceptionsPropagateAndSetNoStatus() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Reconciler().run(List.of(
                Component.of("k8s", m -> {
                    throw new IllegalStateException("API server down");
                }), ok("after")), model()));
        assertEquals("API server down", e.getMessage());
        assertEquals(List.of(), ran);
        assertEquals(0, tools.count("status-set"));
    }

    @Test
    void duplicateNamesAreRejectedBeforeAnythingRuns() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Reconciler().run(List.of(ok("a"), ok("b"), ok("a")), model()));
        assertEquals("two components are named \"a\"; names must be unique: [a, b, a]", e.getMessage());
        assertEquals(List.of(), ran);
    }

    @Test
    void unknownOrLaterDependenciesAreRejectedBeforeAnythingRuns() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Reconciler().run(List.of(ok("a"), ok("b", "nope")), model()));
        assertEquals("component \"b\" depends on \"nope\", which is not listed before it; components: [a, b]",
                e.getMessage());
        assertThrows(IllegalStateException.class, () -> new Reconciler().run(List.of(ok("a", "b"), ok("b")), model()));
        assertThrows(IllegalStateException.class, () -> new Reconciler().run(List.of(ok("a", "a")), model()));
        assertEquals(List.of(), ran);
    }

    @Test
    void aComponentCannotStopWithActiveOrError() {
        assertThrows(IllegalArgumentException.class, () -> new StatusException(Status.active("fine")));
        assertThrows(IllegalArgumentException.class, () -> new StatusException(Status.of("error", "x")));
        assertEquals("blocked: m", StatusException.blocked("m").getMessage());
    }

    @Test
    void removeRunsLastFirstAndCollectsFailures() {
        List<String> removed = new ArrayList<>();
        List<Component> cs = List.of(removable("a", removed, false), removable("b", removed, true),
                removable("c", removed, false));
        List<Exception> failures = new Reconciler().remove(cs, model());
        assertEquals(List.of("c", "b", "a"), removed);
        assertEquals(1, failures.size());
        assertTrue(tools.logs.contains("ERROR removing b failed: b refused"), tools.logs.toString());
    }

    @Test
    void defaultRemoveHookFailsAfterTryingEveryComponent() {
        List<String> removed = new ArrayList<>();
        Charm charm = m -> List.of(removable("a", removed, true), removable("b", removed, false));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> charm.onRemove(model()));
        assertEquals(List.of("b", "a"), removed);
        assertEquals("1 component(s) could not be removed; first: a refused", e.getMessage());
    }

    private static Component removable(String name, List<String> removed, boolean fails) {
        return new Component() {
            @Override public String name() {
                return name;
            }

            @Override public void reconcile(Model model) {
            }

            @Override public void remove(Model model) {
                removed.add(name);
                if (fails) {
                    throw new IllegalStateException(name + " refused");
                }
            }
        };
    }

    @Test
    void leaderGate() {
        new Reconciler().run(List.of(Gates.leader(), ok("publish", "leader")), model());
        assertEquals(Status.waiting("[leader] waiting for leadership"), tools.unitStatus);
        assertEquals(List.of(), ran);
    }

    @Test
    void relationGate() {
        new Reconciler().run(List.of(Gates.relation("db"), ok("use-db", "relation:db")), model());
        assertEquals(Status.blocked("[relation:db] missing relation db: juju integrate demo:db <provider>"),
                tools.unitStatus);
        tools.relate("db", 4, "mysql", "mysql/0");
        new Reconciler().run(List.of(Gates.relation("db"), ok("use-db", "relation:db")), model());
        assertEquals(Status.active(), tools.unitStatus);
        assertEquals(List.of("use-db"), ran);
    }

    @Test
    void statusPriorities() {
        assertEquals(List.of(5, 4, 3, 2, 1, 0), List.of(Status.of("error", ""), Status.blocked(""),
                Status.maintenance(""), Status.waiting(""), Status.active(), Status.of("unknown", null))
                .stream().map(Status::priority).toList());
        assertEquals("maintenance", Status.maintenance("x").name());
        assertThrows(IllegalArgumentException.class, () -> Status.of("terrible", ""));
    }
}
