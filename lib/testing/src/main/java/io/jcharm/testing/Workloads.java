package io.jcharm.testing;

import io.jcharm.pebble.UnixSocketPebbleClient;
import io.jcharm.pebble.emulator.CheckState;
import io.jcharm.pebble.emulator.PebbleEmulator;
import io.jcharm.pebble.emulator.ServiceState;
import io.jcharm.pebble.layer.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** One Pebble emulator per container of a test state, under a short temporary socket dir. */
final class Workloads implements AutoCloseable {
    private final Path dir;
    private final Map<String, PebbleEmulator> emulators = new LinkedHashMap<>();

    Workloads(List<ContainerState> containers) {
        try {
            // Unix socket paths are limited to ~107 bytes, so not under a deep @TempDir.
            dir = Files.createTempDirectory(Path.of("/tmp"), "jct");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a socket dir for the Pebble emulators", e);
        }
        for (ContainerState c : containers) {
            PebbleEmulator pebble = PebbleEmulator.start(dir.resolve(c.name()).resolve("pebble.socket"));
            emulators.put(c.name(), pebble);
            c.layers().forEach((label, layer) -> pebble.addLayer(label, layer.toYaml(), false));
            c.files().forEach(pebble::putFile);
            c.execs().forEach((prefix, reply) -> pebble.onExec(prefix, call -> reply));
            if (!c.running().isEmpty()) {
                try (UnixSocketPebbleClient client = new UnixSocketPebbleClient(pebble.socketPath())) {
                    client.startServices(c.running(), Duration.ofSeconds(10));
                }
            }
            c.faults().failingStarts().forEach(service -> pebble.failServiceStart(service, 1));
            c.faults().downChecks().forEach(check -> pebble.setCheckStatus(check, CheckState.DOWN));
            c.faults().failingPushes().forEach(path -> pebble.failPush(path, true));
            pebble.setReachable(c.canConnect());
        }
    }

    /** The directory to export as JCHARM_CONTAINERS_DIR. */
    Path containersDir() {
        return dir;
    }

    /** The containers with what the hook left in their emulators. */
    List<ContainerState> outputs(List<ContainerState> in) {
        List<ContainerState> out = new ArrayList<>();
        for (ContainerState c : in) {
            PebbleEmulator p = emulators.get(c.name());
            Map<String, String> files = new LinkedHashMap<>();
            for (String path : p.paths()) {
                p.file(path).ifPresent(bytes -> files.put(path, new String(bytes, StandardCharsets.UTF_8)));
            }
            Map<String, String> statuses = new LinkedHashMap<>();
            for (ServiceState s : p.services().values()) {
                statuses.put(s.name(), s.current());
            }
            List<List<String>> history = p.execHistory().stream().map(e -> e.command()).toList();
            // A replan is a POST to /v1/services with action "replan" (the emulator records the body).
            int replans = (int) p.requests().stream().filter(r -> r.method().equals("POST")
                    && r.path().equals("/v1/services") && r.body().contains("\"replan\"")).count();
            out.add(c.withOutputs(c.layers(), files, Plan.parse(p.planYaml()), statuses, history, replans));
        }
        return out;
    }

    @Override
    public void close() {
        emulators.values().forEach(PebbleEmulator::close);
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp dir is harmless.
        }
    }
}
