package io.jcharm.core.tools;

/**
 * juju-log levels, named as Juju's {@code --log-level} takes them.
 *
 * <pre>{@code
 * tools.jujuLog(LogLevel.WARNING, "config option x is deprecated");
 * }</pre>
 */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL
}
