package io.jcharm.pebble;

/**
 * Which changes {@code GET /v1/changes} lists ({@code select=}); Pebble's default is in-progress.
 *
 * <pre>{@code
 * List<Change> all = client.changes(ChangeSelect.ALL, null);
 * }</pre>
 */
public enum ChangeSelect {
    IN_PROGRESS("in-progress"),
    READY("ready"),
    ALL("all");

    private final String value;

    ChangeSelect(String value) {
        this.value = value;
    }

    /** The word Pebble uses in the query string. */
    public String value() {
        return value;
    }
}
