package io.jcharm.process;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What one finished process did: its argv, exit code, and what it printed (UTF-8; empty when the
 * output went to a file). A non-zero exit is a result, not an exception: callers decide.
 *
 * <pre>{@code
 * ProcessResult r = runner.run(Command.of(List.of("microk8s", "config")));
 * if (!r.ok()) throw new IllegalStateException(r.describe());
 * }</pre>
 */
public record ProcessResult(List<String> argv, int exitCode, String stdout, String stderr) {

    public ProcessResult {
        argv = List.copyOf(argv);
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    /** Whether the process exited 0. */
    public boolean ok() {
        return exitCode == 0;
    }

    /** A one-line account for an error message: argv, exit code, and stderr (else stdout). */
    public String describe() {
        String err = stderr.isBlank() ? stdout : stderr;
        return display(argv) + " exited " + exitCode + (err.isBlank() ? "" : ": " + err.strip());
    }

    /** Leaves stdout out: it may hold credentials (a kubeconfig) and must not reach a log by accident. */
    @Override
    public String toString() {
        return "ProcessResult[" + display(argv) + ", exit " + exitCode + ", stdout " + stdout.length() + " chars, stderr="
                + stderr.strip() + "]";
    }

    /** Shell-like rendering of argv for messages; never executed. */
    public static String display(List<String> argv) {
        return argv.stream().map(a -> a.isEmpty() || a.chars().anyMatch(Character::isWhitespace) ? "'" + a + "'" : a)
                .collect(Collectors.joining(" "));
    }
}
