package io.jcharm.pebble;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What an exec produced: exit code and the captured stdout and stderr.
 *
 * <pre>{@code
 * String version = client.exec(ExecRequest.of("mlflow", "--version")).requireSuccess().stdoutText();
 * }</pre>
 */
public record ExecResult(List<String> command, int exitCode, byte[] stdout, byte[] stderr) {
    /** Copies the arrays so the result cannot change. */
    public ExecResult {
        command = List.copyOf(command);
        stdout = stdout.clone();
        stderr = stderr.clone();
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    /** Stdout decoded as UTF-8. */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Stderr decoded as UTF-8. */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** True when the command exited 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }

    /**
     * This result when the command exited 0.
     *
     * @throws PebbleExecException with the exit code and stderr otherwise
     */
    public ExecResult requireSuccess() {
        if (exitCode != 0) {
            throw new PebbleExecException(command, exitCode, stdoutText(), stderrText());
        }
        return this;
    }

    @Override
    public String toString() {
        return "ExecResult" + command + " exit " + exitCode + " (" + stdout.length + " stdout bytes, "
                + stderr.length + " stderr bytes)";
    }
}
