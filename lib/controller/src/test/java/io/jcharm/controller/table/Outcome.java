package io.jcharm.controller.table;

/**
 * What a hook tool printed and returned.
 *
 * <pre>{@code
 * new Outcome(1, "", "ERROR cannot write relation settings\n");
 * }</pre>
 */
public record Outcome(int exit, String stdout, String stderr) {
}
