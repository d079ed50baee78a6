package io.jcharm.core;

import io.jcharm.pebble.PebbleSockets;
import io.jcharm.pebble.emulator.PebbleEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A Pebble emulator for the demo charm's "workload" container under a short /tmp directory
 * (unix socket paths are limited to ~107 bytes), and models whose hook environment points
 * JCHARM_CONTAINERS_DIR at it, as the local model does.
 */
final class PebbleTestSupport implements AutoCloseable {
    final Path containersDir;
    final PebbleEmulator workload;
    final RecordingHookTools tools = new RecordingHookTools();

    PebbleTestSupport() {
        try {
            containersDir = Files.createTempDirectory(Path.of("/tmp"), "pb");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        workload = PebbleEmulator.start(containersDir.resolve("workload").resolve("pebble.socket"));
    }

    /** A fresh model, as each hook gets one. */
    Model model() {
        return Fixtures.model(tools, "hooks/workload-pebble-ready", "JUJU_WORKLOAD_NAME", "workload",
                PebbleSockets.CONTAINERS_DIR_ENV, containersDir.toString());
    }

    @Override
    public void close() {
        workload.close();
        try (Stream<Path> paths = Files.walk(containersDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Temp files only.
        }
    }
}
