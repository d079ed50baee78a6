package io.jcharm.process;

import java.time.Duration;
import java.util.List;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.Watchdog;

/**
 * Commons Exec's watchdog, also killing the process's descendants at the timeout: a dispatch
 * script's JVM or a hook's own children must not outlive a killed hook.
 */
final class TreeKillingWatchdog extends ExecuteWatchdog {
    private Process process;

    @SuppressWarnings("deprecation") // the Builder cannot make a subclass; this constructor is the same watchdog
    TreeKillingWatchdog(Duration timeout) {
        super(timeout.toMillis());
    }

    @Override
    public synchronized void start(Process p) {
        this.process = p;
        super.start(p);
    }

    @Override
    public synchronized void timeoutOccured(Watchdog w) {
        // Listed before the parent dies (and orphans them), killed after: killing them first could
        // let the parent exit on its own, and the watchdog would then not report the timeout.
        List<ProcessHandle> descendants = process == null ? List.of() : process.descendants().toList();
        super.timeoutOccured(w);
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
