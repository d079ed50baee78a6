package io.jcharm.pebble;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Filters for {@code GET /v1/notices}: types, keys, notices repeated after a time, and an
 * optional long-poll timeout (Pebble waits that long for a first match).
 *
 * <pre>{@code
 * client.notices(NoticeQuery.all().withTypes("custom").withKeys("example.com/db-ready"));
 * }</pre>
 */
public record NoticeQuery(List<String> types, List<String> keys, Instant after, Duration timeout) {
    /** Normalises missing lists to empty ones. */
    public NoticeQuery {
        types = types == null ? List.of() : List.copyOf(types);
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    /** No filter: every notice this user may see. */
    public static NoticeQuery all() {
        return new NoticeQuery(List.of(), List.of(), null, null);
    }

    /** This query restricted to the given notice types. */
    public NoticeQuery withTypes(String... values) {
        return new NoticeQuery(List.of(values), keys, after, timeout);
    }

    /** This query restricted to the given keys. */
    public NoticeQuery withKeys(String... values) {
        return new NoticeQuery(types, List.of(values), after, timeout);
    }

    /** This query restricted to notices last repeated after {@code time}. */
    public NoticeQuery withAfter(Instant time) {
        return new NoticeQuery(types, keys, time, timeout);
    }

    /** This query long-polling up to {@code wait} for a first match. */
    public NoticeQuery withTimeout(Duration wait) {
        return new NoticeQuery(types, keys, after, wait);
    }
}
