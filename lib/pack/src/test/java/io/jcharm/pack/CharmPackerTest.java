package io.jcharm.pack;

import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.process.Command;
import io.jcharm.process.ProcessResult;
import io.jcharm.process.ProcessRunner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packs the fixture charm twice (jlink runs once; the second pack reuses the cached runtime and
 * startup archive), then checks the .charm as Juju would see it and runs its dispatch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CharmPackerTest {
    private Path tmp;
    private FixtureCharm fixture;
    private PackResult first;
    private PackResult second;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void packTwice(@TempDir Path dir) throws IOException {
        tmp = dir;
        cache = Files.createDirectories(dir.resolve("cache"));
        share(KEPT, cache);
        fixture = new FixtureCharm(tmp);
        CharmPacker packer = new CharmPacker(new ProcessRunner(), log::add);
        first = packer.pack(request("one")).get(0);
        second = packer.pack(request("two")).get(0);
        share(cache, KEPT);
    }

    /**
     * Linked runtimes and jdeps results are kept in target/ between runs (jlink is the slow step)
     * and copied into this run's own cache; startup archives never outlive a run, since other
     * builds in the same checkout may run these tests at the same time.
     */
    static final Path KEPT = Path.of("target", "pack-test-runtimes").toAbsolutePath();
    private Path cache;

    private PackRequest request(String run) {
        return PackRequest.of(fixture.project, fixture.charmJar, fixture.libraries, tmp.resolve("out " + run))
                .withWorkDir(tmp.resolve("work " + run)).withCacheDir(cache).withVersion("1.2.3");
    }

    private void forgetArchives() throws IOException {
        try (var s = Files.list(cache)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("archive-")).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Copies runtime-* and modules-* entries from one cache to another, skipping what is there. */
    static void share(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.createDirectories(to);
        try (var s = Files.list(from)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                Path dst = to.resolve(name);
                if ((name.startsWith("runtime-") || name.startsWith("modules-")) && !name.endsWith(".tmp")
                        && !Files.exists(dst)) {
                    Path partial = to.resolve(name + ".copy-" + ProcessHandle.current().pid());
                    RuntimeBuilder.copyTree(p, partial);
                    try {
                        Files.move(partial, dst, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        RuntimeBuilder.deleteTree(partial); // another run stored it first
                    }
                }
            }
        }
    }

    private Map<String, ZipArchiveEntry> entries() throws IOException {
        Map<String, ZipArchiveEntry> out = new LinkedHashMap<>();
        try (ZipFile zip = ZipFile.builder().setPath(first.charm()).get()) {
            Collections.list(zip.getEntries()).forEach(e -> out.put(e.getName(), e));
        }
        return out;
    }

    private String entryText(String name) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(first.charm()).get(); InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void namedAfterNameBaseAndArchitecture() {
        assertEquals("fixture_ubuntu-24.04-amd64.charm", first.charm().getFileName().toString());
        assertTrue(first.size() < 40L << 20, "a .charm stays under 40 MiB, got " + first.size());
    }

    @Test
    void everyEntryIsAUnixFileWithItsMode() throws IOException {
        Map<String, ZipArchiveEntry> entries = entries();
        for (ZipArchiveEntry e : entries.values()) {
            assertFalse(e.isDirectory(), e.getName());
            assertEquals(ZipArchiveEntry.PLATFORM_UNIX, e.getPlatform(), "made by Unix: " + e.getName());
            int mode = e.getUnixMode();
            assertTrue(mode == 0100644 || mode == 0100755, e.getName() + " mode " + Integer.toOctalString(mode));
            assertFalse(e.getName().startsWith("build/"), e.getName());
        }
        assertEquals(0100755, entries.get("dispatch").getUnixMode());
        assertEquals(0100755, entries.get("runtime/bin/java").getUnixMode());
        assertEquals(0100755, entries.get("runtime/lib/jspawnhelper").getUnixMode(), "ProcessBuilder needs it executable");
        assertEquals(0100644, entries.get("metadata.yaml").getUnixMode());
        assertEquals(0100644, entries.get("lib/fixture-charm.jar").getUnixMode());
        List<String> names = new ArrayList<>(entries.keySet());
        List<String> sorted = new ArrayList<>(names);
        Collections.sort(sorted);
        assertEquals(sorted, names, "entries are in sorted order");
    }

    @Test
    void holdsTheCharmFilesRuntimeAndStartupArchive() throws IOException {
        Map<String, ZipArchiveEntry> entries = entries();
        for (String name : List.of("metadata.yaml", "config.yaml", "actions.yaml", "manifest.yaml", "version", "dispatch",
                "lib/fixture-charm.jar", "runtime/bin/java", "runtime/lib/modules", "runtime/lib/server/libjvm.so",
                first.archive().kind().path())) {
            assertTrue(entries.containsKey(name), "the .charm holds " + name);
        }
        assertTrue(entries.keySet().stream().anyMatch(n -> n.matches("lib/jcharm-core.*\\.jar")), "jcharm-core ships");
        assertFalse(entries.keySet().stream().anyMatch(n -> n.contains("junit") || n.contains("commons-compress")),
                "test and packer jars do not ship");
        assertFalse(entries.keySet().stream().anyMatch(n -> n.startsWith(StartupArchiveBuilder.TRAINING_DIR)));
        assertEquals("1.2.3\n", entryText("version"));
        assertEquals(List.of("install", "config-changed", "db-relation-changed", "update-status"), first.archive().hooks());
        assertTrue(first.modules().contains("java.base") && !first.modules().contains("java.desktop"), first.modules().toString());
    }

    @Test
    void yamlFilesAreSplitFromCharmcraftYaml() throws IOException {
        Map<?, ?> manifest = (Map<?, ?>) YamlTree.parse("manifest.yaml", entryText("manifest.yaml")).root();
        assertEquals(List.of(Map.of("name", "ubuntu", "channel", "24.04", "architectures", List.of("amd64"))),
                manifest.get("bases"));
        Map<?, ?> meta = (Map<?, ?>) YamlTree.parse("metadata.yaml", entryText("metadata.yaml")).root();
        assertEquals("fixture", meta.get("name"));
        assertEquals("Fixture", meta.get("display-name"));
        assertEquals(Map.of("db", Map.of("interface", "fixture-db", "limit", 1L)), meta.get("requires"));
        assertFalse(meta.containsKey("config") || meta.containsKey("platforms") || meta.containsKey("type"));
        Map<?, ?> config = (Map<?, ?>) YamlTree.parse("config.yaml", entryText("config.yaml")).root();
        assertEquals(8080L, ((Map<?, ?>) ((Map<?, ?>) config.get("options")).get("port")).get("default"));
        Map<?, ?> actions = (Map<?, ?>) YamlTree.parse("actions.yaml", entryText("actions.yaml")).root();
        assertEquals(Map.of("description", "Answers pong."), actions.get("ping"));
    }

    /** What a hook reads (the packer's JSON) is what Juju reads (the YAML files): lib/core parses both. */
    @Test
    void thePackedJsonMetadataSaysWhatTheYamlFilesSay() throws IOException {
        Path unit = Files.createDirectories(tmp.resolve("json unit").resolve("charm"));
        CharmUnpacker.unpack(first.charm(), unit);
        assertTrue(Files.isRegularFile(unit.resolve(CharmPacker.PACKED_METADATA)));
        assertEquals(CharmPacker.PACKED_METADATA, CharmMetadata.PACKED_FILE, "packer and runtime name the same file");
        CharmMetadata fromJson = CharmMetadata.load(unit);
        Files.delete(unit.resolve(CharmPacker.PACKED_METADATA));
        CharmMetadata fromYaml = CharmMetadata.load(unit);
        assertEquals(fromYaml, fromJson);
        assertEquals("fixture", fromJson.name());
    }

    @Test
    void appCdsArchiveIsByteReproducibleWithoutTheCache() throws IOException {
        PackRequest cds = request("cds one").withArchiveKind(ArchiveKind.APP_CDS);
        CharmPacker packer = new CharmPacker(new ProcessRunner(), log::add);
        forgetArchives(); // both packs train and dump afresh
        PackResult one = packer.pack(cds).get(0);
        forgetArchives();
        PackResult two = packer.pack(request("cds two").withArchiveKind(ArchiveKind.APP_CDS)).get(0);
        assertFalse(two.archive().reused());
        assertEquals(List.of("install", "config-changed", "db-relation-changed", "update-status"), two.archive().hooks());
        assertEquals(Files.readAllLines(tmp.resolve("work cds one/training-classlists/all.classlist")),
                Files.readAllLines(tmp.resolve("work cds two/training-classlists/all.classlist")),
                "the class lists both trainings merged are equal");
        assertEquals(-1L, Files.mismatch(one.charm(), two.charm()), "AppCDS packs are identical even when retrained");
    }

    @Test
    void packingTwiceGivesTheSameBytes() throws IOException {
        assertNotEquals(first.charm(), second.charm());
        assertEquals(-1L, Files.mismatch(first.charm(), second.charm()), "the two .charm files are identical");
        assertFalse(first.archive().reused(), "the first pack trained its archive");
        assertTrue(second.archive().reused(), "the second pack reused the startup archive");
    }

    /** Unpacks the .charm as Juju would into a new path with a space, and runs a hook. */
    private ProcessResult runHook(String hook, Map<String, String> extraEnv, TrainingTools[] toolsOut)
            throws IOException {
        Path unit = tmp.resolve("unit " + hook + extraEnv.size()).resolve("charm");
        CharmUnpacker.unpack(first.charm(), Files.createDirectories(unit));
        CharmProject project = CharmcraftReader.load(fixture.project);
        TrainingTools tools = TrainingTools.create(tmp.resolve("tools " + hook + extraEnv.size()), project,
                Map.of("hostname", "db-0.example"));
        toolsOut[0] = tools;
        Map<String, String> env = new LinkedHashMap<>(tools.hookEnv(unit, "fixture", hook));
        env.putAll(extraEnv);
        return new ProcessRunner().run(Command.of(List.of(unit.resolve("dispatch").toString()))
                .in(unit).env(env).timeout(Duration.ofMinutes(1)));
    }

    @Test
    void dispatchRunsInstallWithTheStartupArchiveAndCallsHookTools() throws IOException {
        TrainingTools[] tools = new TrainingTools[1];
        // Strict archive mode: the JVM refuses to start if the archive were stale or missing.
        ProcessResult r = runHook("install", Map.of(DispatchScript.OPTS_ENV, first.archive().kind().strictOption()), tools);
        assertEquals(0, r.exitCode(), r.describe());
        List<List<String>> calls = tools[0].calls();
        assertTrue(calls.contains(List.of("config-get", "--format=json")), calls.toString());
        assertTrue(calls.contains(List.of("relation-ids", "db", "--format=json")), calls.toString());
        assertTrue(calls.contains(List.of("relation-get", "--format=json", "-r", "db:7", "--app", "-", "remote")),
                calls.toString());
        assertTrue(calls.contains(List.of("status-set", "--application=False", "active")), calls.toString());
    }

    @Test
    void dispatchExitsWithTheJvmsCodeWhenTheHookFails() throws IOException {
        TrainingTools[] tools = new TrainingTools[1];
        ProcessResult r = runHook("config-changed", Map.of("FIXTURE_FAIL", "1"), tools);
        assertEquals(1, r.exitCode(), r.describe());
        assertTrue(r.stderr().contains("the test asked the fixture charm to fail"), r.stderr());
    }
}
