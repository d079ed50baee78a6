package io.jcharm.pebble;

/**
 * Any failure talking to Pebble; the subclasses say which kind.
 *
 * <pre>{@code
 * try {
 *     client.replan(Duration.ofSeconds(30));
 * } catch (PebbleConnectionException e) {
 *     // container not up yet: wait for pebble-ready
 * } catch (PebbleException e) {
 *     // Pebble answered but refused or failed
 * }
 * }</pre>
 */
public abstract sealed class PebbleException extends RuntimeException
        permits PebbleConnectionException, PebbleApiException, PebbleChangeException, PebbleChangeTimeoutException,
        PebblePathException, PebbleProtocolException, PebbleExecException {

    PebbleException(String message, Throwable cause) {
        super(message, cause);
    }
}
