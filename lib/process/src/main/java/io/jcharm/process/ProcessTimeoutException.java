package io.jcharm.process;

import java.time.Duration;
import java.util.List;

/**
 * The timeout killed the process and everything it started.
 *
 * <pre>{@code
 * catch (ProcessTimeoutException e) { log("gave up after " + e.timeout()); }
 * }</pre>
 */
public class ProcessTimeoutException extends ProcessException {
    private final Duration timeout;

    public ProcessTimeoutException(List<String> argv, Duration timeout, String stderr) {
        super(argv, stderr, "`" + ProcessResult.display(argv) + "` did not finish within " + timeout.toSeconds() + " s ("
                + timeout.toMillis() + " ms) and was killed", null);
        this.timeout = timeout;
    }

    /** How long it was allowed to run. */
    public Duration timeout() {
        return timeout;
    }
}
