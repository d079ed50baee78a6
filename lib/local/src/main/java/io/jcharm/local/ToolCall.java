package io.jcharm.local;

import java.util.List;
import java.util.Optional;

/**
 * One hook-tool invocation as the client script sends it: who (the hook's context id), where
 * (its working directory), what (argv, argv[0] being the tool's name) and stdin when the tool
 * reads it ({@code --file -}).
 *
 * <pre>{@code
 * new ToolCall("hello/0-17-9f2c...", "/charm", List.of("is-leader", "--format=json"), Optional.empty());
 * }</pre>
 */
record ToolCall(String contextId, String cwd, List<String> argv, Optional<byte[]> stdin) {

    ToolCall {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a hook-tool call needs at least the tool's name");
        }
    }

    String tool() {
        return argv.get(0);
    }

    List<String> args() {
        return argv.subList(1, argv.size());
    }
}
