package io.jcharm.core.tools;

import java.util.List;

/**
 * How {@link ExecHookTools} reaches the hook tools: by default child processes (under jcharm's
 * local model its socket); lib/testing plugs in the controller emulation, answered in process
 * with the same argv and stdin.
 *
 * <pre>{@code
 * HookTools tools = new ExecHookTools((argv, stdin) -> new HookToolTransport.Reply(0, "true\n", ""));
 * }</pre>
 */
@FunctionalInterface
public interface HookToolTransport {

    /**
     * Runs one tool and reports how it ended; a non-zero exit becomes the same typed
     * {@link HookToolException} a failed process would.
     *
     * @param argv the tool's name, then its arguments
     * @param stdin what the tool reads on stdin, or null for nothing
     */
    Reply call(List<String> argv, byte[] stdin);

    /** A tool's exit code, stdout and stderr. */
    record Reply(int exitCode, String stdout, String stderr) {
    }
}
