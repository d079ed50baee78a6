package io.jcharm.local;

import io.jcharm.process.Cancellation;
import io.jcharm.process.Command;
import io.jcharm.process.ProcessCancelledException;
import io.jcharm.process.ProcessException;
import io.jcharm.process.ProcessRunner;
import io.jcharm.process.ProcessStartException;
import io.jcharm.process.ProcessTimeoutException;
import io.jcharm.process.ProgramNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one hook or action as Juju's uniter does (reference juju-formats §1.4): the charm
 * directory must hold metadata.yaml; {@code dispatch} when it exists (it must be executable),
 * else {@code hooks/<name>} or {@code actions/<name>}; neither means the hook is skipped (and an
 * action is "not implemented"). The process starts in the charm directory with exactly the
 * environment given, stdin closed, and is killed (with its children) at the timeout or by
 * {@link #stopAll}; it runs through lib/process's {@link ProcessRunner}.
 *
 * <pre>{@code
 * HookRunner.Result r = new HookRunner(Duration.ofMinutes(5)).run(charmDir, hook, env, outputFile);
 * r.exit();   // 0 on success
 * }</pre>
 */
final class HookRunner {
    private final Duration timeout;
    private final ProcessRunner processes = new ProcessRunner();
    /** Shared by every hook this runner starts, so that a stopping command ends them all with one call. */
    private final Cancellation stop = new Cancellation();

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
        stop.cancel();
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
        Command command = Command.of(List.of(handler.toString())).env(env).in(charmDir).timeout(timeout)
                .outputTo(outputFile).cancelledBy(stop);
        try {
            int exit = processes.run(command).exitCode();
            return new Result(exit, output(outputFile), exit == 0 ? "" : "exit status " + exit, false);
        } catch (ProcessCancelledException e) {
            // Never started: the output file still holds the previous hook's lines, which are not this one's.
            return new Result(1, e.started() ? output(outputFile) : List.of(), INTERRUPTED, false, true);
        } catch (ProcessTimeoutException e) {
            return new Result(1, output(outputFile), "hook did not finish within " + timeout.toSeconds() + " s and was killed", false);
        } catch (ProcessStartException e) {
            // Juju's words for a failed fork, with the system's reason.
            return new Result(1, List.of(), "fork/exec " + handler + ": " + e.getCause().getMessage(), false);
        } catch (ProgramNotFoundException e) {
            // The handler vanished (or lost its mode) between the check above and the fork.
            return new Result(1, List.of(), "fork/exec " + handler + ": no such file or directory", false);
        } catch (ProcessException e) {
            // It ran, but its exit code was lost (a child kept the output open) or the log was not writable.
            return new Result(1, output(outputFile), e.getMessage(), false);
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
