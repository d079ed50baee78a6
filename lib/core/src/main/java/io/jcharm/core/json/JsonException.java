package io.jcharm.core.json;

/**
 * Text that is not the JSON expected, with where it went wrong; callers add which file or tool
 * the text came from.
 *
 * <pre>{@code
 * try { Json.parse(out); } catch (JsonException e) { throw new IllegalStateException("config-get: " + e.getMessage(), e); }
 * }</pre>
 */
public final class JsonException extends RuntimeException {
    public JsonException(String message) {
        super(message);
    }
}
