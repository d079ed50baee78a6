package io.jcharm.pebble;

/**
 * A file operation failed for one path; {@code kind} is Pebble's ({@code not-found},
 * {@code permission-denied}, {@code generic-file-error}).
 *
 * <pre>{@code
 * catch (PebblePathException e) {
 *     if (e.kind().equals("not-found")) { ... }
 * }
 * }</pre>
 */
public final class PebblePathException extends PebbleException {
    private final String path;
    private final String kind;
    private final String apiMessage;

    /**
     * @param operation what was being done, e.g. "pull"
     */
    public PebblePathException(String operation, String path, String kind, String apiMessage) {
        super("cannot " + operation + " " + path + " in the container: " + kind + ": " + apiMessage, null);
        this.path = path;
        this.kind = kind;
        this.apiMessage = apiMessage;
    }

    /** The path that failed. */
    public String path() {
        return path;
    }

    /** Pebble's error kind. */
    public String kind() {
        return kind;
    }

    /** Pebble's message, e.g. {@code stat /x: no such file or directory}. */
    public String apiMessage() {
        return apiMessage;
    }
}
