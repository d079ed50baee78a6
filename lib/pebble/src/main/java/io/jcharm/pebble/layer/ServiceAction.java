package io.jcharm.pebble.layer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What Pebble does when a service exits or one of its checks fails ({@code on-success}, {@code on-failure}, {@code on-check-failure}).
 *
 * <pre>{@code
 * Service.builder().onCheckFailure("ready", ServiceAction.RESTART);
 * }</pre>
 */
public enum ServiceAction {
    RESTART("restart"),
    SHUTDOWN("shutdown"),
    FAILURE_SHUTDOWN("failure-shutdown"),
    SUCCESS_SHUTDOWN("success-shutdown"),
    IGNORE("ignore");

    private final String value;

    ServiceAction(String value) {
        this.value = value;
    }

    /** The word Pebble uses on the wire. */
    @JsonValue
    public String value() {
        return value;
    }

    /**
     * The constant for Pebble's word, or null for an empty or missing value.
     *
     * @throws IllegalArgumentException naming the accepted words
     */
    @JsonCreator
    public static ServiceAction of(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (ServiceAction candidate : values()) {
            if (candidate.value.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("invalid service action \"" + value + "\": use one of restart, shutdown, failure-shutdown, success-shutdown, ignore");
    }

    @Override
    public String toString() {
        return value;
    }
}
