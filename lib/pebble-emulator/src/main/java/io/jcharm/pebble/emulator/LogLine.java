package io.jcharm.pebble.emulator;

import java.time.Instant;

/**
 * One service log line the emulator wrote, as {@code GET /v1/logs} serves it.
 *
 * <pre>{@code
 * emulator.logs().forEach(l -> System.out.println(l.service() + ": " + l.message()));
 * }</pre>
 */
public record LogLine(Instant time, String service, String message) {
}
