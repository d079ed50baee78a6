package io.jcharm.kubernetes.slf4j;

import io.jcharm.core.tools.LogLevel;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One SLF4J logger: INFO and above become juju-log records (WARN as WARNING); DEBUG and TRACE are
 * off, so the client does not even format them (each juju-log call is a process). One record is
 * dropped: fabric8's "unstable version" warning, which it logs once per JVM (so in every hook) for
 * each alpha or beta API it is asked for (PodDefault kubeflow.org/v1alpha1, Istio's
 * v1alpha3/v1beta1 kinds...). The charm names those versions on purpose, because the upstream
 * projects serve nothing else, and a Juju operator can do nothing about it.
 *
 * <pre>{@code
 * new JujuLogLogger("io.fabric8.kubernetes.client.Config").warn("x");   // juju-log --log-level WARNING
 * }</pre>
 */
final class JujuLogLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    /** The logger and pattern of fabric8's warning (kubernetes-client-api 8.0, VersionUsageUtils.alert). */
    static final String UNSTABLE_VERSION_LOGGER = "io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils";
    static final String UNSTABLE_VERSION_PATTERN = "The client is using resource type '{}' with unstable version '{}'";

    JujuLogLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
        if (UNSTABLE_VERSION_LOGGER.equals(name) && UNSTABLE_VERSION_PATTERN.equals(pattern)) {
            return; // noise to a Juju operator: see the class comment
        }
        String message = MessageFormatter.basicArrayFormat(pattern, args);
        if (t != null) {
            message = message + ": " + t;
        }
        JujuLogSink.write(switch (level) {
            case ERROR -> LogLevel.ERROR;
            case WARN -> LogLevel.WARNING;
            case INFO -> LogLevel.INFO;
            case DEBUG -> LogLevel.DEBUG;
            case TRACE -> LogLevel.TRACE;
        }, name, message);
    }
}
