package io.jcharm.core.tools;

import java.util.List;

/**
 * A hook tool failed: keeps the command line, exit code and stderr (never secret values).
 *
 * <pre>{@code
 * try { tools.relationList(ref); }
 * catch (HookToolException e) { log(e.command() + " exited " + e.exitCode() + ": " + e.stderr()); }
 * }</pre>
 */
public class HookToolException extends RuntimeException {
    private final List<String> command;
    private final int exitCode;
    private final String stderr;

    public HookToolException(List<String> command, int exitCode, String stderr, String message) {
        super(message);
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.stderr = stderr == null ? "" : stderr;
    }

    public HookToolException(List<String> command, int exitCode, String stderr) {
        this(command, exitCode, stderr, String.join(" ", command) + " failed (exit " + exitCode + "): "
                + (stderr == null ? "" : stderr.strip()));
    }

    /** The argv run (secret values are in files, so this is safe to log). */
    public List<String> command() { return command; }

    /** The tool's exit code, or -1 when it could not be started or timed out. */
    public int exitCode() { return exitCode; }

    /** What the tool wrote on stderr. */
    public String stderr() { return stderr; }
}
