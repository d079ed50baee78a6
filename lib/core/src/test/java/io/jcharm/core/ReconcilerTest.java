package io.jcharm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    private final RecordingHookTools tools = new RecordingHookTools();
    private final List<String> ran = new ArrayList<>();

    private Model model() {
        return Fixtures.model(tools, "hooks/config-changed");
    }

    private Component<Void> ok(String name, Component<?>... deps) {
        return Component.of(name, m -> ran.add(name)).after(deps);
    }

    private Component<Void> stops(String name, Status status, Component<?>... deps) {
        return Component.of(name, m -> {
            ran.add(name);
            throw new StatusException(status);
        }).after(deps);
    }

    private Reconciler.Result run(Component<?>... components) {
        return new Reconciler().run(Components.of(components), model());
    }

    @Test
    void runsInOrderAndGoesActive() {
        Component<Void> a = ok("a");
        Reconciler.Result r = run(a, ok("b", a), ok("c"));
        assertEquals(List.of("a", "b", "c"), ran);
        assertEquals(Status.active(), r.status());
        assertEquals(Status.active(), tools.unitStatus);
        assertEquals(Map.of("a", new Reconciler.Outcome.Done(), "b", new Reconciler.Outcome.Done(),
                "c", new Reconciler.Outcome.Done()), r.outcomes());
    }

    @Test
    void dependantsReceiveTheValuesTheirDependenciesProduced() {
        Component<Integer> port = Component.providing("port", m -> 8080);
        Component<String> host = Component.providing("host", m -> "web");
        Component<String> url = Component.providing("url", host, port, (m, h, p) -> "http://" + h + ":" + p);
        Component<Void> use = Component.of("use", url, (m, u) -> ran.add(u));
        run(port, host, url, use);
        assertEquals(List.of("http://web:8080"), ran);
    }

    @Test
    void theConfigComponentBindsOncePerHookAndHandsOnTheRecord() {
        record Cfg(int port) {
        }
        Model model = Fixtures.model(tools, "hooks/config-changed");
        tools.config.put("port", 9000L);
        Component<Cfg> config = Component.config(Cfg.class);
        Component<Void> a = Component.of("a", config, (m, c) -> ran.add("a" + c.port()));
        Component<Void> b = Component.of("b", config, (m, c) -> ran.add("b" + c.port()));
        new Reconciler().run(Components.of(config, a, b), model);
        assertEquals(List.of("a9000", "b9000"), ran);
        assertEquals(1, tools.count("config-get"), tools.calls.toString());
        assertTrue(model.config(Cfg.class) == model.config(Cfg.class), "one record per hook");
    }

    @Test
    void ifProceededNeverSkipsItsDependant() {
        Component<String> gateway = Component.providing("gateway", m -> {
            throw StatusException.waiting("no gateway yet");
        });
        Component<Void> publish = Component.of("publish", gateway.ifProceeded(), (m, gw) -> ran.add("up=" + gw.isPresent()));
        Reconciler.Result r = run(gateway, publish);
        assertEquals(List.of("up=false"), ran);
        assertEquals(new Reconciler.Outcome.Done(), r.outcomes().get("publish"));
        Component<String> up = Component.providing("gateway", m -> "gw");
        run(up, Component.of("publish", up.ifProceeded(), (m, gw) -> ran.add("up=" + gw.orElseThrow())));
        assertEquals(List.of("up=false", "up=gw"), ran);
    }

    @Test
    void dependantsOfAStoppedComponentAreSkippedTransitively() {
        Component<Void> gate = stops("gate", Status.waiting("no db"));
        Component<Void> b = ok("b", gate);
        Reconciler.Result r = run(gate, b, ok("c", b), ok("d"));
        assertEquals(List.of("gate", "d"), ran);
        assertEquals(new Reconciler.Outcome.Stopped(Status.waiting("no db")), r.outcomes().get("gate"));
        assertEquals(new Reconciler.Outcome.Skipped("gate"), r.outcomes().get("b"));
        assertEquals(new Reconciler.Outcome.Skipped("b"), r.outcomes().get("c"));
        assertEquals(new Reconciler.Outcome.Done(), r.outcomes().get("d"));
        assertEquals(Status.waiting("[gate] no db"), tools.unitStatus);
    }

    @Test
    void worstStatusWinsByPriorityWithItsComponentName() {
        run(stops("w", Status.waiting("w")), stops("m", Status.maintenance("m")),
                stops("b", Status.blocked("needs trust")), stops("w2", Status.waiting("w2")));
        assertEquals(Status.blocked("[b] needs trust"), tools.unitStatus);
        assertEquals(List.of("w", "m", "b", "w2"), ran, "a stopped component does not stop independent ones");
    }

    @Test
    void onATieTheFirstWins() {
        run(stops("x", Status.waiting("first")), stops("y", Status.waiting("second")));
        assertEquals(Status.waiting("[x] first"), tools.unitStatus);
    }

    @Test
    void appStatusIsSetOnlyOnTheLeader() {
        run(stops("x", Status.blocked("b")));
        assertEquals(0, tools.count("status-set --application"), tools.calls.toString());
        tools.leader = true;
        run(stops("x", Status.blocked("b")));
        assertEquals(Status.blocked("[x] b"), tools.appStatus);
        assertEquals(Status.blocked("[x] b"), tools.unitStatus);
    }

    @Test
    void invalidConfigBecomesBlocked() {
        Component<Void> config = Component.of("config", m -> {
            throw new InvalidConfigException("port", "must be between 1 and 65535, got 0");
        });
        Reconciler.Result r = run(config, ok("server", config));
        assertEquals(Status.blocked("[config] invalid config port: must be between 1 and 65535, got 0"), r.status());
        assertEquals(List.of(), ran);
    }

    @Test
    void relationDataErrorsBecomeBlocked() {
        run(Component.of("db", m -> {
            throw new RelationDataException("mysql/0 wrote endpoints that is not valid JSON");
        }));
        assertEquals(Status.blocked("[db] mysql/0 wrote endpoints that is not valid JSON"), tools.unitStatus);
    }

    @Test
    void unexpectedExceptionsPropagateAndSetNoStatus() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(
                Component.of("k8s", m -> {
                    throw new IllegalStateException("API server down");
                }), ok("after")));
        assertEquals("API server down", e.getMessage());
        assertEquals(List.of(), ran);
        assertEquals(0, tools.count("status-set"));
    }

    @Test
    void duplicateNamesAreRejectedWhenTheListIsBuilt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Components.of(ok("a"), ok("b"), ok("a")));
        assertEquals("two components are named \"a\"; names must be unique: [a, b, a]", e.getMessage());
    }

    @Test
    void dependenciesNotListedBeforeAreRejectedWhenTheListIsBuilt() {
        Component<Void> nope = ok("nope");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Components.of(ok("a"), ok("b", nope)));
        assertEquals("component \"b\" depends on \"nope\", which is not in the list; add that very object (not a copy)"
                + " before it: [a, b]", e.getMessage());
        Component<Void> b = ok("b");
        assertEquals("component \"a\" depends on \"b\", which is listed after it; list \"b\" first: [a, b]",
                assertThrows(IllegalStateException.class, () -> Components.of(ok("a", b), b)).getMessage());
        assertEquals(List.of(), ran);
    }

    @Test
    void aCycleIsNamedWhenTheListIsBuilt() {
        List<Component<?>> second = new ArrayList<>();
        Component<Void> first = new Component<>() {
            @Override public String name() {
                return "first";
            }

            @Override public List<Component<?>> dependsOn() {
                return second;
            }

            @Override public Void reconcile(Model model, Inputs inputs) {
                return null;
            }
        };
        Component<Void> then = ok("then", first);
        second.add(then);
        assertEquals("components depend on each other in a cycle: first -> then -> first",
                assertThrows(IllegalStateException.class, () -> Components.of(first, then)).getMessage());
        second.clear();
        second.add(first);
        assertEquals("component \"first\" depends on itself",
                assertThrows(IllegalStateException.class, () -> Components.of(first)).getMessage());
    }

    @Test
    void aDependantMayNameTheComponentInsideAGate() {
        Component<Void> leader = Gates.leader();
        Component<Integer> count = Component.providing("count", m -> 3);
        Component<Void> use = Component.of("use", count, (m, n) -> ran.add("n=" + n));
        tools.leader = true;
        run(leader, count.after(leader), use);
        assertEquals(List.of("n=3"), ran);
    }

    @Test
    void aComponentReadingAnUndeclaredInputFailsNamingIt() {
        Component<Integer> n = Component.providing("n", m -> 1);
        Component<Void> sneaky = new Component<>() {
            @Override public String name() {
                return "sneaky";
            }

            @Override public Void reconcile(Model model, Inputs inputs) {
                inputs.get(n);
                return null;
            }
        };
        assertEquals("component \"sneaky\" reads \"n\", which it does not list in dependsOn()",
                assertThrows(IllegalStateException.class, () -> run(n, sneaky)).getMessage());
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
        Components cs = Components.of(removable("a", removed, false), removable("b", removed, true),
                removable("c", removed, false));
        List<Exception> failures = new Reconciler().remove(cs, model());
        assertEquals(List.of("c", "b", "a"), removed);
        assertEquals(1, failures.size());
        assertTrue(tools.logs.contains("ERROR removing b failed: b refused"), tools.logs.toString());
    }

    @Test
    void defaultRemoveHookFailsAfterTryingEveryComponent() {
        List<String> removed = new ArrayList<>();
        Charm charm = m -> Components.of(removable("a", removed, true), removable("b", removed, false));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> charm.onRemove(model()));
        assertEquals(List.of("b", "a"), removed);
        assertEquals("1 component(s) could not be removed; first: a refused", e.getMessage());
    }

    private static Component<Void> removable(String name, List<String> removed, boolean fails) {
        return new Component<>() {
            @Override public String name() {
                return name;
            }

            @Override public Void reconcile(Model model, Inputs inputs) {
                return null;
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
        Component<Void> leader = Gates.leader();
        run(leader, ok("publish", leader));
        assertEquals(Status.waiting("[leader] waiting for leadership"), tools.unitStatus);
        assertEquals(List.of(), ran);
    }

    @Test
    void relationGateHandsOnTheRelations() {
        Component<List<Relation>> db = Gates.relation("db");
        run(db, Component.of("use-db", db, (m, rels) -> ran.add("use-db " + rels.get(0).id())));
        assertEquals(Status.blocked("[relation:db] missing relation db: juju integrate demo:db <provider>"),
                tools.unitStatus);
        tools.relate("db", 4, "mysql", "mysql/0");
        run(db, Component.of("use-db", db, (m, rels) -> ran.add("use-db " + rels.get(0).id())));
        assertEquals(Status.active(), tools.unitStatus);
        assertEquals(List.of("use-db 4"), ran);
    }

    @Test
    void applicationGoesOnlyWithTheLastLeader() {
        tools.leader = false;
        assertEquals(false, model().app().isGoing("Demo's objects"));
        assertTrue(tools.logs.contains("INFO not the leader: the leader removes Demo's objects when the application goes"),
                tools.logs.toString());
        tools.leader = true;
        tools.goalUnits.put("demo/1", "active");
        assertEquals(false, model().app().isGoing("Demo's objects"));
        assertTrue(tools.logs.contains("INFO 1 unit(s) of demo remain: Demo's objects stay"), tools.logs.toString());
        tools.goalUnits.put("demo/1", "dying");
        assertTrue(model().app().isGoing("Demo's objects"));
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
