package io.jcharm.kubernetes.slf4j;

import io.jcharm.core.Log;
import io.jcharm.core.tools.LogLevel;
import java.io.PrintStream;

/**
 * Where SLF4J records go: the hook's {@link Log} (juju-log, secrets redacted) once a hook has
 * attached it; before that (no hook context), warnings and errors go to stderr, which Juju also
 * records, and the rest is dropped.
 *
 * <pre>{@code
 * JujuLogSink.attach(model.log());
 * }</pre>
 */
public final class JujuLogSink {
    private static volatile Log log;
    private static final PrintStream STDERR = System.err;

    private JujuLogSink() {
    }

    /** Sends SLF4J records to this hook's juju-log from now on. */
    public static void attach(Log hookLog) {
        log = hookLog;
    }

    /**
     * Stops sending records to {@code hookLog} (at hook end): in a warm runtime the next hook
     * must not log through this one's juju-log.
     */
    public static void detach(Log hookLog) {
        if (log == hookLog) {
            log = null;
        }
    }

    static void write(LogLevel level, String logger, String message) {
        Log l = log;
        String text = logger + ": " + message;
        if (l != null) {
            l.log(level, text);
        } else if (level.compareTo(LogLevel.WARNING) >= 0) {
            STDERR.println(level + " " + text);
        }
    }
}
