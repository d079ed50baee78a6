package io.jcharm.pebble;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One task of a Pebble change; exec tasks carry {@code data["exit-code"]}.
 *
 * <pre>{@code
 * List<String> log = change.tasks().get(0).log();
 * }</pre>
 */
public record Task(
        String id,
        String kind,
        String summary,
        String status,
        List<String> log,
        TaskProgress progress,
        @JsonProperty("spawn-time") Instant spawnTime,
        @JsonProperty("ready-time") Instant readyTime,
        Map<String, Object> data) {

    /** Normalises missing lists and maps to empty ones. */
    public Task {
        log = log == null ? List.of() : List.copyOf(log);
        data = data == null ? Map.of() : data;
    }
}
