package io.jcharm.core.warm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Stops the warm runtimes of charm directories, for whoever owns their lifetime (the local
 * model when a command ends, tests): a runtime left behind would hold a JVM until its idle exit.
 *
 * <pre>{@code
 * WarmRuntimes.stopUnder(modelDir.resolve("units"));   // every charm dir below, any depth up to 4
 * }</pre>
 */
public final class WarmRuntimes {
    private WarmRuntimes() {
    }

    /** Stops the runtime (running or starting) of one charm directory; returns how many processes ended. */
    public static int stop(Path charmDir) {
        Path state = charmDir.resolve(WarmRuntime.STATE_DIR);
        int stopped = 0;
        for (ProcessHandle h : processes(state)) {
            h.destroy();
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                h.destroyForcibly();
                h.onExit().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                h.destroyForcibly();
            }
            stopped++;
        }
        return stopped;
    }

    /** Stops the runtimes of every charm directory under {@code root}. */
    public static int stopUnder(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int stopped = 0;
        try (Stream<Path> s = Files.find(root, 4, (p, a) -> a.isDirectory() && p.getFileName().toString().equals(WarmRuntime.STATE_DIR))) {
            for (Path state : s.toList()) {
                stopped += stop(state.getParent());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot look for warm runtimes under " + root + ": " + e.getMessage(), e);
        }
        return stopped;
    }

    /** The live runtime processes named by the state dir, checked to be runtimes (pids get reused). */
    private static List<ProcessHandle> processes(Path state) {
        List<ProcessHandle> out = new ArrayList<>();
        for (Optional<Long> pid : List.of(field(state.resolve(WarmRuntime.RUNTIME_FILE), 2), field(state.resolve("spawned"), 0))) {
            pid.flatMap(ProcessHandle::of)
                    .filter(h -> h.isAlive() && h.info().arguments().map(a -> List.of(a).contains(WarmRuntime.class.getName())).orElse(false))
                    .filter(h -> !out.contains(h))
                    .ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Long> field(Path file, int index) {
        try {
            String[] f = Files.readString(file).trim().split(" ");
            return f.length > index && f[index].matches("[0-9]{1,18}") ? Optional.of(Long.parseLong(f[index])) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // no such runtime
        }
    }
}
