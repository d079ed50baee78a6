package io.jcharm.process;

import java.util.List;

/**
 * The command's {@link Cancellation} was cancelled: the process was killed with everything it
 * started, or never started because the cancel came first. Distinct from a timeout.
 *
 * <pre>{@code
 * catch (ProcessCancelledException e) { return e.started() ? "interrupted" : "not run"; }
 * }</pre>
 */
public class ProcessCancelledException extends ProcessException {
    private final boolean started;

    public ProcessCancelledException(List<String> argv, boolean started, String stderr) {
        super(argv, stderr, "`" + ProcessResult.display(argv) + "` was cancelled "
                + (started ? "while it ran and was killed, with every process it started" : "before it started"), null);
        this.started = started;
    }

    /** Whether the process had started (and was killed) rather than never being run. */
    public boolean started() {
        return started;
    }
}
