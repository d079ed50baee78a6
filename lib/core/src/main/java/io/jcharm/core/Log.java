package io.jcharm.core;

import io.jcharm.core.tools.HookTools;
import io.jcharm.core.tools.LogLevel;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Logs through juju-log (seen in {@code juju debug-log}), redacting every secret value the hook
 * has read or written; a failing juju-log falls back to stderr and never recurses.
 *
 * <pre>{@code
 * model.log().info("applied " + n + " Kubernetes objects");
 * }</pre>
 */
public final class Log {
    private static final int MIN_SECRET_LENGTH = 4; // shorter values would redact ordinary words
    private final HookTools tools;
    private final PrintStream stderr;
    private final boolean debugToStderr;
    private final Set<String> secrets = new TreeSet<>((a, b) -> b.length() != a.length() ? b.length() - a.length() : a.compareTo(b));

    Log(HookTools tools, PrintStream stderr, boolean debugToStderr) {
        this.tools = tools;
        this.stderr = stderr;
        this.debugToStderr = debugToStderr;
    }

    public void debug(String message) { log(LogLevel.DEBUG, message); }
    public void info(String message) { log(LogLevel.INFO, message); }
    public void warning(String message) { log(LogLevel.WARNING, message); }
    public void error(String message) { log(LogLevel.ERROR, message); }

    /** Logs at a level; secret values are replaced by {@code ***}. */
    public void log(LogLevel level, String message) {
        String text = redact(message);
        if (debugToStderr) {
            stderr.println(level + " " + text);
        }
        try {
            tools.jujuLog(level, text);
        } catch (RuntimeException e) {
            // Never log about logging: that is how loggers recurse. stderr reaches Juju's log too.
            stderr.println(level + " " + text + " (juju-log failed: " + redact(String.valueOf(e.getMessage())) + ")");
        }
    }

    /**
     * Logs an error that makes the hook fail both through juju-log and on stderr, so that it is
     * seen even where juju-log does not work (outside a hook, or a broken agent socket).
     */
    void fatal(String message) {
        log(LogLevel.ERROR, message);
        if (!debugToStderr) {
            stderr.println("ERROR " + redact(message));
        }
    }

    /** Replaces every known secret value in {@code text}. */
    public String redact(String text) {
        String out = text == null ? "" : text;
        for (String s : secrets) {
            out = out.replace(s, "***");
        }
        return out;
    }

    void addSecrets(Collection<String> values) {
        for (String v : values) {
            if (v != null && v.length() >= MIN_SECRET_LENGTH) {
                secrets.add(v);
            }
        }
    }
}
