package io.jcharm.pebble.layer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether a service starts on replan/autostart, or a check runs when the plan changes (Pebble's {@code startup}).
 *
 * <pre>{@code
 * Service.builder().startup(Startup.ENABLED);
 * }</pre>
 */
public enum Startup {
    ENABLED("enabled"),
    DISABLED("disabled");

    private final String value;

    Startup(String value) {
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
    public static Startup of(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (Startup candidate : values()) {
            if (candidate.value.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("invalid startup \"" + value + "\": use one of enabled, disabled");
    }

    @Override
    public String toString() {
        return value;
    }
}
