package io.jcharm.pebble.emulator;

/**
 * The simulated status of a check, as {@code GET /v1/checks} reports it; {@code DOWN} makes
 * {@code /v1/health} answer 502 for the check's level.
 *
 * <pre>{@code
 * emulator.setCheckStatus("ready", CheckState.DOWN);
 * }</pre>
 */
public enum CheckState {
    UP("up"),
    DOWN("down"),
    INACTIVE("inactive");

    private final String value;

    CheckState(String value) {
        this.value = value;
    }

    /** Pebble's word for it. */
    public String value() {
        return value;
    }
}
