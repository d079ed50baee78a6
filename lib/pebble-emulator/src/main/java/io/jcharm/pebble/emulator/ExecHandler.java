package io.jcharm.pebble.emulator;

/**
 * Simulates a command for the emulator's exec: gets the call (argv, env, stdin...) and returns
 * the output and exit code. Runs on the emulator's connection thread; keep it quick.
 *
 * <pre>{@code
 * emulator.onExec(List.of("cat"), call -> new ExecReply(0, call.stdin(), new byte[0]));
 * }</pre>
 */
@FunctionalInterface
public interface ExecHandler {
    /** The reply for {@code call}; an exception becomes exit code 1 with its message on stderr. */
    ExecReply handle(ExecCall call);
}
