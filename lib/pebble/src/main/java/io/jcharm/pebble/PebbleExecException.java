package io.jcharm.pebble;

import java.util.List;

/**
 * An exec'd command exited non-zero (thrown by {@link ExecResult#requireSuccess()}).
 *
 * <pre>{@code
 * catch (PebbleExecException e) {
 *     throw new StatusException(Status.blocked("migration failed (exit " + e.exitCode() + ")"));
 * }
 * }</pre>
 */
public final class PebbleExecException extends PebbleException {
    private static final int STDERR_TAIL = 500;
    private final List<String> command;
    private final int exitCode;
    private final String stdout;
    private final String stderr;

    /** An exception for {@code command} exiting with {@code exitCode}. */
    public PebbleExecException(List<String> command, int exitCode, String stdout, String stderr) {
        super("command " + command + " exited with code " + exitCode
                + (stderr.isBlank() ? "" : "; stderr: " + tail(stderr.strip())), null);
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** The argv that ran. */
    public List<String> command() {
        return command;
    }

    /** The exit code. */
    public int exitCode() {
        return exitCode;
    }

    /** Everything the command wrote to stdout. */
    public String stdout() {
        return stdout;
    }

    /** Everything the command wrote to stderr. */
    public String stderr() {
        return stderr;
    }

    private static String tail(String text) {
        return text.length() <= STDERR_TAIL ? text : "..." + text.substring(text.length() - STDERR_TAIL);
    }
}
