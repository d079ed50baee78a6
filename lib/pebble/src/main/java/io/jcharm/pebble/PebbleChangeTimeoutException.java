package io.jcharm.pebble;

import io.jcharm.yaml.GoDurations;
import java.time.Duration;

/**
 * A change was not ready when our deadline passed; Pebble may still finish it.
 *
 * <pre>{@code
 * catch (PebbleChangeTimeoutException e) {
 *     throw new StatusException(Status.waiting("still starting (change " + e.changeId() + ")"));
 * }
 * }</pre>
 */
public final class PebbleChangeTimeoutException extends PebbleException {
    private final String changeId;
    private final Duration timeout;

    /**
     * @param lastStatus the change's status when we gave up, or null when unknown
     */
    public PebbleChangeTimeoutException(String changeId, String summary, String lastStatus, Duration timeout) {
        super("timed out after " + GoDurations.format(timeout) + " waiting for Pebble change " + changeId
                + (summary == null ? "" : " (" + summary + ")")
                + (lastStatus == null ? "" : ", last status " + lastStatus)
                + "; Pebble may still complete it: check `pebble changes` in the container or allow a longer timeout",
                null);
        this.changeId = changeId;
        this.timeout = timeout;
    }

    /** The change we waited for. */
    public String changeId() {
        return changeId;
    }

    /** How long we waited. */
    public Duration timeout() {
        return timeout;
    }
}
