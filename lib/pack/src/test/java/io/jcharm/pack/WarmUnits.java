package io.jcharm.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.warm.WarmRuntimes;
import io.jcharm.process.Command;
import io.jcharm.process.ProcessResult;
import io.jcharm.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packed fixture charm for tests that run its dispatch as real processes through the unit's
 * warm runtime: units unpacked as Juju does, their hook environment, one hook run, the runtime's
 * pid; no runtime outlives its test.
 *
 * <pre>{@code
 * class MyTest extends WarmUnits {
 *     @Test void t() { long pid = warmUp(unit("a"), Map.of()); }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WarmUnits {
    static final Pattern PID = Pattern.compile("pid=(\\d+) remembered=(\\S+) once=(\\S+)");
    Path tmp;
    PackResult packed;
    TrainingTools tools;
    final List<Path> units = new ArrayList<>();

    @BeforeAll
    void pack(@TempDir Path dir) throws IOException {
        tmp = dir;
        Path cache = Files.createDirectories(dir.resolve("cache"));
        CharmPackerTest.share(CharmPackerTest.KEPT, cache);
        FixtureCharm fixture = new FixtureCharm(tmp);
        packed = new CharmPacker(new ProcessRunner(), line -> { }).pack(PackRequest.of(fixture.project, fixture.charmJar,
                fixture.libraries, tmp.resolve("out")).withWorkDir(tmp.resolve("work")).withCacheDir(cache)).get(0);
        CharmPackerTest.share(cache, CharmPackerTest.KEPT);
        tools = TrainingTools.create(tmp.resolve("tools"), CharmcraftReader.load(fixture.project),
                Map.of("hostname", "db-0.example"));
    }

    /** No runtime outlives its test: CI must not collect orphan JVMs. */
    @AfterEach
    void stopRuntimes() {
        units.forEach(WarmRuntimes::stop);
        units.clear();
    }

    Path unit(String name) {
        Path unit = tmp.resolve("unit " + name).resolve("charm");
        try {
            CharmUnpacker.unpack(packed.charm(), Files.createDirectories(unit));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        units.add(unit);
        return unit;
    }

    Map<String, String> env(Path unit, String hook, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(tools.hookEnv(unit, "fixture", hook));
        env.put(DispatchScript.WARM_ENV, "1");
        env.putAll(extra);
        return env;
    }

    ProcessResult hook(Path unit, Map<String, String> extra, byte[] stdin) {
        Command c = Command.of(List.of(unit.resolve("dispatch").toString())).in(unit)
                .env(env(unit, "config-changed", extra)).timeout(Duration.ofMinutes(1));
        return new ProcessRunner().run(stdin == null ? c : c.stdin(stdin));
    }

    ProcessResult hook(Path unit, Map<String, String> extra) {
        return hook(unit, extra, null);
    }

    /** The first hook starts the runtime (and runs in it); returns the runtime's pid once it listens. */
    long warmUp(Path unit, Map<String, String> extra) {
        ProcessResult first = hook(unit, extra);
        assertEquals(0, first.exitCode(), first.describe());
        awaitTrue(() -> Files.exists(runtimeFile(unit)), "the warm runtime of " + unit + " to start");
        return runtimePid(unit).orElseThrow();
    }

    static Path runtimeFile(Path unit) {
        return unit.resolve(".jcharm-warm/runtime");
    }

    static Optional<Long> runtimePid(Path unit) {
        try {
            return Optional.of(Long.parseLong(Files.readString(runtimeFile(unit)).split(" ")[2]));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited 90 s for " + what);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The fixture's first stdout line: pid, what a static field held, and FIXTURE_ONCE. */
    static Matcher said(ProcessResult r) {
        Matcher m = PID.matcher(r.stdout());
        assertTrue(m.find(), "the fixture printed its line: " + r.describe());
        return m;
    }

    /** One dispatch run with stdin from a file (/dev/null as Juju gives hooks, or data) and output to files. */
    record Direct(int exit, String out, String err) {
    }

    Direct direct(Path unit, List<String> launcher, Map<String, String> extra, Path stdin, boolean merged)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".log");
        Path err = Files.createTempFile(tmp, "err", ".log");
        List<String> cmd = new ArrayList<>(launcher);
        cmd.add(unit.resolve("dispatch").toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(unit.toFile()).redirectInput(stdin.toFile())
                .redirectOutput(out.toFile()).redirectErrorStream(merged);
        if (!merged) {
            pb.redirectError(err.toFile());
        }
        pb.environment().clear();
        pb.environment().putAll(env(unit, "config-changed", extra));
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "dispatch did not finish");
        return new Direct(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
