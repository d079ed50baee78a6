package io.jcharm.cli;

/**
 * The process exit codes of {@code jcharm}, shown in every command's {@code --help}.
 *
 * <pre>{@code
 * throw new CliException(ExitCodes.EXTERNAL, "juju deploy failed", "check juju status");
 * }</pre>
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** Verification failed, bad input, or an internal error (printed with a stack trace). */
    public static final int USER = 1;
    /** Unknown option, missing argument: picocli's usage error. */
    public static final int USAGE = 2;
    /** An external tool (juju, mvn) failed, or the model did not settle in time. */
    public static final int EXTERNAL = 3;
    /** Stopped by SIGINT or SIGTERM (128 + 2, as a shell reports Ctrl-C); the model saved what was committed. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
