package io.jcharm.core.tools;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A hook tool failed: keeps the command line, exit code and stderr (never secret values). The
 * failures a charm reacts to are subclasses, chosen by {@link #of} from Juju's texts.
 *
 * <pre>{@code
 * try { tools.relationList(ref); }
 * catch (HookToolException e) { log(e.command() + " exited " + e.exitCode() + ": " + e.stderr()); }
 * }</pre>
 */
public class HookToolException extends RuntimeException {
    /** The tools that act on one named secret. */
    private static final Set<String> SECRET_TOOLS = Set.of("secret-get", "secret-info-get", "secret-set",
            "secret-grant", "secret-revoke", "secret-remove");

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

    /**
     * The exception for a tool that did not finish within {@code timeout} and was killed (the
     * process runner's and lib/testing's injected timeouts say the same).
     */
    public static HookToolException timedOut(List<String> command, java.time.Duration timeout) {
        return new HookToolException(command, -1, "", String.join(" ", command) + " did not finish within "
                + timeout.toMillis() + " ms and was killed: is this running inside a Juju hook, with"
                + " JUJU_AGENT_SOCKET_ADDRESS reachable? A busy controller may need a longer timeout");
    }

    /**
     * The exception for a failed tool, the way Juju's messages allow callers to branch:
     * {@link RelationNotFoundException}, {@link SecretNotFoundException},
     * {@link SecretPermissionDeniedException}, else a plain HookToolException. Every
     * {@link HookTools} implementation maps failures through here.
     */
    public static HookToolException of(List<String> command, int exitCode, String stderr) {
        String tool = command.get(0);
        String err = stderr == null ? "" : stderr;
        if ((tool.startsWith("relation-") || tool.startsWith("network-"))
                && err.toLowerCase(Locale.ROOT).contains("relation not found")) {
            return new RelationNotFoundException(command, exitCode, err);
        }
        if (tool.startsWith("secret-") && err.contains("not found")) {
            return new SecretNotFoundException(command, exitCode, err);
        }
        // Only tools that name one secret: a refusal there is about that secret's grant or owner.
        if (SECRET_TOOLS.contains(tool) && err.toLowerCase(Locale.ROOT).contains("permission denied")) {
            return new SecretPermissionDeniedException(command, exitCode, err);
        }
        return new HookToolException(command, exitCode, err);
    }
}
