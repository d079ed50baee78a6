package io.jcharm.pack;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What to pack and how: the project, the charm's jar and runtime dependencies, where to put the
 * {@code .charm}, and the runtime choices (JDK, startup archive, JVM options).
 *
 * <pre>{@code
 * PackRequest req = PackRequest.of(Path.of("charms/hello"), Path.of("charms/hello/target/charm-hello.jar"),
 *         deps, Path.of("charms/hello/target")).withVersion("0.1.0");
 * }</pre>
 *
 * @param projectDir   directory with charmcraft.yaml
 * @param charmJar     the charm's own jar (lists its charm class in META-INF/services/io.jcharm.core.Charm)
 * @param libraries    runtime dependency jars
 * @param outputDir    where the .charm files go
 * @param workDir      scratch space (staging, training, verification)
 * @param cacheDir     linked runtimes and startup archives kept between packs
 * @param jdkHome      the JDK to link from; empty: the newest under /usr/lib/jvm, else the build JDK
 * @param archiveKind  the startup archive; empty: AOT cache on JDK 25+, AppCDS before
 * @param jvmOptions   JVM options baked into dispatch
 * @param extraModules JDK modules to add to what jdeps finds (for reflection jdeps cannot see)
 * @param mainClass    the entry point dispatch runs
 * @param version      the charm version written to the {@code version} file, if any
 * @param time         the fixed time for zip entries, jar mtimes and manifest.yaml
 * @param warmIdle     seconds the unit's warm runtime stays up without a hook (dispatch's default;
 *                     {@code JCHARM_WARM_IDLE} on the unit overrides it)
 */
public record PackRequest(Path projectDir, Path charmJar, List<Path> libraries, Path outputDir, Path workDir,
                          Path cacheDir, Optional<Path> jdkHome, Optional<ArchiveKind> archiveKind, List<String> jvmOptions,
                          List<String> extraModules, String mainClass, Optional<String> version, Instant time,
                          int warmIdle) {

    /**
     * JVM options for a process that lives well under a second, each kept because it measurably
     * helped (bench/hook-latency/README.md): one GC thread, a small fixed heap ceiling, C1 only
     * and only for code that runs hot enough (fewer compilations, smaller compiler arenas, yet
     * crypto for TLS still gets compiled, unlike -Xint), no hsperfdata file, and JVM warnings on
     * stderr rather than in the hook's stdout.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:CompileThresholdScaling=10", "-Xmx64m", "-XX:-UsePerfData", "-Xlog:disable", "-Xlog:all=warning:stderr");

    /** The warm runtime's idle time when the charm sets none: long enough for a burst of hooks. */
    public static final int DEFAULT_WARM_IDLE = 60;

    /** A day: a runtime idle longer than that only holds memory. */
    public static final int MAX_WARM_IDLE = 86_400;

    /** The entry point of every jcharm charm. */
    public static final String CHARM_MAIN = "io.jcharm.core.CharmMain";

    /** The reproducible-build time the root pom uses for jars (project.build.outputTimestamp). */
    public static final Instant DEFAULT_TIME = Instant.parse("2026-01-01T00:00:00Z");

    public PackRequest {
        libraries = List.copyOf(libraries);
        jvmOptions = List.copyOf(jvmOptions);
        extraModules = List.copyOf(extraModules);
        if (warmIdle < 1 || warmIdle > MAX_WARM_IDLE) {
            throw new PackException("the warm runtime's idle time must be 1 to " + MAX_WARM_IDLE + " seconds, got "
                    + warmIdle + " (jcharm.warmIdle in the charm's pom, or jcharm pack --warm-idle); to turn the warm"
                    + " runtime off on a unit, set JCHARM_WARM=0 there");
        }
    }

    /** A request with the defaults; scratch space and caches under {@code outputDir/jcharm-pack}. */
    public static PackRequest of(Path projectDir, Path charmJar, List<Path> libraries, Path outputDir) {
        Path work = outputDir.resolve("jcharm-pack");
        return new PackRequest(projectDir, charmJar, libraries, outputDir, work, work.resolve("cache"), Optional.empty(),
                Optional.empty(), DEFAULT_JVM_OPTIONS, List.of(), CHARM_MAIN, Optional.empty(), DEFAULT_TIME,
                DEFAULT_WARM_IDLE);
    }

    public PackRequest withVersion(String v) {
        return new PackRequest(projectDir, charmJar, libraries, outputDir, workDir, cacheDir, jdkHome, archiveKind,
                jvmOptions, extraModules, mainClass, Optional.of(v), time, warmIdle);
    }

    public PackRequest withJdk(Path home) {
        return new PackRequest(projectDir, charmJar, libraries, outputDir, workDir, cacheDir, Optional.of(home),
                archiveKind, jvmOptions, extraModules, mainClass, version, time, warmIdle);
    }

    public PackRequest withArchiveKind(ArchiveKind kind) {
        return new PackRequest(projectDir, charmJar, libraries, outputDir, workDir, cacheDir, jdkHome, Optional.of(kind),
                jvmOptions, extraModules, mainClass, version, time, warmIdle);
    }

    public PackRequest withCacheDir(Path dir) {
        return new PackRequest(projectDir, charmJar, libraries, outputDir, workDir, dir, jdkHome, archiveKind,
                jvmOptions, extraModules, mainClass, version, time, warmIdle);
    }

    public PackRequest withWorkDir(Path dir) {
        return new PackRequest(projectDir, charmJar, libraries, outputDir, dir, cacheDir, jdkHome, archiveKind,
                jvmOptions, extraModules, mainClass, version, time, warmIdle);
    }

    public PackRequest withJvmOptions(List<String> options) {
        return new PackRequest(projectDir, charmJar, libraries, outputDir, workDir, cacheDir, jdkHome, archiveKind,
                options, extraModules, mainClass, version, time, warmIdle);
    }

    public PackRequest withExtraModules(List<String> modules) {
        return new PackRequest(projectDir, charmJar, libraries, outputDir, workDir, cacheDir, jdkHome, archiveKind,
                jvmOptions, modules, mainClass, version, time, warmIdle);
    }

    public PackRequest withMainClass(String cls) {
        return new PackRequest(projectDir, charmJar, libraries, outputDir, workDir, cacheDir, jdkHome, archiveKind,
                jvmOptions, extraModules, cls, version, time, warmIdle);
    }

    public PackRequest withWarmIdle(int seconds) {
        return new PackRequest(projectDir, charmJar, libraries, outputDir, workDir, cacheDir, jdkHome, archiveKind,
                jvmOptions, extraModules, mainClass, version, time, seconds);
    }
}
