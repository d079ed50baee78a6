package io.jcharm.core.process;

import java.time.Duration;
import java.util.List;

/**
 * Runs machine commands as argv arrays, each bounded by a timeout; a non-zero exit is a result,
 * not an exception, so callers decide what it means.
 *
 * <pre>{@code
 * Commands commands = new ExecCommands(model.environment());
 * CommandResult r = commands.run(List.of("snap", "list", "microk8s"), Duration.ofSeconds(30));
 * if (r.ok()) { ... } else { ... }                   // exit 1: not installed
 * commands.check(List.of("snap", "install", "microk8s", "--classic"), Duration.ofMinutes(10));
 * }</pre>
 */
public interface Commands {

    /**
     * Runs {@code argv} (argv[0] looked up on PATH unless it contains a slash) with stdin closed.
     *
     * @return the exit code and what the command printed, whatever the exit code
     * @throws CommandNotFoundException when the program is not on PATH
     * @throws CommandException when the command cannot be started or is killed by the timeout
     */
    CommandResult run(List<String> argv, Duration timeout);

    /**
     * As {@link #run(List, Duration)}, feeding {@code stdin} to the command (for input that must
     * not appear on argv, such as a password).
     */
    CommandResult run(List<String> argv, byte[] stdin, Duration timeout);

    /**
     * Runs {@code argv} and requires exit code 0.
     *
     * @throws CommandException with argv, exit code and stderr when it fails
     */
    default CommandResult check(List<String> argv, Duration timeout) {
        return run(argv, timeout).orThrow();
    }
}
