package io.jcharm.process;

import java.util.List;

/**
 * A process could not be run, or ran but its exit code was lost; the subclasses say when the
 * program was not found or the timeout killed it. Keeps argv and whatever stderr was read.
 *
 * <pre>{@code
 * try { runner.run(cmd); } catch (ProcessTimeoutException e) { ... } catch (ProcessException e) { ... }
 * }</pre>
 */
public class ProcessException extends RuntimeException {
    private final List<String> argv;
    private final String stderr;

    public ProcessException(List<String> argv, String stderr, String message, Throwable cause) {
        super(message, cause);
        this.argv = List.copyOf(argv);
        this.stderr = stderr == null ? "" : stderr;
    }

    /** The argv that was run. */
    public List<String> argv() {
        return argv;
    }

    /** What the process wrote on stderr before it failed (empty when output went to a file). */
    public String stderr() {
        return stderr;
    }
}
