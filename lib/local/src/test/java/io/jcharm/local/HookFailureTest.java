package io.jcharm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed hooks as Juju treats them: the unit shows error with the hook's name, what the hook
 * wrote is not visible to anyone, its output stays for debug-log, it is retried with backoff
 * (bounded) or by resolve, and only then do the others hear of its data.
 */
class HookFailureTest {
    @TempDir
    static Path tmp;
    static Path golden;

    @BeforeAll
    static void deploy() {
        Path ws = Rehearsal.workspace(tmp.resolve("ws"), "greeters.yaml");
        golden = tmp.resolve("golden");
        try (LocalModel model = LocalModel.open(golden, Rehearsal.options())) {
            Rehearsal.assertSettled(model.deploy(ws, List.of(), Progress.NONE), golden);
        }
    }

    @Test
    void aFailedHookCommitsNothingShowsErrorAndIsRunAgainByResolve() {
        Path dir = Rehearsal.copy(golden, tmp.resolve("resolve"));
        int b0 = Rehearsal.hooksRun(dir, "hello-b/0").size();
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options())) {
            // The unit bag is sent first, then the application bag, whose relation-set fails:
            // the hook fails after writing, as a hook that dies halfway would.
            model.injectFault(new Fault("hello-a/0", "relation-set", List.of("--app"), 1));
            model.config("hello-a", Map.of("greeting", "Ciao"), List.of());
            SettleResult r = model.settle(Progress.NONE);
            assertTrue(r.settled(), "nothing more runs without a retry");
            assertEquals(List.of("hello-a/0"), r.inError());
            ModelStatus s = model.status();
            ModelStatus.UnitStatus a = s.unit("hello-a/0").orElseThrow();
            assertEquals("error", a.workload());
            assertEquals("hook failed: \"config-changed\"", a.message());
            assertTrue(a.lastLog().stream().anyMatch(l -> l.contains("injected fault")), a.lastLog().toString());
            ModelStatus.RelationStatus rel = s.relation("hello-a", "hello-b").orElseThrow();
            assertEquals("Bonjour", rel.unitData().get("hello-a/0").get("greeting"), "the failed hook's unit-bag write is not visible");
            assertEquals("Bonjour", rel.appData().get("hello-a").get("greeting"));
            assertEquals(b0, Rehearsal.hooksRun(dir, "hello-b/0").size(), "hello-b heard of nothing");
            List<String> log = LocalModel.readLog(dir, 200, Optional.of("hello-a/0"));
            assertTrue(log.stream().anyMatch(l -> l.contains("hook \"config-changed\" (via hook dispatching script: dispatch) failed")),
                    String.join("\n", log));

            // While in error, actions still run; hooks wait.
            ActionResult greet = model.runAction("hello-a/0", "greet", Map.of("name", "you"), Progress.NONE);
            assertEquals("completed", greet.status());
            assertEquals("Ciao, you!", greet.results().get("message"), "the new config is already set");

            model.resolve("hello-a/0", true);
            Rehearsal.assertSettled(model.settle(Progress.NONE), dir);
            ModelStatus after = model.status();
            assertEquals("active", after.unit("hello-a/0").orElseThrow().workload());
            assertEquals("Ciao", after.relation("hello-a", "hello-b").orElseThrow().unitData().get("hello-a/0").get("greeting"));
            assertEquals("Ciao", after.relation("hello-a", "hello-b").orElseThrow().appData().get("hello-a").get("greeting"));
            assertThrows(LocalModelException.class, () -> model.resolve("hello-a/0", true));
        }
        List<String> b = Rehearsal.since(Rehearsal.hooksRun(dir, "hello-b/0"), b0);
        assertFalse(b.isEmpty());
        assertTrue(b.stream().allMatch(h -> h.equals("listen-relation-changed")), b.toString());
    }

    @Test
    void aFailedHookIsRetriedAutomaticallyWithBackoff() {
        Path dir = Rehearsal.copy(golden, tmp.resolve("retry"));
        ModelOptions retrying = Rehearsal.options().withRetries(2, Duration.ofMillis(100));
        try (LocalModel model = LocalModel.open(dir, retrying)) {
            model.injectFault(new Fault("hello-a", "status-set", List.of(), 1));
            model.config("hello-a", Map.of("greeting", "Salut"), List.of());
            SettleResult r = model.settle(Progress.NONE);
            Rehearsal.assertSettled(r, dir);
            assertEquals("active", model.status().unit("hello-a/0").orElseThrow().workload());
        }
        List<String> log = LocalModel.readLog(dir, 200, Optional.of("hello-a"));
        assertTrue(log.stream().anyMatch(l -> l.contains("failed: exit status 1; retrying in 100ms (attempt 1 of 3)")),
                String.join("\n", log));
        List<String> hooks = Rehearsal.hooksRun(dir, "hello-a/0");
        assertEquals("config-changed", hooks.get(hooks.size() - 1));
    }

    @Test
    void resolveWithoutRetryMarksTheHookDoneWithoutRunningIt() {
        Path dir = Rehearsal.copy(golden, tmp.resolve("no-retry"));
        try (LocalModel model = LocalModel.open(dir, Rehearsal.options())) {
            model.injectFault(new Fault("hello-b/0", "config-get", List.of(), 1));
            model.config("hello-b", Map.of("port", "9090"), List.of());
            assertEquals(List.of("hello-b/0"), model.settle(Progress.NONE).inError());
            int before = Rehearsal.hooksRun(dir, "hello-b/0").size();
            model.resolve("hello-b/0", false);
            SettleResult r = model.settle(Progress.NONE);
            assertTrue(r.inError().isEmpty());
            assertEquals(0, r.hooksRun(), "nothing ran again");
            assertEquals(before, Rehearsal.hooksRun(dir, "hello-b/0").size());
            assertEquals("active", model.status().unit("hello-b/0").orElseThrow().workload(),
                    "the status the charm last set comes back");
        }
    }
}
