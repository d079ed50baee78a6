package io.jcharm.pebble;

/**
 * Pebble's answer did not have the expected form (content type, JSON, multipart, websocket).
 *
 * <pre>{@code
 * catch (PebbleProtocolException e) {
 *     // a Pebble version we do not understand, or not Pebble at all on that socket
 * }
 * }</pre>
 */
public final class PebbleProtocolException extends PebbleException {
    /** An exception describing what was expected and what arrived. */
    public PebbleProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
