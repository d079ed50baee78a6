package io.jcharm.pebble;

import java.util.List;

/**
 * A change ended with an error ({@code err} set): the change id, its status, the error text
 * and the log lines of its tasks.
 *
 * <pre>{@code
 * catch (PebbleChangeException e) {
 *     log.warn("replan failed: " + e.err() + " " + e.taskLog());
 * }
 * }</pre>
 */
public final class PebbleChangeException extends PebbleException {
    private final Change change;

    /** An exception for a change that is ready and has {@code err} set. */
    public PebbleChangeException(Change change) {
        super("Pebble change " + change.id() + " (" + change.summary() + ") ended with status " + change.status()
                + ": " + change.err().orElse("(no error text)")
                + (change.taskLog().isEmpty() ? "" : "; task log:\n  " + String.join("\n  ", change.taskLog())), null);
        this.change = change;
    }

    /** The failed change as Pebble reported it. */
    public Change change() {
        return change;
    }

    /** The change id. */
    public String changeId() {
        return change.id();
    }

    /** The change status, e.g. {@code Error}. */
    public String status() {
        return change.status();
    }

    /** The change's error text. */
    public String err() {
        return change.err().orElse("");
    }

    /** Every task's log lines. */
    public List<String> taskLog() {
        return change.taskLog();
    }
}
