package io.jcharm.pebble.layer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A check's level: {@code alive} checks feed liveness, {@code ready} checks readiness (ready implies alive in /v1/health).
 *
 * <pre>{@code
 * Check.builder().level(CheckLevel.READY);
 * }</pre>
 */
public enum CheckLevel {
    ALIVE("alive"),
    READY("ready");

    private final String value;

    CheckLevel(String value) {
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
    public static CheckLevel of(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (CheckLevel candidate : values()) {
            if (candidate.value.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("invalid check level \"" + value + "\": use one of alive, ready");
    }

    @Override
    public String toString() {
        return value;
    }
}
