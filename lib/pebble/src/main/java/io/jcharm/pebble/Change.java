package io.jcharm.pebble;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Pebble change: the asynchronous work behind service actions and exec, with its tasks.
 *
 * <pre>{@code
 * Change change = client.waitChange("5", Duration.ofSeconds(10));
 * if (change.err().isPresent()) { ... }
 * }</pre>
 */
public record Change(
        String id,
        String kind,
        String summary,
        String status,
        List<Task> tasks,
        boolean ready,
        @JsonProperty("err") String error,
        @JsonProperty("spawn-time") Instant spawnTime,
        @JsonProperty("ready-time") Instant readyTime,
        Map<String, Object> data) {

    /** Normalises missing lists and maps to empty ones. */
    public Change {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        data = data == null ? Map.of() : data;
    }

    /** The change's error text ({@code err}), present when it failed. */
    public Optional<String> err() {
        return Optional.ofNullable(error).filter(e -> !e.isEmpty());
    }

    /** Every task's log lines, in task order. */
    public List<String> taskLog() {
        List<String> lines = new ArrayList<>();
        for (Task task : tasks) {
            lines.addAll(task.log());
        }
        return lines;
    }
}
