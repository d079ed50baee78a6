package io.jcharm.pack;

import io.jcharm.process.Command;
import io.jcharm.process.ProcessException;
import io.jcharm.process.ProcessResult;
import io.jcharm.process.ProcessRunner;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Packs a charm project into {@code .charm} files: validates charmcraft.yaml first, then stages
 * the YAML files, jars, a jlinked runtime and dispatch, trains the startup archive on the staged
 * charm, zips it reproducibly, and checks the archive on a copy unpacked as Juju would.
 *
 * <pre>{@code
 * List<PackResult> charms = new CharmPacker(new ProcessRunner(), System.out::println).pack(request);
 * }</pre>
 */
public final class CharmPacker {
    /** Where a charm module names its charm class (a ServiceLoader file in the charm's jar). */
    public static final String CHARM_SERVICE = "META-INF/services/io.jcharm.core.Charm";

    /**
     * metadata.yaml, config.yaml and actions.yaml as one JSON document, which a hook reads instead
     * of parsing YAML (io.jcharm.core.meta.CharmMetadata.PACKED_FILE; lib/pack does not depend on core).
     */
    static final String PACKED_METADATA = "jcharm-metadata.json";

    private final ProcessRunner runner;
    private final Consumer<String> log;

    public CharmPacker(ProcessRunner runner, Consumer<String> log) {
        this.runner = runner;
        this.log = log;
    }

    /** Packs one .charm per platform that runs on this machine's architecture. */
    public List<PackResult> pack(PackRequest req) {
        try {
            return packAll(req);
        } catch (ProcessException e) {
            // jdeps, jlink, strip or a training run could not run or overran: one error type for callers.
            String err = e.stderr().strip();
            throw new PackException(e.getMessage() + (err.isEmpty() ? "" : ": " + (err.length() > 2000
                    ? err.substring(err.length() - 2000) : err)), e);
        }
    }

    private List<PackResult> packAll(PackRequest req) {
        long start = System.nanoTime();
        CharmProject project = CharmcraftReader.load(req.projectDir());
        String charmClass = charmClass(req.charmJar());
        String arch = PlatformRules.hostArch();
        List<Platform> platforms = project.platforms().stream().filter(p -> p.arch().equals(arch)).toList();
        project.platforms().stream().filter(p -> !p.arch().equals(arch)).forEach(p -> log.accept("skipping platform "
                + p.name() + ": " + (p.arch().isEmpty() ? "its run-on bases span several architectures, but a charm's"
                + " Java runtime is linked for one; write one bases entry per architecture"
                : "its Java runtime must be linked on an " + p.arch() + " machine")));
        if (platforms.isEmpty()) {
            throw new PackException("no platform in " + req.projectDir().resolve("charmcraft.yaml") + " runs on "
                    + arch + ", the architecture of this machine and of its JDK; " + (project.platforms().stream()
                    .anyMatch(p -> p.name().startsWith("bases[")) ? "add a bases entry whose run-on bases are all "
                    + arch : "add platforms: {" + arch + ": }"));
        }
        Jdk jdk = jdk(req);
        ArchiveKind kind = req.archiveKind().orElse(jdk.hasAotCacheOutput() ? ArchiveKind.AOT_CACHE : ArchiveKind.APP_CDS);
        if (kind == ArchiveKind.AOT_CACHE && !jdk.hasAotCacheOutput()) {
            throw new PackException("an AOT cache needs JDK 25 or later, but the runtime is linked from " + jdk.home()
                    + " (" + jdk.version() + "); use the AppCDS archive or a newer JDK");
        }
        RuntimeBuilder runtimes = new RuntimeBuilder(runner, mkdirs(req.cacheDir()), log);
        List<PackResult> out = new ArrayList<>();
        for (Platform platform : platforms) {
            // A fixed stage path: startup archives record the absolute path of the runtime they
            // were made with, so the same path on every checkout keeps packs byte-identical.
            Path stage = stageRoot().resolve(platform.charmFileName(project.name()).replace(".charm", ""));
            try (FileChannel lockFile = FileChannel.open(mkdirs(stage.getParent()).resolve(stage.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                out.add(packPlatform(req, project, platform, stage, charmClass, jdk, kind, runtimes, start));
            } catch (IOException e) {
                throw new PackException("cannot lock the stage directory " + stage + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private PackResult packPlatform(PackRequest req, CharmProject project, Platform platform, Path stage, String charmClass,
                                    Jdk jdk, ArchiveKind kind, RuntimeBuilder runtimes, long start) {
        RuntimeBuilder.deleteTree(stage);
        mkdirs(stage);
        List<String> classpath = stageFiles(req, project, platform, stage);
        List<Path> jars = classpath.stream().map(stage::resolve).toList();
        List<String> modules = runtimes.modules(jdk, jars, req.extraModules());
        RuntimeBuilder.copyTree(runtimes.image(jdk, modules), stage.resolve("runtime"));
        DispatchScript dispatch = new DispatchScript(req.jvmOptions(), kind.option(), classpath, req.mainClass(),
                charmClass, req.time(), build(stage, classpath), req.warmIdle());
        write(stage.resolve("dispatch"), dispatch.render(), true);
        StartupArchiveBuilder.Result archive = new StartupArchiveBuilder(runner, req.cacheDir(), log)
                .build(stage, project, jdk, kind, dispatch, req.workDir());
        Path charm = mkdirs(req.outputDir()).resolve(platform.charmFileName(project.name()));
        CharmZip.write(stage, charm, req.time());
        verify(charm, project, kind, req.workDir());
        RuntimeBuilder.deleteTree(stage); // ~100 MiB in the temp dir; the .charm has it all
        long size = size(charm);
        log.accept(String.format("packed %s (%.1f MiB; runtime %s from %s)", charm, size / 1048576.0,
                String.join(",", modules), jdk.version()));
        return new PackResult(charm, size, platform, jdk, modules, archive, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The build a warm runtime serves: the jars' and the runtime's bytes. A hook from a charm
     * whose build differs (after an upgrade) makes the old runtime exit instead of running it.
     */
    private static String build(Path stage, List<String> classpath) {
        StringBuilder all = new StringBuilder(Hashes.tree(stage.resolve("runtime"), List.of()));
        for (String jar : classpath) {
            all.append(' ').append(Hashes.file(stage.resolve(jar)));
        }
        return Hashes.sha256(all.toString()).substring(0, 16);
    }

    /** Where charms are staged: one fixed directory per user, shared by every checkout. */
    static Path stageRoot() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "jcharm-pack-" + user, "stage");
    }

    /** Metadata, config, actions (also as JSON), manifest, version and jars; returns the classpath, charm jar first. */
    private List<String> stageFiles(PackRequest req, CharmProject project, Platform platform, Path stage) {
        stageYaml(project, stage, CharmcraftReader.METADATA, Optional.of(project.metadata()));
        stageYaml(project, stage, CharmcraftReader.CONFIG, project.config());
        stageYaml(project, stage, CharmcraftReader.ACTIONS, project.actions());
        write(stage.resolve(PACKED_METADATA), YamlFiles.packedMetadata(project), false);
        write(stage.resolve("manifest.yaml"), YamlFiles.manifest(platform, req.time()), false);
        req.version().ifPresent(v -> write(stage.resolve("version"), v + "\n", false));
        Path lib = mkdirs(stage.resolve("lib"));
        Map<String, Path> jars = new LinkedHashMap<>();
        jars.put(req.charmJar().getFileName().toString(), req.charmJar());
        req.libraries().stream().sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                .forEach(j -> {
                    Path clash = jars.putIfAbsent(j.getFileName().toString(), j);
                    if (clash != null) {
                        throw new PackException("two jars named " + j.getFileName() + " (" + clash + ", " + j
                                + "): the charm's lib/ directory cannot hold both");
                    }
                });
        List<String> classpath = new ArrayList<>();
        try {
            for (Map.Entry<String, Path> e : jars.entrySet()) {
                Path dst = lib.resolve(e.getKey());
                JarRepacker.store(e.getValue(), dst, req.time());
                Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rw-r--r--"));
                // The startup archive records jar mtimes; dispatch resets them to this on the unit.
                Files.setLastModifiedTime(dst, FileTime.from(req.time()));
                classpath.add("lib/" + e.getKey());
            }
        } catch (IOException e) {
            throw new PackException("cannot copy the charm's jars into " + lib + ": " + e.getMessage(), e);
        }
        return classpath;
    }

    /** A file charmcraft copies as it is (metadata.yaml beside charmcraft.yaml), else written from its content. */
    private static void stageYaml(CharmProject project, Path stage, String file, Optional<Map<String, Object>> content) {
        if (project.verbatim().contains(file)) {
            try {
                write(stage.resolve(file), Files.readString(project.dir().resolve(file), StandardCharsets.UTF_8), false);
            } catch (IOException e) {
                throw new PackException("cannot read " + project.dir().resolve(file) + ": " + e.getMessage(), e);
            }
        } else {
            content.ifPresent(c -> write(stage.resolve(file), YamlFiles.write(c), false));
        }
    }

    /** Runs install on a copy unpacked as Juju would (new path with a space, new mtimes), archive required. */
    private void verify(Path charm, CharmProject project, ArchiveKind kind, Path work) {
        Path dir = work.resolve("verify unit").resolve("charm");
        RuntimeBuilder.deleteTree(dir.getParent());
        CharmUnpacker.unpack(charm, mkdirs(dir));
        ProcessResult r;
        try (TrainingTools tools = TrainingTools.create(work.resolve("verify-tools"), project,
                StartupArchiveBuilder.trainingRemoteData())) {
            Map<String, String> env = new LinkedHashMap<>(tools.hookEnv(dir, project.name(), "install"));
            env.put(DispatchScript.OPTS_ENV, kind.strictOption());
            r = runner.run(Command.of(List.of(dir.resolve("dispatch").toString()))
                .in(dir).env(env).timeout(Duration.ofMinutes(2)));
            tools.hookEnded(r.exitCode());
        }
        if (r.exitCode() != 0) {
            throw new PackException("the packed " + charm.getFileName() + " does not start with its startup archive"
                    + " when unpacked elsewhere (stale or missing " + kind.path() + "): " + r.describe());
        }
        RuntimeBuilder.deleteTree(dir.getParent());
    }

    /** The single charm class the jar's ServiceLoader file names. */
    static String charmClass(Path jar) {
        try (JarFile jf = new JarFile(jar.toFile())) {
            ZipEntry e = jf.getEntry(CHARM_SERVICE);
            if (e == null) {
                throw new PackException(jar + " has no " + CHARM_SERVICE + ": add src/main/resources/" + CHARM_SERVICE
                        + " naming the charm class");
            }
            List<String> names = new String(jf.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(l -> l.replaceFirst("#.*", "").trim()).filter(l -> !l.isEmpty()).toList();
            if (names.size() != 1) {
                throw new PackException(CHARM_SERVICE + " in " + jar + " must name exactly one charm class, found "
                        + names);
            }
            return names.get(0);
        } catch (IOException e) {
            throw new PackException("cannot read the charm jar " + jar + ": " + e.getMessage(), e);
        }
    }

    private static Jdk jdk(PackRequest req) {
        if (req.jdkHome().isPresent()) {
            return Jdk.at(req.jdkHome().get()).orElseThrow(() -> new PackException(req.jdkHome().get()
                    + " is not a JDK with jlink and jdeps"));
        }
        Optional<Jdk> newest = Jdk.newest(Path.of("/usr/lib/jvm"));
        Optional<Jdk> current = Jdk.current();
        if (newest.isPresent() && (current.isEmpty() || newest.get().feature() >= current.get().feature())) {
            return newest.get();
        }
        return current.orElseThrow(() -> new PackException("no JDK with jlink found: neither under /usr/lib/jvm nor"
                + " the build JDK " + System.getProperty("java.home") + "; install a JDK (Temurin 25 is best)"));
    }

    private static void write(Path file, String content, boolean executable) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (IOException e) {
            throw new PackException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PackException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new PackException("cannot stat " + f + ": " + e.getMessage(), e);
        }
    }
}
