package io.jcharm.core;

import java.util.Locale;

/**
 * A Juju workload status: the four a charm may set, plus the two only Juju sets.
 *
 * <pre>{@code
 * Status s = Status.blocked("invalid config port: must be 1-65535");
 * s.name();      // "blocked"
 * s.priority();  // 4, worse than waiting (2)
 * }</pre>
 */
public sealed interface Status {

    /** The message shown next to the status; never null. */
    String message();

    /** Juju's status name ({@code active}, {@code blocked}, ...). */
    default String name() {
        return getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /**
     * Severity used to pick the worst status: error 5, blocked 4, maintenance 3, waiting 2,
     * active 1, unknown 0 (the order ops uses, so mixed fleets read the same).
     */
    int priority();

    /** Whether a charm may set this status with status-set. */
    default boolean settable() {
        return priority() >= 1 && priority() <= 4;
    }

    /** Returns the same status with {@code prefix} before its message. */
    Status withPrefix(String prefix);

    static Status active(String message) { return new Active(message); }
    static Status active() { return new Active(""); }
    static Status blocked(String message) { return new Blocked(message); }
    static Status waiting(String message) { return new Waiting(message); }
    static Status maintenance(String message) { return new Maintenance(message); }

    /**
     * Parses a status name as status-get prints it.
     *
     * @throws IllegalArgumentException for a name Juju does not know
     */
    static Status of(String name, String message) {
        String m = message == null ? "" : message;
        return switch (name) {
            case "active" -> new Active(m);
            case "blocked" -> new Blocked(m);
            case "waiting" -> new Waiting(m);
            case "maintenance" -> new Maintenance(m);
            case "error" -> new Error(m);
            case "unknown", "" -> new Unknown(m);
            default -> throw new IllegalArgumentException("unknown status \"" + name
                    + "\": expected active, blocked, waiting, maintenance, error or unknown");
        };
    }

    /** Ready and serving. */
    record Active(String message) implements Status {
        public Active { message = message == null ? "" : message; }
        public int priority() { return 1; }
        public Status withPrefix(String p) { return new Active(p + message); }
    }

    /** Needs a human: bad config, a missing relation, missing trust. */
    record Blocked(String message) implements Status {
        public Blocked { message = message == null ? "" : message; }
        public int priority() { return 4; }
        public Status withPrefix(String p) { return new Blocked(p + message); }
    }

    /** Waiting for something that will happen by itself: a relation's data, a pod. */
    record Waiting(String message) implements Status {
        public Waiting { message = message == null ? "" : message; }
        public int priority() { return 2; }
        public Status withPrefix(String p) { return new Waiting(p + message); }
    }

    /** The charm is doing work (installing, upgrading). */
    record Maintenance(String message) implements Status {
        public Maintenance { message = message == null ? "" : message; }
        public int priority() { return 3; }
        public Status withPrefix(String p) { return new Maintenance(p + message); }
    }

    /** Set by Juju when a hook failed; a charm cannot set it. */
    record Error(String message) implements Status {
        public Error { message = message == null ? "" : message; }
        public int priority() { return 5; }
        public Status withPrefix(String p) { return new Error(p + message); }
    }

    /** Nothing set yet; a charm cannot set it. */
    record Unknown(String message) implements Status {
        public Unknown { message = message == null ? "" : message; }
        public int priority() { return 0; }
        public Status withPrefix(String p) { return new Unknown(p + message); }
    }
}
