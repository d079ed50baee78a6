package io.jcharm.local;

import io.jcharm.controller.ToolCall;
import io.jcharm.controller.ToolReply;

/**
 * Answers hook-tool calls; the {@link HookToolServer} hands it every authenticated or not call.
 *
 * <pre>{@code
 * ToolHandler echo = call -> ToolReply.out(String.join(" ", call.argv()));
 * }</pre>
 */
@FunctionalInterface
interface ToolHandler {
    ToolReply handle(ToolCall call);
}
