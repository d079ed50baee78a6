package io.jcharm.process;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.Watchdog;

/**
 * Commons Exec's watchdog, also killing the process's descendants at the timeout or when its
 * {@link Cancellation} is cancelled: a dispatch script's JVM or a hook's own children must not
 * outlive a killed hook.
 */
final class TreeKillingWatchdog extends ExecuteWatchdog {
    /** How long to wait for killed processes to be gone before reporting them killed. */
    private static final long KILL_WAIT_SECONDS = 5;

    private final Cancellation cancellation;
    private Process process;
    private boolean cancelled;
    private final List<ProcessHandle> killed = new ArrayList<>();

    @SuppressWarnings("deprecation") // the Builder cannot make a subclass; this constructor is the same watchdog
    TreeKillingWatchdog(java.time.Duration timeout, Cancellation cancellation) {
        super(timeout.toMillis());
        this.cancellation = cancellation;
    }

    @Override
    public synchronized void start(Process p) {
        this.process = p;
        super.start(p);
        if (cancellation != null && !cancellation.attach(this)) {
            cancel(); // cancelled between run()'s check and the fork
        }
    }

    @Override
    public synchronized void timeoutOccured(Watchdog w) {
        // Listed before the parent dies (and orphans them), killed after: killing them first could
        // let the parent exit on its own, and the watchdog would then not report the timeout.
        List<ProcessHandle> descendants = process == null ? List.of() : process.descendants().toList();
        super.timeoutOccured(w);
        descendants.forEach(ProcessHandle::destroyForcibly);
        killed.addAll(descendants);
    }

    /** Kills the process and its descendants now, and remembers that it was a cancel, not a timeout. */
    synchronized void cancel() {
        if (process == null || cancelled) {
            return;
        }
        cancelled = true;
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        killed.add(process.toHandle());
        killed.addAll(descendants);
    }

    /** Whether Commons Exec handed over a started process (false when the fork failed). */
    synchronized boolean started() {
        return process != null;
    }

    synchronized boolean cancelled() {
        return cancelled;
    }

    /** Stops following the cancellation once the process is over. */
    void finished() {
        if (cancellation != null) {
            cancellation.detach(this);
        }
    }

    /** Waits (boundedly) until every process this watchdog killed is gone, so a caller never sees them alive. */
    void awaitKilled() {
        List<ProcessHandle> handles;
        synchronized (this) {
            handles = List.copyOf(killed);
        }
        try {
            for (ProcessHandle h : handles) {
                h.onExit().get(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // one that outlives SIGKILL for 5 s is the kernel's to end; the command is over for us
        }
    }
}
