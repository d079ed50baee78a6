package io.jcharm.core;

import java.util.Objects;

/**
 * Thrown by a {@link Component} that cannot proceed; the reconciler records its status and
 * skips the components that depend on it.
 *
 * <pre>{@code
 * if (!model.isLeader()) throw StatusException.waiting("waiting for leadership");
 * }</pre>
 */
public class StatusException extends Exception {
    private final transient Status status;

    public StatusException(Status status) {
        super(Objects.requireNonNull(status, "status").name() + ": " + status.message());
        if (!status.settable() || status instanceof Status.Active) {
            throw new IllegalArgumentException("a component can only stop with blocked, waiting or maintenance, not "
                    + status.name());
        }
        this.status = status;
    }

    public StatusException(Status status, Throwable cause) {
        this(status);
        initCause(cause);
    }

    /** The status the component reports. */
    public Status status() {
        return status;
    }

    public static StatusException blocked(String message) {
        return new StatusException(Status.blocked(message));
    }

    public static StatusException waiting(String message) {
        return new StatusException(Status.waiting(message));
    }

    public static StatusException maintenance(String message) {
        return new StatusException(Status.maintenance(message));
    }
}
