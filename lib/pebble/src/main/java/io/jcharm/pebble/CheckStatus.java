package io.jcharm.pebble;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A check's {@code status} in {@code GET /v1/checks}: {@code up}, {@code down} (failures reached
 * the threshold) or {@code inactive} (stopped); other words read as {@link #UNKNOWN}.
 *
 * <pre>{@code
 * boolean down = client.checks().stream().anyMatch(c -> c.status() == CheckStatus.DOWN);
 * }</pre>
 */
public enum CheckStatus {
    UP("up"),
    DOWN("down"),
    INACTIVE("inactive"),
    UNKNOWN("unknown");

    private final String value;

    CheckStatus(String value) {
        this.value = value;
    }

    /** The word Pebble uses on the wire. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The constant for Pebble's word; unrecognised words give {@link #UNKNOWN}. */
    @JsonCreator
    public static CheckStatus of(String value) {
        for (CheckStatus candidate : values()) {
            if (candidate.value.equals(value)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }
}
