package io.jcharm.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs an external program from an argv list (never through a shell).
 *
 * <pre>{@code
 * ProcessRunner runner = new ExecProcessRunner();
 * runner.run(List.of("/snap/bin/juju", "version"), Map.of(), Duration.ofSeconds(30));
 * }</pre>
 */
public interface ProcessRunner {

    /**
     * @param argv the program (an absolute path) and its arguments
     * @param env the complete environment for the process
     * @param timeout the process is killed after this long
     * @throws CliException (external) when the program cannot be started or times out
     */
    ProcessResult run(List<String> argv, Map<String, String> env, Duration timeout);

    /** Finds a program on a PATH, as a shell would. */
    static java.util.Optional<Path> which(String program, Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (java.nio.file.Files.isRegularFile(p) && java.nio.file.Files.isExecutable(p)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }
}
