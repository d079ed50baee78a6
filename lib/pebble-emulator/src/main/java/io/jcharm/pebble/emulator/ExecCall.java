package io.jcharm.pebble.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One exec the emulator received, as the charm asked for it (argv, environment it sent,
 * working directory, user/group, timeout, stdin).
 *
 * <pre>{@code
 * ExecCall call = emulator.execHistory().get(0);
 * assertEquals(List.of("mlflow", "db", "upgrade"), call.command().subList(0, 3));
 * }</pre>
 */
public record ExecCall(List<String> command, Map<String, String> environment, String workingDir, Integer userId,
        String user, Integer groupId, String group, Duration timeout, String serviceContext, byte[] stdin) {

    /** Copies the collections and stdin. */
    public ExecCall {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        stdin = stdin.clone();
    }

    @Override
    public byte[] stdin() {
        return stdin.clone();
    }

    /** Stdin decoded as UTF-8. */
    public String stdinText() {
        return new String(stdin, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ExecCall" + command + " (" + stdin.length + " stdin bytes)";
    }
}
