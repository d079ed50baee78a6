package io.jcharm.pack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as real processes; output goes through temporary files so that a chatty
 * command can never block on a full pipe.
 *
 * <pre>{@code
 * CommandRunner runner = new ProcessCommandRunner();
 * }</pre>
 */
public final class ProcessCommandRunner implements CommandRunner {

    @Override
    public Result run(List<String> argv, Path dir, Map<String, String> env, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("jcharm-pack-out", ".txt");
            err = Files.createTempFile("jcharm-pack-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Process process = pb.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new PackException(String.join(" ", argv) + " did not finish within " + timeout.toSeconds()
                        + " s in " + dir + "; output so far: " + tail(err) + tail(out));
            }
            return new Result(List.copyOf(argv), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PackException("cannot run " + String.join(" ", argv) + " in " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackException("interrupted while running " + String.join(" ", argv), e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static String tail(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "";
        }
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
