package io.jcharm.controller;

import java.nio.charset.StandardCharsets;

/**
 * What a hook tool prints and returns.
 *
 * <pre>{@code
 * ToolReply.error(2, "invalid value \"db:9\" for option -r: relation not found");
 * }</pre>
 */
public record ToolReply(int exit, byte[] stdout, byte[] stderr) {

    public static final ToolReply OK = new ToolReply(0, new byte[0], new byte[0]);

    public static ToolReply out(String text) {
        return new ToolReply(0, text.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    /** Juju's hook tools print {@code ERROR <message>} on stderr. */
    public static ToolReply error(int exit, String message) {
        return new ToolReply(exit, new byte[0], ("ERROR " + message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }
}
