package io.jcharm.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes stopped from another thread through a {@link Cancellation}. */
class CancellationTest {
    @TempDir
    Path tmp;
    private final ProcessRunner runner = new ProcessRunner();
    private final Map<String, String> env = Map.of("PATH", "/usr/bin:/bin");

    /** A shell that starts a background sleep, records both pids, and waits: a dispatch script and its JVM. */
    private Command tree(Path pids, Cancellation stop) {
        return Command.of(List.of("sh", "-c", "sleep 30 & echo $$ $! > '" + pids + ".tmp'; mv '" + pids + ".tmp' '" + pids
                + "'; sleep 30")).env(env).timeout(Duration.ofSeconds(60)).cancelledBy(stop);
    }

    private static List<Long> awaitPids(Path pids) throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(pids) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        return List.of(Files.readString(pids).strip().split(" ")).stream().map(Long::parseLong).toList();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void cancelKillsTheRunningProcessAndItsChildrenAndIsNotATimeout() throws Exception {
        Cancellation stop = new Cancellation();
        Path pids = tmp.resolve("pids");
        CompletableFuture<ProcessResult> run = CompletableFuture.supplyAsync(() -> runner.run(tree(pids, stop)));
        List<Long> started = awaitPids(pids);
        assertTrue(started.stream().allMatch(CancellationTest::alive), "both run before the cancel");
        stop.cancel();
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(20, TimeUnit.SECONDS));
        ProcessCancelledException cancelled = assertInstanceOfCancelled(e.getCause());
        assertTrue(cancelled.started());
        assertTrue(cancelled.getMessage().endsWith("was cancelled while it ran and was killed, with every process it started"),
                cancelled.getMessage());
        // run() waits for the killed processes, so they are gone when it returns.
        assertFalse(alive(started.get(0)), "the shell is killed");
        assertFalse(alive(started.get(1)), "its background child is killed too");
        assertTrue(stop.cancelled());
    }

    @Test
    void aCommandRunAfterTheCancelNeverStarts() {
        Cancellation stop = new Cancellation();
        stop.cancel();
        Path ran = tmp.resolve("ran");
        ProcessCancelledException e = assertThrows(ProcessCancelledException.class, () -> runner.run(Command.of(
                List.of("touch", ran.toString())).env(env).cancelledBy(stop)));
        assertFalse(e.started());
        assertEquals("`touch " + ran + "` was cancelled before it started", e.getMessage());
        assertFalse(Files.exists(ran), "the program did not run");
    }

    @Test
    void oneHandleStopsEveryCommandGivenIt() throws Exception {
        Cancellation stop = new Cancellation();
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        CompletableFuture<ProcessResult> runA = CompletableFuture.supplyAsync(() -> runner.run(tree(a, stop)));
        CompletableFuture<ProcessResult> runB = CompletableFuture.supplyAsync(() -> runner.run(tree(b, stop)));
        List<Long> pidsA = awaitPids(a);
        List<Long> pidsB = awaitPids(b);
        stop.cancel();
        for (CompletableFuture<ProcessResult> run : List.of(runA, runB)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(20, TimeUnit.SECONDS));
            assertTrue(assertInstanceOfCancelled(e.getCause()).started());
        }
        for (long pid : List.of(pidsA.get(0), pidsA.get(1), pidsB.get(0), pidsB.get(1))) {
            assertFalse(alive(pid), "process " + pid + " is killed");
        }
    }

    @Test
    void aCommandThatEndsBeforeTheCancelKeepsItsResult() {
        Cancellation stop = new Cancellation();
        ProcessResult r = runner.run(Command.of(List.of("sh", "-c", "echo done; exit 4")).env(env).cancelledBy(stop));
        stop.cancel();
        assertEquals(4, r.exitCode());
        assertEquals("done\n", r.stdout());
    }

    private static ProcessCancelledException assertInstanceOfCancelled(Throwable t) {
        assertTrue(t instanceof ProcessCancelledException, "a cancel, not " + t);
        assertFalse(t instanceof ProcessTimeoutException);
        return (ProcessCancelledException) t;
    }
}
