package io.jcharm.pebble.emulator;

import java.nio.charset.StandardCharsets;

/**
 * What a simulated command "printed" and its exit code.
 *
 * <pre>{@code
 * emulator.onExec(List.of("mlflow", "--version"), call -> ExecReply.of(0, "mlflow 2.22.0\n", ""));
 * }</pre>
 */
public record ExecReply(int exitCode, byte[] stdout, byte[] stderr) {
    /** Copies the output arrays. */
    public ExecReply {
        stdout = stdout.clone();
        stderr = stderr.clone();
    }

    /** A reply with UTF-8 text output. */
    public static ExecReply of(int exitCode, String stdout, String stderr) {
        return new ExecReply(exitCode, stdout.getBytes(StandardCharsets.UTF_8), stderr.getBytes(StandardCharsets.UTF_8));
    }

    /** Exit 0 with {@code stdout} and no stderr. */
    public static ExecReply ok(String stdout) {
        return of(0, stdout, "");
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    @Override
    public byte[] stderr() {
        return stderr.clone();
    }
}
