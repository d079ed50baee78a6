package io.jcharm.local;

import java.nio.charset.StandardCharsets;

/**
 * What a hook tool prints and returns, replayed byte for byte by the client script.
 *
 * <pre>{@code
 * ToolReply.error(2, "invalid value \"db:9\" for option -r: relation not found");
 * }</pre>
 */
record ToolReply(int exit, byte[] stdout, byte[] stderr) {

    static final ToolReply OK = new ToolReply(0, new byte[0], new byte[0]);

    static ToolReply out(String text) {
        return new ToolReply(0, text.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    /** Juju's hook tools print {@code ERROR <message>} on stderr. */
    static ToolReply error(int exit, String message) {
        return new ToolReply(exit, new byte[0], ("ERROR " + message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
