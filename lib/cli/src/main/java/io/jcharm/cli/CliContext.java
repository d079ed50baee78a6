package io.jcharm.cli;

import io.jcharm.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the commands need from the outside world, passed in so tests can run the CLI in-process
 * with their own PATH, working directory and polling pace.
 *
 * <pre>{@code
 * CliContext ctx = CliContext.system();
 * }</pre>
 *
 * @param env the environment for child processes (PATH finds {@code juju})
 * @param cwd relative paths on the command line resolve against it
 * @param runner runs juju (jcharm's one process runner)
 * @param pollInterval how often {@code juju status} is polled while waiting
 */
public record CliContext(Map<String, String> env, Path cwd, ProcessRunner runner, Duration pollInterval) {

    public static CliContext system() {
        return new CliContext(System.getenv(), Path.of("").toAbsolutePath(), new ProcessRunner(), Duration.ofSeconds(5));
    }

    /** A command-line path, resolved against {@link #cwd}. */
    public Path resolve(Path p) {
        return cwd.resolve(p).normalize();
    }

    /** Shows a path relative to cwd when it is under it (shorter messages). */
    public String show(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
