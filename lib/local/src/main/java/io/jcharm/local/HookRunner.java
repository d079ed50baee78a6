package io.jcharm.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one hook or action as Juju's uniter does (juju/juju {@code worker/uniter/runner/runner.go}):
 * the charm directory must hold metadata.yaml; {@code dispatch} when it exists (it must be
 * executable), else {@code hooks/<name>} or {@code actions/<name>}; neither means the hook is
 * skipped (and an action is "not implemented"). The process starts in the charm directory with
 * exactly the environment given, stdin from /dev/null, and is killed (with its children) at the
 * timeout.
 *
 * <pre>{@code
 * HookRunner.Result r = new HookRunner(Duration.ofMinutes(5)).run(charmDir, hook, env, outputFile);
 * r.exit();   // 0 on success
 * }</pre>
 */
final class HookRunner {
    // ProcessBuilder here, not lib/process: a hook's stdout and stderr must reach its log in the
    // order the hook wrote them (debug-log), which needs the OS-level 2>&1 of redirectErrorStream.
    // Commons Exec pumps the two streams on two threads; running hooks through it reordered
    // "stdout line, stderr line" in HookRunnerTest once in two full builds (2026-12-05).
    private final Duration timeout;
    /** The hook processes running now, so that a stopping command can end them. */
    private final java.util.Set<Process> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    HookRunner(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * @param exit the exit code (0 for a skipped hook)
     * @param output every line the process printed, stdout and stderr interleaved
     * @param failure why it failed, in Juju's words ("exit status 1"), or "" on success
     * @param skipped whether there was nothing to run
     * @param interrupted whether the command stopped it ({@link #stopAll}) before it ended
     */
    record Result(int exit, List<String> output, String failure, boolean skipped, boolean interrupted) {
        Result(int exit, List<String> output, String failure, boolean skipped) {
            this(exit, output, failure, skipped, false);
        }
    }

    /** Kills every running hook (with its children) and runs no more: the command is being stopped. */
    void stopAll() {
        stopping = true;
        running.forEach(HookRunner::kill);
    }

    static final String INTERRUPTED = "interrupted: the command was stopped (SIGINT/SIGTERM) while it ran";

    Result run(Path charmDir, HookSpec hook, Map<String, String> env, Path outputFile) {
        if (!Files.isRegularFile(charmDir.resolve("metadata.yaml")) && !Files.isRegularFile(charmDir.resolve("charmcraft.yaml"))) {
            return new Result(1, List.of(), "charm missing from disk (" + charmDir + " has no metadata.yaml)", false);
        }
        Path dispatch = charmDir.resolve("dispatch");
        Path handler;
        if (Files.exists(dispatch)) {
            if (!Files.isExecutable(dispatch)) {
                return new Result(1, List.of(), "fork/exec " + dispatch + ": permission denied (dispatch must be mode 0755)", false);
            }
            handler = dispatch;
        } else {
            handler = charmDir.resolve(hook.action() ? "actions" : "hooks").resolve(hook.name());
            if (!Files.isExecutable(handler)) {
                return hook.action()
                        ? new Result(1, List.of(), "action not implemented on unit", false)
                        : new Result(0, List.of(), "", true);
            }
        }
        ProcessBuilder pb = new ProcessBuilder(handler.toString()).directory(charmDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectErrorStream(true);
        pb.redirectOutput(outputFile.toFile());
        Process p;
        try {
            Files.createDirectories(outputFile.getParent());
            if (stopping) {
                return new Result(1, List.of(), INTERRUPTED, false, true);
            }
            p = pb.start();
            running.add(p);
        } catch (IOException e) {
            return new Result(1, List.of(), "fork/exec " + handler + ": " + e.getMessage(), false);
        }
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(p);
            return new Result(1, output(outputFile), INTERRUPTED, false, true);
        } finally {
            running.remove(p);
        }
        if (stopping) {
            kill(p); // started just as stopAll ran
            return new Result(1, output(outputFile), INTERRUPTED, false, true);
        }
        if (!finished) {
            kill(p);
            return new Result(1, output(outputFile), "hook did not finish within " + timeout.toSeconds() + " s and was killed", false);
        }
        int exit = p.exitValue();
        return new Result(exit, output(outputFile), exit == 0 ? "" : "exit status " + exit, false);
    }

    /** Kills the process and everything it started (a JVM hook may have children of its own), and waits for them. */
    private static void kill(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
            for (ProcessHandle c : children) {
                c.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // a child that outlives SIGKILL for 5 s is the kernel's to end; the hook is over for us
        }
    }

    private static List<String> output(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return List.of();
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            return lines;
        } catch (IOException e) {
            return List.of("(cannot read the hook's output from " + file + ": " + e.getMessage() + ")");
        }
    }
}
