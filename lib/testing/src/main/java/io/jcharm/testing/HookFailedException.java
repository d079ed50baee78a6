package io.jcharm.testing;

import java.util.List;

/**
 * The hook exited non-zero (an unexpected exception in the charm): Juju would mark the unit in
 * error and retry.
 *
 * <pre>{@code
 * HookFailedException e = assertThrows(HookFailedException.class, () -> ctx.run(Events.install(), state));
 * assertTrue(e.logs().stream().anyMatch(l -> l.contains("boom")));
 * }</pre>
 */
public class HookFailedException extends RuntimeException {
    private final transient List<String> logs;

    public HookFailedException(String hook, List<String> logs, String stderr) {
        super("hook " + hook + " failed; juju-log:\n  " + String.join("\n  ", logs)
                + (stderr.isBlank() ? "" : "\nstderr:\n" + stderr));
        this.logs = List.copyOf(logs);
    }

    /** The juju-log lines the hook wrote before failing. */
    public List<String> logs() {
        return logs;
    }
}
