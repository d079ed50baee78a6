package io.jcharm.pebble.layer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a layer's entry combines with the same entry in earlier layers (Pebble's {@code override}).
 *
 * <pre>{@code
 * Service s = Service.builder().override(OverrideMode.REPLACE).command("sleep 1").build();
 * }</pre>
 */
public enum OverrideMode {
    MERGE("merge"),
    REPLACE("replace");

    private final String value;

    OverrideMode(String value) {
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
    public static OverrideMode of(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (OverrideMode candidate : values()) {
            if (candidate.value.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("invalid override mode \"" + value + "\": use one of merge, replace");
    }

    @Override
    public String toString() {
        return value;
    }
}
