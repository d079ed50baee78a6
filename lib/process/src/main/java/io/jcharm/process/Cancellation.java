package io.jcharm.process;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A handle that stops commands from another thread: {@link #cancel()} kills every running
 * command given this handle (with everything it started), and any command run with it later
 * ends at once without starting; their {@code run} ends in a {@link ProcessCancelledException}.
 * One handle may serve many commands, so a whole batch (a model's hooks) stops with one call.
 *
 * <pre>{@code
 * Cancellation stop = new Cancellation();
 * // on SIGINT, from a shutdown hook: stop.cancel();
 * runner.run(Command.of(List.of("./dispatch")).env(env).cancelledBy(stop));
 * }</pre>
 */
public final class Cancellation {
    private final Set<TreeKillingWatchdog> running = new HashSet<>();
    private boolean cancelled;

    /** Kills the running commands and their descendants, and refuses to start any more; idempotent. */
    public void cancel() {
        List<TreeKillingWatchdog> now;
        synchronized (this) {
            cancelled = true;
            now = new ArrayList<>(running);
        }
        // Outside the lock: a watchdog being started holds its own lock while it asks attach().
        now.forEach(TreeKillingWatchdog::cancel);
    }

    /** Whether {@link #cancel()} was called. */
    public synchronized boolean cancelled() {
        return cancelled;
    }

    /** Registers a started process; false when already cancelled (the caller kills it at once). */
    synchronized boolean attach(TreeKillingWatchdog w) {
        if (cancelled) {
            return false;
        }
        running.add(w);
        return true;
    }

    synchronized void detach(TreeKillingWatchdog w) {
        running.remove(w);
    }
}
