package io.jcharm.pack;

import io.jcharm.process.Command;
import io.jcharm.process.ProcessResult;
import io.jcharm.process.ProcessRunner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatch script on its own, with a stand-in for the Java runtime. */
class DispatchScriptTest {
    private static final Instant JAR_TIME = Instant.parse("2026-01-01T00:00:00Z");
    private static final DispatchScript SCRIPT = new DispatchScript(List.of("-XX:+UseSerialGC", "-Xmx64m"),
            "-XX:AOTCache=runtime/jcharm.aot", List.of("lib/charm.jar", "lib/dep.jar"), "io.jcharm.core.CharmMain",
            "io.example.DemoCharm", JAR_TIME, "0123456789abcdef", 45);

    @TempDir
    Path tmp;

    /** A charm dir (with a space in its path) holding dispatch, jars and {@code java} as given. */
    private Path charmDir(String fakeJava) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("unit dir").resolve("charm"));
        Files.writeString(dir.resolve("dispatch"), SCRIPT.render());
        Files.setPosixFilePermissions(dir.resolve("dispatch"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/charm.jar"), "not really a jar");
        if (fakeJava != null) {
            Files.createDirectories(dir.resolve("runtime/bin"));
            Files.createDirectories(dir.resolve("runtime/lib/server"));
            Files.writeString(dir.resolve("runtime/lib/modules"), "");
            Files.writeString(dir.resolve("runtime/lib/server/libjvm.so"), "");
            Files.writeString(dir.resolve("runtime/bin/java"), fakeJava);
            Files.setPosixFilePermissions(dir.resolve("runtime/bin/java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir;
    }

    private ProcessResult dispatch(Path dir, TrainingTools tools) {
        return dispatch(dir, tools, Map.of());
    }

    private ProcessResult dispatch(Path dir, TrainingTools tools, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(tools.hookEnv(dir, "demo", "install"));
        env.put("JCHARM_JAVA_OPTS", "-Dextra=1");
        env.putAll(extra);
        return new ProcessRunner().run(Command.of(List.of(dir.resolve("dispatch").toString()))
                .in(dir.resolve("lib")).env(env).timeout(Duration.ofSeconds(30)));
    }

    private TrainingTools tools() {
        return TrainingTools.create(tmp.resolve("tools"), CharmcraftReader.parse(tmp, Projects.VALID), Map.of());
    }

    @Test
    void isValidPosixSh() throws IOException {
        Path file = tmp.resolve("dispatch");
        Files.writeString(file, SCRIPT.render());
        ProcessResult r = new ProcessRunner().run(Command.of(List.of("/bin/sh", "-n", file.toString()))
                .in(tmp).env(Map.of("PATH", "/usr/bin:/bin")).timeout(Duration.ofSeconds(10)));
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(SCRIPT.render().startsWith("#!/bin/sh\n"));
        // dispatch re-runs itself under bash for the warm runtime's client
        ProcessResult bash = new ProcessRunner().run(Command.of(List.of("/bin/bash", "-n", file.toString()))
                .in(tmp).env(Map.of("PATH", "/usr/bin:/bin")).timeout(Duration.ofSeconds(10)));
        assertEquals(0, bash.exitCode(), bash.describe());
    }

    @Test
    void runsTheRuntimeFromTheCharmDirWithTheEnvironmentAndItsExitCode() throws IOException {
        Path dir = charmDir("#!/bin/sh\n{ pwd; printf '%s\\n' \"$@\"; echo \"unit=$JUJU_UNIT_NAME path=$JUJU_DISPATCH_PATH\"; }"
                + " > \"$JUJU_CHARM_DIR/java.out\"\nexit 3\n");
        Files.setLastModifiedTime(dir.resolve("lib/charm.jar"), FileTime.from(Instant.parse("2030-05-05T05:05:05Z")));
        ProcessResult r = dispatch(dir, tools());
        assertEquals(3, r.exitCode(), "dispatch exits with the JVM's code: " + r.describe());
        List<String> out = Files.readAllLines(dir.resolve("java.out"));
        assertEquals(dir.toRealPath().toString(), out.get(0), "runs from the charm dir whatever the caller's cwd");
        assertEquals(List.of("-XX:AOTCache=runtime/jcharm.aot", "-XX:+UseSerialGC", "-Xmx64m", "-Dextra=1", "-cp",
                "lib/charm.jar:lib/dep.jar", "io.jcharm.core.CharmMain", "io.example.DemoCharm",
                "unit=demo/0 path=hooks/install"), out.subList(1, out.size()));
        assertEquals(FileTime.from(JAR_TIME), Files.getLastModifiedTime(dir.resolve("lib/charm.jar")),
                "jar times are put back to pack time for the startup archive");
    }

    /**
     * The warm runtime's JVM starts with the jars' pack-time modification times, which its startup
     * archive requires (dispatch resets them before a JVM starts, not before every hook).
     */
    @Test
    void jarTimesArePutBackBeforeTheWarmRuntimeStarts() throws IOException {
        // the runtime's stand-in records the jar's time and exits: dispatch then runs the hook cold
        Path dir = charmDir("#!/bin/sh\ncase \"$*\" in *io.jcharm.core.warm.WarmRuntime*) stat -c %Y lib/charm.jar > warm.mtime ;; esac\n"
                + "exit 0\n");
        Files.setLastModifiedTime(dir.resolve("lib/charm.jar"), FileTime.from(Instant.parse("2030-05-05T05:05:05Z")));
        ProcessResult r = dispatch(dir, tools(), Map.of(DispatchScript.WARM_ENV, "1"));
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(JAR_TIME.getEpochSecond() + "\n", Files.readString(dir.resolve("warm.mtime")));
    }

    /** The warm runtime dispatch starts gets the packed idle time; JCHARM_WARM_IDLE on the unit wins. */
    @Test
    void theWarmRuntimeGetsThePackedIdleTimeUnlessTheUnitSetsOne() throws IOException {
        // the stand-in records the warm runtime's arguments (its last one is the idle time)
        Path dir = charmDir("#!/bin/sh\ncase \"$*\" in *io.jcharm.core.warm.WarmRuntime*) printf '%s\\n' \"$@\" > warm.tmp;"
                + " mv warm.tmp warm.args ;; esac\nexit 0\n");
        assertEquals("45", lastWarmArgument(dir, Map.of()));
        assertEquals("7", lastWarmArgument(dir, Map.of(DispatchScript.WARM_IDLE_ENV, "7")));
        assertTrue(SCRIPT.render().contains("idle time in seconds (packed: 45)"), "the script says what was packed");
    }

    /**
     * A runtime that is alive but does not listen within JCHARM_WARM_WAIT seconds: the hook runs in
     * a new JVM after that bound (not after the stand-in's 120 s, longer than dispatch's timeout).
     */
    @Test
    void aRuntimeThatDoesNotListenInTimeLeavesTheHookToANewJvm() throws IOException {
        Path dir = charmDir("#!/bin/sh\ncase \"$*\" in *io.jcharm.core.warm.WarmRuntime*) exec sleep 120 ;; esac\n"
                + "echo cold > cold.out\nexit 5\n");
        try {
            ProcessResult r = dispatch(dir, tools(), Map.of(DispatchScript.WARM_ENV, "1", DispatchScript.WARM_WAIT_ENV, "1"));
            assertEquals(5, r.exitCode(), "the hook's own exit code, from the new JVM: " + r.describe());
            assertEquals("cold\n", Files.readString(dir.resolve("cold.out")));
            assertEquals("", r.stderr());
        } finally {
            ProcessHandle.of(Long.parseLong(Files.readString(dir.resolve(".jcharm-warm/spawned")).trim()))
                    .ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    void aWarmWaitThatIsNoNumberIsNamedOnStderr() throws IOException {
        Path dir = charmDir("#!/bin/sh\nexit 0\n"); // the runtime's stand-in exits at once: no wait
        ProcessResult r = dispatch(dir, tools(), Map.of(DispatchScript.WARM_ENV, "1", DispatchScript.WARM_WAIT_ENV, "5s"));
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("jcharm dispatch: JCHARM_WARM_WAIT must be a whole number of seconds, got '5s': waiting 20 s for the"
                + " warm runtime\n", r.stderr());
        // a leading zero is decimal, not a bad octal number for bash's arithmetic
        ProcessResult octal = dispatch(dir, tools(), Map.of(DispatchScript.WARM_ENV, "1", DispatchScript.WARM_WAIT_ENV, "08"));
        assertEquals(0, octal.exitCode(), octal.describe());
        assertEquals("", octal.stderr());
    }

    @Test
    void aWarmIdleTimeOutOfRangeIsRefusedNamingTheSetting() {
        PackRequest req = PackRequest.of(tmp, tmp.resolve("c.jar"), List.of(), tmp);
        assertEquals(PackRequest.DEFAULT_WARM_IDLE, req.warmIdle());
        assertEquals(300, req.withWarmIdle(300).warmIdle());
        assertTrue(assertThrows(PackException.class, () -> req.withWarmIdle(0)).getMessage().startsWith(
                "the warm runtime's idle time must be 1 to 86400 seconds, got 0 (jcharm.warmIdle in the charm's pom, or"
                + " jcharm pack --warm-idle)"));
        assertEquals("jcharm.warmIdle (--warm-idle) must be a whole number of seconds, got \"1m\"",
                assertThrows(PackException.class, () -> PackMain.seconds("1m")).getMessage());
    }

    private String lastWarmArgument(Path dir, Map<String, String> extra) throws IOException {
        List<String> args = warmArguments(dir, extra);
        return args.get(args.size() - 1);
    }

    /** The warm runtime's JVM: the packed options, then the runtime's own, then the unit's JCHARM_JAVA_OPTS. */
    @Test
    void theWarmRuntimeCompilesAtTheUsualThresholdsUnlessTheUnitSaysOtherwise() throws IOException {
        Path dir = charmDir("#!/bin/sh\ncase \"$*\" in *io.jcharm.core.warm.WarmRuntime*) printf '%s\\n' \"$@\" > warm.tmp;"
                + " mv warm.tmp warm.args ;; esac\nexit 0\n");
        List<String> args = warmArguments(dir, Map.of());
        int packed = args.indexOf("-Xmx64m");
        int usual = args.indexOf("-XX:CompileThresholdScaling=1");
        int unit = args.indexOf("-Dextra=1"); // JCHARM_JAVA_OPTS
        assertTrue(packed >= 0 && packed < usual && usual < unit, args.toString());
    }

    private List<String> warmArguments(Path dir, Map<String, String> extra) throws IOException {
        Files.deleteIfExists(dir.resolve("warm.args"));
        // the stand-in exited at once, but may linger as a zombie where nothing reaps orphans, which
        // dispatch would take for a runtime still starting
        Files.deleteIfExists(dir.resolve(".jcharm-warm/spawned"));
        Map<String, String> env = new LinkedHashMap<>(extra);
        env.put(DispatchScript.WARM_ENV, "1");
        ProcessResult r = dispatch(dir, tools(), env);
        assertEquals(0, r.exitCode(), r.describe());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(dir.resolve("warm.args"))) { // started in the background
            assertTrue(System.nanoTime() < deadline, "dispatch started no warm runtime: " + r.describe());
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return Files.readAllLines(dir.resolve("warm.args"));
    }

    @Test
    void missingRuntimeIsReportedOnStderrAndJujuLog() throws IOException {
        TrainingTools tools = tools();
        ProcessResult r = dispatch(charmDir(null), tools);
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("jcharm dispatch: the Java runtime is missing or incomplete in "), r.stderr());
        List<String> log = tools.calls().get(0);
        assertEquals(List.of("juju-log", "--log-level", "ERROR", "--"), log.subList(0, 4));
        assertTrue(log.get(4).startsWith("jcharm dispatch: the Java runtime is missing"), log.toString());
    }

    @Test
    void runtimeThatCannotExecuteIsReported() throws IOException {
        TrainingTools tools = tools();
        ProcessResult r = dispatch(charmDir("#!/nonexistent/interpreter\n"), tools);
        assertEquals(127, r.exitCode(), r.describe());
        assertTrue(r.stderr().contains("cannot be executed (exit 127)"), r.stderr());
        assertEquals("juju-log", tools.calls().get(0).get(0));
    }

    @Test
    void refusesValuesThatShWouldInterpret() {
        DispatchScript bad = new DispatchScript(List.of("-Dx=$(reboot)"), "-XX:AOTCache=a", List.of("lib/a.jar"),
                "Main", "Charm", JAR_TIME, "b1", 60);
        assertThrows(PackException.class, bad::render);
        DispatchScript spaced = new DispatchScript(List.of(), "-XX:AOTCache=a", List.of("lib/my charm.jar"), "Main",
                "Charm", JAR_TIME, "b1", 60);
        assertThrows(PackException.class, spaced::render);
    }
}
