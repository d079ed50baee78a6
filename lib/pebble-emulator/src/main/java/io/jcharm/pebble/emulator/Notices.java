package io.jcharm.pebble.emulator;

import io.jcharm.yaml.GoDurations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Pebble's notices: one per (type, key), repeated occurrences counted; all access under the emulator lock. */
final class Notices {
    private static final Duration EXPIRE_AFTER = Duration.ofDays(7);

    private final Object lock;
    private final List<Entry> entries = new ArrayList<>();
    private int nextId = 1;

    static final class Entry {
        final String id;
        final String type;
        final String key;
        final Integer userId;
        final Instant firstOccurred;
        Instant lastOccurred;
        Instant lastRepeated;
        int occurrences;
        Map<String, String> lastData = Map.of();
        Duration repeatAfter;

        Entry(String id, String type, String key, Integer userId, Instant now) {
            this.id = id;
            this.type = type;
            this.key = key;
            this.userId = userId;
            this.firstOccurred = now;
        }
    }

    Notices(Object lock) {
        this.lock = lock;
    }

    /** Adds a notice or records one more occurrence of it; wakes long-polling readers. */
    Entry record(String type, String key, Map<String, String> data, Duration repeatAfter, Integer userId) {
        synchronized (lock) {
            Instant now = Instant.now();
            Entry entry = entries.stream().filter(e -> e.type.equals(type) && e.key.equals(key)).findFirst()
                    .orElse(null);
            if (entry == null) {
                entry = new Entry(Integer.toString(nextId++), type, key, userId, now);
                entries.add(entry);
                entry.lastRepeated = now;
            } else if (repeatAfter == null || !now.isBefore(entry.lastRepeated.plus(repeatAfter))) {
                entry.lastRepeated = now;
            }
            entry.lastOccurred = now;
            entry.occurrences++;
            entry.lastData = data == null ? Map.of() : new LinkedHashMap<>(data);
            entry.repeatAfter = repeatAfter;
            lock.notifyAll();
            return entry;
        }
    }

    Entry get(String id) {
        synchronized (lock) {
            return entries.stream().filter(e -> e.id.equals(id)).findFirst()
                    .orElseThrow(() -> ApiError.notFound("cannot find notice with ID \"%s\"", id));
        }
    }

    /** Matching notices ordered by last repeat; with a timeout, waits for a first match. */
    List<Entry> query(List<String> types, List<String> keys, Instant after, Duration timeout) {
        synchronized (lock) {
            long deadline = System.nanoTime() + (timeout == null ? 0 : timeout.toNanos());
            while (true) {
                List<Entry> matches = new ArrayList<>();
                for (Entry e : entries) {
                    if ((types.isEmpty() || types.contains(e.type)) && (keys.isEmpty() || keys.contains(e.key))
                            && (after == null || e.lastRepeated.isAfter(after))) {
                        matches.add(e);
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (!matches.isEmpty() || timeout == null || remaining <= 0) {
                    matches.sort(Comparator.comparing(e -> e.lastRepeated));
                    return matches;
                }
                try {
                    lock.wait(Math.max(1, remaining / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.of();
                }
            }
        }
    }

    private static ObjectNode render(Entry e) {
        ObjectNode node = Json.object();
        node.put("id", e.id);
        if (e.userId == null) {
            node.putNull("user-id");
        } else {
            node.put("user-id", e.userId);
        }
        node.put("type", e.type);
        node.put("key", e.key);
        node.put("first-occurred", Json.time(e.firstOccurred));
        node.put("last-occurred", Json.time(e.lastOccurred));
        node.put("last-repeated", Json.time(e.lastRepeated));
        node.put("occurrences", e.occurrences);
        if (!e.lastData.isEmpty()) {
            ObjectNode data = node.putObject("last-data");
            e.lastData.forEach(data::put);
        }
        if (e.repeatAfter != null) {
            node.put("repeat-after", GoDurations.format(e.repeatAfter));
        }
        node.put("expire-after", GoDurations.format(EXPIRE_AFTER));
        return node;
    }

    private static ArrayNode render(List<Entry> entries) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        entries.forEach(e -> array.add(render(e)));
        return array;
    }

    /** The JSON Pebble sends for one entry, read under the emulator lock. */
    ObjectNode json(Entry entry) {
        synchronized (lock) {
            return render(entry);
        }
    }

    /** The JSON array Pebble sends for a list, read under the emulator lock. */
    ArrayNode json(List<Entry> entries) {
        synchronized (lock) {
            return render(entries);
        }
    }
}
