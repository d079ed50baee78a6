package io.jcharm.pebble;

import java.util.Optional;

/**
 * Pebble answered with an error envelope ({@code "type":"error"}): status code, optional
 * {@code kind} (e.g. {@code not-found}, {@code no-default-services}) and message.
 *
 * <pre>{@code
 * catch (PebbleApiException e) {
 *     if (e.statusCode() == 404) { ... }
 * }
 * }</pre>
 */
public final class PebbleApiException extends PebbleException {
    private final String request;
    private final int statusCode;
    private final String status;
    private final String kind;
    private final String apiMessage;

    /**
     * @param request what was asked, e.g. {@code POST /v1/layers}
     * @param kind the error kind, or null when Pebble gave none
     */
    public PebbleApiException(String request, int statusCode, String status, String kind, String apiMessage) {
        super("Pebble refused " + request + ": " + statusCode + " " + status
                + (kind == null ? "" : " (" + kind + ")") + ": " + apiMessage, null);
        this.request = request;
        this.statusCode = statusCode;
        this.status = status;
        this.kind = kind;
        this.apiMessage = apiMessage;
    }

    /** The request that failed, e.g. {@code POST /v1/layers}. */
    public String request() {
        return request;
    }

    /** The HTTP status code, e.g. 400. */
    public int statusCode() {
        return statusCode;
    }

    /** The HTTP status text, e.g. {@code Bad Request}. */
    public String status() {
        return status;
    }

    /** The error kind when Pebble gave one. */
    public Optional<String> kind() {
        return Optional.ofNullable(kind);
    }

    /** Pebble's own message, e.g. {@code layer "002-java" already exists}. */
    public String apiMessage() {
        return apiMessage;
    }
}
