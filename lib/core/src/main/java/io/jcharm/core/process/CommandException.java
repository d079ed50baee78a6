package io.jcharm.core.process;

import io.jcharm.process.ProcessResult;
import java.time.Duration;
import java.util.List;

/**
 * A command could not be run, was killed by its timeout, or exited non-zero; keeps argv, exit
 * code and stderr, and its message says what failed and what to check.
 *
 * <pre>{@code
 * try { commands.check(List.of("microk8s", "enable", "dns"), Duration.ofMinutes(5)); }
 * catch (CommandException e) { model.log().error(e.getMessage()); throw e; }  // hook fails, Juju retries
 * }</pre>
 */
public class CommandException extends RuntimeException {
    /** Longest stderr quoted in a message: enough for the error, not a whole trace. */
    private static final int MAX_QUOTED = 2000;

    private final List<String> argv;
    private final int exitCode;
    private final String stderr;

    public CommandException(List<String> argv, int exitCode, String stderr, String message) {
        super(message);
        this.argv = List.copyOf(argv);
        this.exitCode = exitCode;
        this.stderr = stderr == null ? "" : stderr;
    }

    /** The argv that was run. */
    public List<String> argv() {
        return argv;
    }

    /** The exit code, or -1 when the command could not start or was killed by the timeout. */
    public int exitCode() {
        return exitCode;
    }

    /** What the command wrote on stderr. */
    public String stderr() {
        return stderr;
    }

    /** A command that ran and exited non-zero. */
    static CommandException failed(CommandResult r) {
        String err = r.stderr().strip();
        if (err.isEmpty()) {
            err = "(nothing on stderr)";
        } else if (err.length() > MAX_QUOTED) {
            err = err.substring(0, MAX_QUOTED) + " ...";
        }
        return new CommandException(r.argv(), r.exitCode(), r.stderr(), "command `" + display(r.argv())
                + "` failed with exit code " + r.exitCode() + ": " + err
                + "; check that error on the machine (juju ssh), for example by running the command by hand");
    }

    /** A command killed by its watchdog. */
    static CommandException timedOut(List<String> argv, Duration timeout, String stderr) {
        return new CommandException(argv, -1, stderr, "command `" + display(argv) + "` did not finish within "
                + timeout.toSeconds() + " s (" + timeout.toMillis() + " ms) and was killed; check whether the machine"
                + " is overloaded or the command waits for the network, then let Juju retry the hook");
    }

    /** Shell-like rendering for messages; never executed. */
    static String display(List<String> argv) {
        return ProcessResult.display(argv);
    }
}
