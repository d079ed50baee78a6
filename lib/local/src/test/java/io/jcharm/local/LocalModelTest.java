package io.jcharm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local model end to end with real hook processes: a bundle of two greeter applications
 * (hello-a:greeting to hello-b:listen) deployed once, then each scenario on a copy of it.
 */
class LocalModelTest {
    @TempDir
    static Path tmp;
    static Path workspace;
    static Path golden;

    @BeforeAll
    static void deploy() {
        workspace = Rehearsal.workspace(tmp.resolve("ws"), "greeters.yaml");
        golden = tmp.resolve("golden");
        try (LocalModel model = LocalModel.open(golden, Rehearsal.options())) {
            Rehearsal.assertSettled(model.deploy(workspace, List.of(), Progress.NONE), golden);
        }
    }

    private Path copy(String name) {
        return Rehearsal.copy(golden, tmp.resolve(name));
    }

    @Test
    void deploySettlesActiveWithTheRelationDataAndJujusHookOrder() {
        ModelStatus s = LocalModel.readStatus(golden, "3.6.14");
        assertEquals("greeters", s.model(), "the model is named after the bundle");
        for (String unit : List.of("hello-a/0", "hello-b/0")) {
            ModelStatus.UnitStatus u = s.unit(unit).orElseThrow();
            assertEquals("active", u.workload(), unit + ": " + u.message());
            assertEquals("idle", u.agent());
            assertTrue(u.leader());
            assertEquals(List.of("8080/tcp"), u.ports());
            assertTrue(u.simulated().contains("simulated"), u.simulated());
        }
        ModelStatus.RelationStatus rel = s.relation("hello-a", "hello-b").orElseThrow();
        assertEquals(List.of("hello-a:greeting", "hello-b:listen"), rel.endpoints());
        assertEquals("Bonjour", rel.appData().get("hello-a").get("greeting"));
        String token = rel.appData().get("hello-a").get("token-secret");
        assertTrue(token.matches("(secret:)?[0-9a-v]{20}"), token);
        assertEquals("Bonjour", rel.unitData().get("hello-a/0").get("greeting"));
        assertEquals("s3cret-hello-a", rel.unitData().get("hello-b/0").get("token-seen"),
                "hello-b read the secret hello-a granted it over the relation");
        List<String> b = Rehearsal.hooksRun(golden, "hello-b/0");
        assertEquals(List.of("install", "cluster-relation-created", "listen-relation-created", "leader-elected",
                "config-changed", "start", "listen-relation-joined", "listen-relation-changed"), b.subList(0, 8));
        assertTrue(b.subList(8, b.size()).stream().allMatch(h -> h.equals("listen-relation-changed")), b.toString());
    }

    @Test
    void configChangeRunsConfigChangedAndTheOtherSideSeesTheNewData() {
        Path dir = copy("config");
        int a0 = Rehearsal.hooksRun(dir, "hello-a/0").size();
        int b0 = Rehearsal.hooksRun(dir, "hello-b/0").size();
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options())) {
            model.config("hello-a", Map.of("greeting", "Hola"), List.of());
            assertEquals("Hola", model.config("hello-a").get("greeting"));
            Rehearsal.assertSettled(model.settle(Progress.NONE), dir);
            ModelStatus.RelationStatus rel = model.status().relation("hello-a", "hello-b").orElseThrow();
            assertEquals("Hola", rel.appData().get("hello-a").get("greeting"));
            assertEquals("Hola", rel.unitData().get("hello-a/0").get("greeting"));
            assertThrows(LocalModelException.class, () -> model.config("hello-a", Map.of("port", "many"), List.of()));
            assertThrows(LocalModelException.class, () -> model.config("hello-a", Map.of("colour", "red"), List.of()));
        }
        assertEquals(List.of("config-changed"), Rehearsal.since(Rehearsal.hooksRun(dir, "hello-a/0"), a0));
        List<String> b = Rehearsal.since(Rehearsal.hooksRun(dir, "hello-b/0"), b0);
        assertFalse(b.isEmpty());
        assertTrue(b.stream().allMatch(h -> h.equals("listen-relation-changed")), b.toString());
    }

    /**
     * The model's hooks ask their tools over its socket, not as a process each: with no hook tool
     * on their PATH they still run; told {@code JCHARM_HOOK_TOOLS=exec} they start processes as under
     * Juju, and without the tools on PATH they fail saying so.
     */
    @Test
    void hooksAskTheirToolsOverTheModelsSocketUnlessToldToRunThemAsProcesses() {
        Path dir = copy("socket");
        Map<String, String> noTools = Map.of("PATH", "/usr/bin:/bin");
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options().withHookEnvironment(noTools))) {
            model.config("hello-a", Map.of("greeting", "Ciao"), List.of());
            Rehearsal.assertSettled(model.settle(Progress.NONE), dir);
            assertEquals("Ciao", model.status().relation("hello-a", "hello-b").orElseThrow().unitData().get("hello-a/0").get("greeting"));
        }
        Map<String, String> processes = Map.of("PATH", "/usr/bin:/bin", "JCHARM_HOOK_TOOLS", "exec");
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options().withHookEnvironment(processes))) {
            model.config("hello-a", Map.of("greeting", "Salut"), List.of());
            assertEquals(List.of("hello-a/0"), model.settle(Progress.NONE).inError());
            String log = String.join("\n", LocalModel.readLog(dir, 200, java.util.Optional.empty()));
            assertTrue(log.contains("hook tool config-get was not found on PATH (/usr/bin:/bin)"), log);
        }
    }

    @Test
    void actionsRunWithCheckedParametersAndRefreshKeepsStateConfigAndRelations() {
        Path dir = copy("refresh");
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options())) {
            ActionResult first = model.runAction("hello-a/0", "greet", Map.of("name", "world"), Progress.NONE);
            assertEquals("completed", first.status(), first.message());
            assertEquals("Bonjour, world!", first.results().get("message"));
            assertEquals("1", first.results().get("count"));
            assertEquals(List.of("greeting world"), first.log());
            LocalModelException bad = assertThrows(LocalModelException.class,
                    () -> model.runAction("hello-a/0", "greet", Map.of("who", "x"), Progress.NONE));
            assertTrue(bad.getMessage().contains("\"who\" is not allowed") && bad.getMessage().contains("\"name\" is required"),
                    bad.getMessage());
            model.refresh("hello-a", TestCharms.greeter(tmp.resolve("v2"), false, "2"));
            Rehearsal.assertSettled(model.settle(Progress.NONE), dir);
            ModelStatus s = model.status();
            assertEquals(2, s.application("hello-a").orElseThrow().revision());
            assertEquals("active", s.unit("hello-a/0").orElseThrow().workload());
            assertEquals("Bonjour", s.relation("hello-a", "hello-b").orElseThrow().appData().get("hello-a").get("greeting"));
            assertTrue(Files.isRegularFile(dir.resolve("units/hello-a-0/charm-r2/dispatch")));
            assertFalse(Files.exists(dir.resolve("units/hello-a-0/charm-r1")), "the old charm is gone");
            ActionResult second = model.runAction("hello-a/0", "greet", Map.of("name", "again"), Progress.NONE);
            assertEquals("2", second.results().get("count"), "controller-side state survived the refresh");
        }
        List<String> hooks = Rehearsal.hooksRun(dir, "hello-a/0");
        int at = hooks.lastIndexOf("upgrade-charm");
        assertTrue(at > 0, hooks.toString());
        assertEquals(List.of("upgrade-charm", "config-changed", "start"), hooks.subList(at, at + 3),
                "a machine charm's refresh: upgrade-charm, config-changed, start; no relation hooks");
    }

    @Test
    void removeRelationRunsDepartedThenBrokenOnBothSides() {
        Path dir = copy("unrelate");
        int a0 = Rehearsal.hooksRun(dir, "hello-a/0").size();
        int b0 = Rehearsal.hooksRun(dir, "hello-b/0").size();
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options())) {
            model.removeRelation("hello-a", "hello-b:listen");
            Rehearsal.assertSettled(model.settle(Progress.NONE), dir);
            assertTrue(model.status().relation("hello-a", "hello-b").isEmpty(), "the relation is gone");
            assertThrows(LocalModelException.class, () -> model.removeRelation("hello-a", "hello-b"));
        }
        List<String> a = Rehearsal.since(Rehearsal.hooksRun(dir, "hello-a/0"), a0);
        List<String> b = Rehearsal.since(Rehearsal.hooksRun(dir, "hello-b/0"), b0);
        assertEquals(List.of("greeting-relation-departed", "greeting-relation-broken"), a);
        assertEquals(List.of("listen-relation-departed", "listen-relation-broken"), b);
    }

    @Test
    void scalingUpJoinsEveryoneAndRemovingTheLeaderElectsAnother() {
        Path dir = copy("scale");
        int a0 = Rehearsal.hooksRun(dir, "hello-a/0").size();
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options())) {
            assertEquals("hello-b/1", model.addUnit("hello-b"));
            Rehearsal.assertSettled(model.settle(Progress.NONE), dir);
            assertEquals("s3cret-hello-a", model.status().relation("hello-a", "hello-b").orElseThrow().unitData()
                    .get("hello-b/1").get("token-seen"), "the new unit read the secret granted to its application");
            model.removeUnit("hello-b/0");
            Rehearsal.assertSettled(model.settle(Progress.NONE), dir);
            ModelStatus.AppStatus b = model.status().application("hello-b").orElseThrow();
            assertEquals(List.of("hello-b/1"), b.units().stream().map(ModelStatus.UnitStatus::name).toList());
            assertTrue(b.units().get(0).leader());
        }
        List<String> b1 = Rehearsal.hooksRun(dir, "hello-b/1");
        assertEquals(List.of("install", "cluster-relation-created", "listen-relation-created", "leader-settings-changed",
                "config-changed", "start"), b1.subList(0, 6), "a new unit's install phase");
        assertTrue(b1.contains("cluster-relation-joined") && b1.contains("listen-relation-joined"), b1.toString());
        assertTrue(b1.indexOf("cluster-relation-departed") < b1.lastIndexOf("leader-elected"), b1.toString());
        List<String> a = Rehearsal.since(Rehearsal.hooksRun(dir, "hello-a/0"), a0);
        assertEquals(List.of("greeting-relation-joined", "greeting-relation-changed"), a.subList(0, 2));
        assertTrue(a.contains("greeting-relation-departed"), a.toString());
    }

    @Test
    void removeApplicationTearsDownItsUnitsAndTheOtherSideSeesItGo() {
        Path dir = copy("remove");
        int a0 = Rehearsal.hooksRun(dir, "hello-a/0").size();
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options())) {
            model.removeApplication("hello-b", false);
            Rehearsal.assertSettled(model.settle(Progress.NONE), dir);
            ModelStatus s = model.status();
            assertTrue(s.application("hello-b").isEmpty(), "hello-b is gone");
            assertTrue(s.relation("hello-a", "hello-b").isEmpty());
            assertEquals("active", s.unit("hello-a/0").orElseThrow().workload());
        }
        List<String> b = Rehearsal.hooksRun(dir, "hello-b/0");
        assertEquals(List.of("listen-relation-departed", "listen-relation-broken", "cluster-relation-broken", "stop", "remove"),
                b.subList(b.size() - 5, b.size()));
        assertEquals(List.of("greeting-relation-departed", "greeting-relation-broken"),
                Rehearsal.since(Rehearsal.hooksRun(dir, "hello-a/0"), a0));
        assertFalse(Files.exists(dir.resolve("units/hello-b-0")), "the unit's directory is gone");
    }

    @Test
    void deployingTheSameBundleAgainChangesNothingAndAnotherCharmUnderTheSameNameIsRefused() throws Exception {
        Path dir = copy("redeploy");
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options())) {
            SettleResult again = model.deploy(workspace, List.of(), Progress.NONE);
            assertTrue(again.settled());
            assertEquals(0, again.hooksRun(), "nothing to do: as juju deploy of a deployed bundle");
            Path other = Rehearsal.workspace(tmp.resolve("other-ws"), "greeters.yaml");
            Files.move(other.resolve("greeter-k8s.charm"), other.resolve("greeter.charm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            BundleRefusedException e = assertThrows(BundleRefusedException.class, () -> model.deploy(other, List.of(), Progress.NONE));
            assertTrue(e.getMessage().contains("already runs charm \"greeter\", not \"greeter-k8s\""), e.getMessage());
        }
    }

    @Test
    void aBundleThatFailsVerificationIsRefusedWithEveryErrorBeforeAnythingRuns() throws Exception {
        Path ws = Rehearsal.workspace(tmp.resolve("bad-ws"), "broken.yaml");
        Path dir = tmp.resolve("bad");
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options())) {
            BundleRefusedException e = assertThrows(BundleRefusedException.class, () -> model.deploy(ws, List.of(), Progress.NONE));
            assertTrue(e.problems().size() >= 2, e.getMessage());
            assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
            assertTrue(model.status().applications().isEmpty());
        }
        assertTrue(Rehearsal.hooksRun(dir, "hello-a/0").isEmpty());
    }
}
