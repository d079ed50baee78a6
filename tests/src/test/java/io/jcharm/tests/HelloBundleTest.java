package io.jcharm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.local.ActionResult;
import io.jcharm.local.Fault;
import io.jcharm.local.LocalModel;
import io.jcharm.local.ModelStatus;
import io.jcharm.local.Progress;
import io.jcharm.local.SettleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example charm's bundle rehearsed with the real packed charm (its dispatch, its bundled
 * Java runtime): it settles active with the greeting published, then every change a user makes.
 */
class HelloBundleTest {
    @TempDir
    static Path tmp;
    static Path golden;

    @BeforeAll
    static void deploy() {
        golden = tmp.resolve("golden");
        try (LocalModel model = LocalModel.open(golden, Rehearsals.options())) {
            Rehearsals.assertSettled(model.deploy(Rehearsals.module().resolve("src/test/resources/bundles/hello"), List.of(),
                    Progress.NONE), golden);
        }
    }

    private static Map<String, String> appBag(ModelStatus s, String app) {
        return s.relation("hello", "listener").orElseThrow().appData().getOrDefault(app, Map.of());
    }

    @Test
    void settlesActiveWithTheGreetingPublished() {
        ModelStatus s = LocalModel.readStatus(golden, "3.6.14");
        for (String unit : List.of("hello/0", "listener/0")) {
            ModelStatus.UnitStatus u = s.unit(unit).orElseThrow();
            assertEquals("active", u.workload(), unit + ": " + u.message());
            assertEquals(List.of("8080/tcp"), u.ports());
        }
        assertEquals("Bonjour", appBag(s, "hello").get("greeting"));
        assertEquals("Bonjour", s.relation("hello", "listener").orElseThrow().unitData().get("hello/0").get("greeting"));
    }

    @Test
    void configChangeReachesTheListenerAndActionsCountInUnitState() {
        Path dir = Rehearsals.copy(golden, tmp.resolve("config"));
        try (LocalModel model = LocalModel.open(dir, Rehearsals.options())) {
            model.config("hello", Map.of("greeting", "Hola"), List.of());
            Rehearsals.assertSettled(model.settle(Progress.NONE), dir);
            assertEquals("Hola", appBag(model.status(), "hello").get("greeting"));
            ActionResult r = model.runAction("hello/0", "greet", Map.of("name", "world", "shout", "true"), Progress.NONE);
            assertEquals("completed", r.status(), r.message());
            assertEquals("HOLA, WORLD!", r.results().get("message"));
            assertEquals("1", r.results().get("count"));
            assertEquals("1", model.status().unit("hello/0").orElseThrow().state().get("greetings-served"));
        }
    }

    @Test
    void refreshKeepsUnitStateAndConfig() throws Exception {
        Path dir = Rehearsals.copy(golden, tmp.resolve("refresh"));
        Path newer = Files.copy(Rehearsals.packed("hello"), tmp.resolve("hello-next.charm"));
        try (LocalModel model = LocalModel.open(dir, Rehearsals.options())) {
            model.runAction("hello/0", "greet", Map.of("name", "a"), Progress.NONE);
            model.refresh("hello", newer);
            Rehearsals.assertSettled(model.settle(Progress.NONE), dir);
            assertEquals(2, model.status().application("hello").orElseThrow().revision());
            ActionResult r = model.runAction("hello/0", "greet", Map.of("name", "b"), Progress.NONE);
            assertEquals("2", r.results().get("count"), "unit state survived the refresh");
            assertEquals("Bonjour", model.config("hello").get("greeting"));
        }
        List<String> hooks = Rehearsals.hooksRun(dir, "hello/0");
        int at = hooks.lastIndexOf("upgrade-charm");
        assertEquals(List.of("upgrade-charm", "config-changed", "start"), hooks.subList(at, at + 3));
    }

    @Test
    void aFailingHookShowsErrorKeepsItsDataInvisibleAndIsResolved() {
        Path dir = Rehearsals.copy(golden, tmp.resolve("fault"));
        int before = Rehearsals.hooksRun(dir, "listener/0").size();
        try (LocalModel model = LocalModel.open(dir, Rehearsals.options())) {
            model.injectFault(new Fault("hello/0", "relation-set", List.of("--app"), 1));
            model.config("hello", Map.of("greeting", "Ciao"), List.of());
            SettleResult r = model.settle(Progress.NONE);
            assertEquals(List.of("hello/0"), r.inError());
            ModelStatus.UnitStatus u = model.status().unit("hello/0").orElseThrow();
            assertEquals("error", u.workload());
            assertEquals("hook failed: \"config-changed\"", u.message());
            assertEquals("Bonjour", model.status().relation("hello", "listener").orElseThrow().unitData().get("hello/0").get("greeting"),
                    "the failed hook's unit-bag write is not visible");
            assertEquals(before, Rehearsals.hooksRun(dir, "listener/0").size());
            model.resolve("hello/0", true);
            Rehearsals.assertSettled(model.settle(Progress.NONE), dir);
            assertEquals("Ciao", appBag(model.status(), "hello").get("greeting"));
        }
        assertTrue(Rehearsals.since(Rehearsals.hooksRun(dir, "listener/0"), before).contains("listen-relation-changed"));
    }

    @Test
    void removeRelationThenRemoveApplication() {
        Path dir = Rehearsals.copy(golden, tmp.resolve("remove"));
        int hello = Rehearsals.hooksRun(dir, "hello/0").size();
        try (LocalModel model = LocalModel.open(dir, Rehearsals.options())) {
            model.removeRelation("hello", "listener");
            Rehearsals.assertSettled(model.settle(Progress.NONE), dir);
            assertTrue(model.status().relation("hello", "listener").isEmpty());
            model.removeApplication("listener", false);
            Rehearsals.assertSettled(model.settle(Progress.NONE), dir);
            assertTrue(model.status().application("listener").isEmpty());
        }
        assertEquals(List.of("greeting-relation-departed", "greeting-relation-broken"),
                Rehearsals.since(Rehearsals.hooksRun(dir, "hello/0"), hello));
        List<String> listener = Rehearsals.hooksRun(dir, "listener/0");
        assertEquals(List.of("stop", "remove"), listener.subList(listener.size() - 2, listener.size()));
    }
}
