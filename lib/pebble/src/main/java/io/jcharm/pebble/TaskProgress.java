package io.jcharm.pebble;

/**
 * How far a task is: {@code done} of {@code total} units.
 *
 * <pre>{@code
 * TaskProgress p = change.tasks().get(0).progress(); // label "", done 1, total 1
 * }</pre>
 */
public record TaskProgress(String label, int done, int total) {
}
