package io.jcharm.local;

import io.jcharm.pebble.MakeDirOptions;
import io.jcharm.pebble.PushOptions;
import io.jcharm.pebble.UnixSocketPebbleClient;
import io.jcharm.pebble.emulator.PebbleEmulator;
import io.jcharm.pebble.emulator.ServiceState;
import io.jcharm.pebble.layer.Layer;
import io.jcharm.pebble.layer.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The workload containers of Kubernetes units: one {@link PebbleEmulator} per container, on a
 * unix socket under a short directory ({@code /tmp/jcharm-<hash>/<unit-hash>/<container>/pebble.socket},
 * given to hooks as JCHARM_CONTAINERS_DIR). Nothing runs in them: started services are
 * "simulated active". Their plan, files and started services are saved per container in the
 * state directory and restored when the next command starts them again.
 *
 * <pre>{@code
 * Path dir = workloads.prepare("seldon-core/0", List.of("seldon-core"));  // JCHARM_CONTAINERS_DIR
 * }</pre>
 */
final class Workloads implements AutoCloseable {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final StateDir dirs;
    private final Path socketRoot;
    private final Map<String, Map<String, PebbleEmulator>> running = new TreeMap<>();

    Workloads(StateDir dirs, Path socketDir) {
        this.dirs = dirs;
        this.socketRoot = socketDir.resolve("jcharm-" + hash(dirs.root().toString()));
    }

    /** Starts (once per command) the unit's containers, restoring their state; returns their directory. */
    synchronized Path prepare(String unit, List<String> containers) {
        Path dir = socketRoot.resolve(hash(unit));
        if (running.containsKey(unit)) {
            return dir;
        }
        Map<String, PebbleEmulator> emulators = new LinkedHashMap<>();
        try {
            Files.createDirectories(socketRoot, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            for (String c : containers) {
                PebbleEmulator e = PebbleEmulator.start(dir.resolve(c).resolve("pebble.socket"));
                emulators.put(c, e);
                restore(unit, c, e);
            }
            Path link = dirs.unitDir(unit).resolve("containers");
            Files.createDirectories(link.getParent());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, dir); // where the sockets are, for a person looking
        } catch (IOException e) {
            emulators.values().forEach(PebbleEmulator::close);
            throw new UncheckedIOException("cannot start the workload containers of " + unit + " under " + dir + ": "
                    + e.getMessage(), e);
        }
        running.put(unit, emulators);
        return dir;
    }

    /** A new pod (refresh on Kubernetes): the containers start empty. */
    synchronized void reset(String unit) {
        Map<String, PebbleEmulator> es = running.remove(unit);
        if (es != null) {
            es.values().forEach(PebbleEmulator::close);
        }
        StateDir.deleteTree(dirs.pebbleDir(unit));
    }

    /** The unit is gone. */
    synchronized void forget(String unit) {
        reset(unit);
    }

    /** The emulators of a unit started by this command (for status and tests). */
    synchronized Map<String, PebbleEmulator> emulators(String unit) {
        return Map.copyOf(running.getOrDefault(unit, Map.of()));
    }

    /** Saves every running container's state. */
    synchronized void save() {
        running.forEach((unit, es) -> es.forEach((c, e) -> save(unit, c, e)));
    }

    /** Each container of a unit, its plan and started services: live when this command runs them, else as last saved. */
    synchronized Map<String, ContainerView> containers(String unit) {
        Map<String, ContainerView> out = new TreeMap<>();
        Map<String, PebbleEmulator> live = running.get(unit);
        if (live != null) {
            live.forEach((c, e) -> out.put(c, new ContainerView(Plan.parse(e.planYaml()),
                    e.services().values().stream().filter(ServiceState::active).map(ServiceState::name)
                            .collect(java.util.stream.Collectors.toSet()))));
            return out;
        }
        return saved(dirs, unit);
    }

    /** Each container of a unit as last saved (its plan and started services). */
    static Map<String, ContainerView> saved(StateDir dirs, String unit) {
        Map<String, ContainerView> out = new TreeMap<>();
        savedFiles(dirs, unit).forEach((c, root) -> out.put(c, new ContainerView(Plan.parse(root.path("plan").asString("")), active(root))));
        return out;
    }

    /**
     * Services started in each container of a unit, as last saved. The plans are not parsed:
     * {@code jcharm status} needs only the names, and reading the plans' YAML was a tenth of its CPU.
     */
    static Map<String, List<String>> activeServices(StateDir dirs, String unit) {
        Map<String, List<String>> out = new TreeMap<>();
        savedFiles(dirs, unit).forEach((c, root) -> out.put(c, List.copyOf(active(root))));
        return out;
    }

    /** The saved state file of each container of a unit, by container name. */
    private static Map<String, JsonNode> savedFiles(StateDir dirs, String unit) {
        Map<String, JsonNode> out = new TreeMap<>();
        Path dir = dirs.pebbleDir(unit);
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                String name = f.getFileName().toString();
                out.put(name.substring(0, name.length() - 5), JSON.readTree(Files.readString(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the saved containers of " + unit + " in " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static java.util.SortedSet<String> active(JsonNode saved) {
        java.util.SortedSet<String> active = new java.util.TreeSet<>();
        saved.path("active").forEach(n -> active.add(n.asString("")));
        return active;
    }

    private void save(String unit, String container, PebbleEmulator e) {
        ObjectNode root = JSON.createObjectNode();
        List<String> labels = e.layerLabels();
        root.put("label", labels.size() == 1 ? labels.get(0) : "jcharm-restored");
        root.put("plan", e.planYaml());
        var active = root.putArray("active");
        for (ServiceState s : e.services().values()) {
            if (s.active()) {
                active.add(s.name());
            }
        }
        ObjectNode files = root.putObject("files");
        for (String p : e.paths()) {
            ObjectNode f = files.putObject(p);
            f.put("mode", e.fileMode(p).orElse(0644));
            e.file(p).ifPresentOrElse(b -> f.put("content", Base64.getEncoder().encodeToString(b)), () -> f.put("dir", true));
        }
        StateStore.writeAtomically(dirs.pebbleDir(unit).resolve(container + ".json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    private void restore(String unit, String container, PebbleEmulator e) throws IOException {
        Path file = dirs.pebbleDir(unit).resolve(container + ".json");
        if (!Files.isRegularFile(file)) {
            return;
        }
        JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        Plan plan = Plan.parse(root.path("plan").asString(""));
        UnixSocketPebbleClient client = new UnixSocketPebbleClient(e.socketPath());
        if (!plan.equals(Plan.EMPTY)) {
            client.addLayer(root.path("label").asString("jcharm-restored"),
                    new Layer("", "", plan.services(), plan.checks(), plan.logTargets()), false);
        }
        for (var entry : root.path("files").properties()) {
            JsonNode f = entry.getValue();
            int mode = f.path("mode").asInt(0644);
            if (f.path("dir").asBoolean(false)) {
                if (!entry.getKey().equals("/")) {
                    client.makeDir(entry.getKey(), MakeDirOptions.defaults().withMakeParents().withPermissions(mode));
                }
            } else {
                client.push(entry.getKey(), Base64.getDecoder().decode(f.path("content").asString("")),
                        PushOptions.defaults().withMakeDirs().withPermissions(mode));
            }
        }
        List<String> active = new ArrayList<>();
        root.path("active").forEach(n -> active.add(n.asString("")));
        if (!active.isEmpty()) {
            client.startServices(active, Duration.ofSeconds(10));
        }
    }

    static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            save();
        } finally {
            running.values().forEach(es -> es.values().forEach(PebbleEmulator::close));
            running.clear();
            // The sockets live only while a command runs; their state is in the model directory.
            StateDir.deleteTree(socketRoot);
        }
    }
}
