package io.jcharm.pebble;

import java.time.Instant;

/**
 * One line of {@code GET /v1/logs} (newline-delimited JSON).
 *
 * <pre>{@code
 * client.logs(List.of("mlflow"), 10).forEach(e -> System.out.println(e.message()));
 * }</pre>
 */
public record LogEntry(Instant time, String service, String message) {
}
