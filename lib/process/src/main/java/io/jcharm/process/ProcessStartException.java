package io.jcharm.process;

import java.util.List;

/**
 * The program was found but the operating system would not start it (fork/exec failed: a bad
 * interpreter line, no permission, too many processes); its cause carries the system's reason.
 *
 * <pre>{@code
 * catch (ProcessStartException e) { fail("fork/exec " + e.argv().get(0) + ": " + e.getCause().getMessage()); }
 * }</pre>
 */
public class ProcessStartException extends ProcessException {

    public ProcessStartException(List<String> argv, String message, Throwable cause) {
        super(argv, "", message, cause);
    }
}
