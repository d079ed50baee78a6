package io.jcharm.controller;

/**
 * Answers hook-tool calls; the {@link HookToolServer} hands it every authenticated or not call.
 *
 * <pre>{@code
 * ToolHandler echo = call -> ToolReply.out(String.join(" ", call.argv()));
 * }</pre>
 */
@FunctionalInterface
public interface ToolHandler {
    ToolReply handle(ToolCall call);
}
