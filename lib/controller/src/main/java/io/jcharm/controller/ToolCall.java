package io.jcharm.controller;

import java.util.List;
import java.util.Optional;

/**
 * One hook-tool invocation: where (the caller's working directory), what (argv, argv[0] being
 * the tool's name) and stdin when the tool reads it ({@code --file -}).
 *
 * <pre>{@code
 * ToolCall.of("relation-get", "--format=json", "-r", "greeting:1", "-", "b/0");
 * }</pre>
 */
public record ToolCall(String cwd, List<String> argv, Optional<byte[]> stdin) {

    public ToolCall {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a hook-tool call needs at least the tool's name");
        }
    }

    /** A call from the JVM's working directory, without stdin. */
    public static ToolCall of(String... argv) {
        return new ToolCall(System.getProperty("user.dir"), List.of(argv), Optional.empty());
    }

    public String tool() {
        return argv.get(0);
    }

    public List<String> args() {
        return argv.subList(1, argv.size());
    }
}
