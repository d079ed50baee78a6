package io.jcharm.controller;

/**
 * A consumer's view of a secret: its own label and the revision it tracks.
 *
 * <pre>{@code
 * new ConsumerDoc("their-token", 1);
 * }</pre>
 */
public record ConsumerDoc(String label, int revision) {
}
