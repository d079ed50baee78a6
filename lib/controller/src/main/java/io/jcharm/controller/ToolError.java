package io.jcharm.controller;

/**
 * A tool that refuses, with Juju's exit code (2 for usage and relation-not-found, else 1).
 *
 * <pre>{@code
 * throw new ToolError(1, "cannot write relation settings");
 * }</pre>
 */
final class ToolError extends RuntimeException {
    final int exit;

    ToolError(int exit, String message) {
        super(message);
        this.exit = exit;
    }
}
