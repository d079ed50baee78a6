package io.jcharm.pebble;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A Pebble notice ({@code custom}, {@code change-update} or {@code warning}); Juju turns custom
 * notices into {@code <container>-pebble-custom-notice} events.
 *
 * <pre>{@code
 * List<Notice> custom = client.notices(NoticeQuery.all().withTypes("custom"));
 * }</pre>
 */
public record Notice(
        String id,
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("user-id") Integer userId,
        String type,
        String key,
        @JsonProperty("first-occurred") Instant firstOccurred,
        @JsonProperty("last-occurred") Instant lastOccurred,
        @JsonProperty("last-repeated") Instant lastRepeated,
        int occurrences,
        @JsonProperty("last-data") Map<String, String> lastData,
        @JsonProperty("repeat-after") Duration repeatAfter,
        @JsonProperty("expire-after") Duration expireAfter) {

    /** Normalises missing data to an empty map. */
    public Notice {
        lastData = lastData == null ? Map.of() : Map.copyOf(lastData);
    }
}
