package io.jcharm.pebble;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jcharm.pebble.layer.CheckLevel;
import io.jcharm.pebble.layer.Startup;

/**
 * One entry of {@code GET /v1/checks}.
 *
 * <pre>{@code
 * CheckInfo ready = client.checks(CheckLevel.READY, List.of()).get(0);
 * boolean up = ready.status() == CheckStatus.UP;
 * }</pre>
 */
public record CheckInfo(
        String name,
        CheckLevel level,
        Startup startup,
        CheckStatus status,
        int successes,
        int failures,
        int threshold,
        @JsonProperty("change-id") String changeId,
        @JsonProperty("prev-change-id") String prevChangeId) {
}
