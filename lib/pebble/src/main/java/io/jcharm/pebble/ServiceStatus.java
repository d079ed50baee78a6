package io.jcharm.pebble;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A service's {@code current} state in {@code GET /v1/services}; states a newer Pebble adds
 * read as {@link #UNKNOWN}.
 *
 * <pre>{@code
 * boolean up = client.services(List.of("mlflow")).get(0).current() == ServiceStatus.ACTIVE;
 * }</pre>
 */
public enum ServiceStatus {
    ACTIVE("active"),
    INACTIVE("inactive"),
    BACKOFF("backoff"),
    ERROR("error"),
    UNKNOWN("unknown");

    private final String value;

    ServiceStatus(String value) {
        this.value = value;
    }

    /** The word Pebble uses on the wire. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The constant for Pebble's word; unrecognised words give {@link #UNKNOWN}. */
    @JsonCreator
    public static ServiceStatus of(String value) {
        for (ServiceStatus candidate : values()) {
            if (candidate.value.equals(value)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }
}
