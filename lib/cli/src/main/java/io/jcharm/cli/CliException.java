package io.jcharm.cli;

/**
 * A failure to report to the user: a message, what to do about it, and the exit code.
 *
 * <pre>{@code
 * throw CliException.user("bundle bundles/x not found", "give a bundle file or directory");
 * }</pre>
 */
public class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;
    private final String hint;

    public CliException(int exitCode, String message, String hint) {
        super(message);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    public static CliException user(String message, String hint) {
        return new CliException(ExitCodes.USER, message, hint);
    }

    public static CliException external(String message, String hint) {
        return new CliException(ExitCodes.EXTERNAL, message, hint);
    }

    public int exitCode() {
        return exitCode;
    }

    public String hint() {
        return hint;
    }
}
