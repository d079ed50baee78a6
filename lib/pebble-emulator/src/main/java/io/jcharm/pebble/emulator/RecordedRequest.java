package io.jcharm.pebble.emulator;

/**
 * A request the emulator received, for tests that assert what a charm asked Pebble to do.
 *
 * <pre>{@code
 * long replans = emulator.requests().stream().filter(r -> r.body().contains("\"replan\"")).count();
 * }</pre>
 *
 * @param body the body as UTF-8 text (binary parts come out garbled; use the file accessors for content)
 */
public record RecordedRequest(String method, String path, String query, String body) {
}
