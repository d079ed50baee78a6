package io.jcharm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One hook at a time, as real processes: a charm directory with a dispatch shell script. The
 * ordering test is why HookRunner keeps ProcessBuilder's OS-level 2>&1 rather than lib/process,
 * whose two stream pumps reordered a hook's stdout and stderr lines.
 */
class HookRunnerTest {
    @TempDir
    Path tmp;
    private Path charm;
    private Path log;
    private final Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "JUJU_HOOK_NAME", "install");

    @BeforeEach
    void setUp() throws IOException {
        charm = Files.createDirectories(tmp.resolve("charm"));
        Files.writeString(charm.resolve("metadata.yaml"), "name: shell\n");
        log = tmp.resolve("unit/hook-output.log");
    }

    private void dispatch(String body) throws IOException {
        Path d = charm.resolve("dispatch");
        Files.writeString(d, body);
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private HookRunner.Result run(HookRunner runner) {
        return runner.run(charm, HookSpec.simple("install"), env, log);
    }

    @Test
    void aHookRunsInTheCharmDirWithExactlyItsEnvironmentAndNoStdin() throws IOException {
        dispatch("#!/bin/sh\necho \"$JUJU_HOOK_NAME ${HOME-unset} $(pwd)\"\necho oops >&2\ncat\nexit 3\n");
        HookRunner.Result r = run(new HookRunner(Duration.ofSeconds(20)));
        assertEquals(new HookRunner.Result(3, List.of("install unset " + charm.toRealPath(), "oops"), "exit status 3", false), r);
    }

    @Test
    void stdoutAndStderrReachTheLogInTheOrderTheHookWroteThem() throws IOException {
        // Alternating lines on the two streams, as a charm's print and a tool's error message
        // interleave; debug-log must show them in this order.
        dispatch("#!/bin/sh\ni=0\nwhile [ $i -lt 200 ]; do echo \"out $i\"; echo \"err $i\" >&2; i=$((i+1)); done\n");
        HookRunner.Result r = run(new HookRunner(Duration.ofSeconds(20)));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add("out " + i);
            expected.add("err " + i);
        }
        assertEquals(new HookRunner.Result(0, expected, "", false), r);
    }

    @Test
    void aHookPastItsTimeoutIsKilled() throws IOException {
        dispatch("#!/bin/sh\necho started\nsleep 30\n");
        HookRunner.Result r = run(new HookRunner(Duration.ofSeconds(1)));
        // The shell may still print "Killed" for its sleep, which dies first: only the start of the log is fixed.
        assertEquals(new HookRunner.Result(1, r.output(), "hook did not finish within 1 s and was killed", false), r);
        assertEquals("started", r.output().get(0));
        assertTrue(r.output().size() <= 2, r.output().toString());
    }

    @Test
    void aHookTheSystemCannotStartIsAForkFailure() throws IOException {
        dispatch("#!/no/such/interpreter\n");
        HookRunner.Result r = run(new HookRunner(Duration.ofSeconds(20)));
        assertTrue(r.failure().startsWith("fork/exec " + charm.resolve("dispatch") + ": "), r.failure());
        assertTrue(r.failure().contains("No such file or directory"), r.failure());
        assertFalse(r.interrupted());
    }

    @Test
    void stopAllKillsTheRunningHookWithItsChildrenAndStartsNoMore() throws Exception {
        Path pid = tmp.resolve("child.pid");
        dispatch("#!/bin/sh\necho started\nsleep 30 &\necho $! > '" + pid + ".tmp'; mv '" + pid + ".tmp' '" + pid + "'\nwait\n");
        HookRunner runner = new HookRunner(Duration.ofSeconds(60));
        CompletableFuture<HookRunner.Result> running = CompletableFuture.supplyAsync(() -> run(runner));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(pid) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        long child = Long.parseLong(Files.readString(pid).strip());
        runner.stopAll();
        assertEquals(new HookRunner.Result(1, List.of("started"), HookRunner.INTERRUPTED, false, true),
                running.get(20, TimeUnit.SECONDS));
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the hook's child is killed");

        Path ran = tmp.resolve("ran");
        dispatch("#!/bin/sh\ntouch '" + ran + "'\n");
        assertEquals(new HookRunner.Result(1, List.of(), HookRunner.INTERRUPTED, false, true), run(runner),
                "not the previous hook's output");
        assertFalse(Files.exists(ran), "a hook after stopAll does not run");
    }
}
