package io.jcharm.pack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs an external command (jdeps, jlink, a training {@code dispatch}); behind an interface so
 * that the packer's process handling sits in one place.
 *
 * <pre>{@code
 * CommandRunner.Result r = runner.run(List.of("jlink", "--version"), dir, Map.of("PATH", "/usr/bin"), Duration.ofMinutes(1));
 * }</pre>
 */
public interface CommandRunner {

    /** What a command did. */
    record Result(List<String> argv, int exitCode, String stdout, String stderr) {

        /** A one-line account of a failed command for an error message. */
        public String describe() {
            String err = stderr.isBlank() ? stdout : stderr;
            return String.join(" ", argv) + " exited " + exitCode + (err.isBlank() ? "" : ": " + err.strip());
        }
    }

    /**
     * Runs {@code argv} in {@code dir} with exactly the environment {@code env}, waiting at most
     * {@code timeout}; stdin is empty.
     */
    Result run(List<String> argv, Path dir, Map<String, String> env, Duration timeout);
}
