package io.jcharm.pebble;

import io.jcharm.pebble.emulator.PebbleEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** An emulator on a short socket path under /tmp (unix socket paths must stay under ~107 bytes) and a client for it. */
final class EmulatorHarness implements AutoCloseable {
    final Path dir;
    final PebbleEmulator emulator;
    final UnixSocketPebbleClient client;

    EmulatorHarness() {
        this(PebbleClient.DEFAULT_TIMEOUT);
    }

    EmulatorHarness(Duration timeout) {
        try {
            dir = Files.createTempDirectory(Path.of("/tmp"), "pb");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        emulator = PebbleEmulator.start(dir.resolve("app").resolve("pebble.socket"));
        client = new UnixSocketPebbleClient(emulator.socketPath(), timeout);
    }

    @Override
    public void close() {
        client.close();
        emulator.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Temp files only.
        }
    }
}
