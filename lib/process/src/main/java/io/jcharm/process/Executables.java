package io.jcharm.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds programs on the PATH of a given environment (the hook's, never the JVM's own).
 *
 * <pre>{@code
 * Optional<Path> snap = Executables.onPath("snap", Map.of("PATH", "/usr/bin:/bin"));
 * }</pre>
 */
public final class Executables {
    private Executables() {
    }

    /** The first executable named {@code program} on {@code env}'s PATH. */
    public static Optional<Path> onPath(String program, Map<String, String> env) {
        String path = env.get("PATH");
        if (path == null || program.indexOf('/') >= 0) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue; // an empty entry would mean the working directory: never trust that
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
