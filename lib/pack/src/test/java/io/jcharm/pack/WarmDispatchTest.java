package io.jcharm.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.process.ProcessResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packed fixture charm's dispatch run repeatedly as real processes through the unit's warm
 * runtime: the first hook runs in the runtime it starts, what one hook leaves is not seen by the
 * next, output and exit codes are exact, a killed dispatch stops its hook, a broken, outdated or
 * unstartable runtime is never in the way.
 */
class WarmDispatchTest extends WarmUnits {
    /** A unit's first hook starts one JVM, not two: the runtime it starts runs it, and then the next. */
    @Test
    void theFirstHookRunsInTheRuntimeItStarts() {
        Path unit = unit("first");
        ProcessResult first = hook(unit, Map.of("FIXTURE_STDIN", "1"), "only line\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, first.exitCode(), first.describe());
        long runtime = runtimePid(unit).orElseThrow(() -> new AssertionError("no runtime listens after the first hook: "
                + first.describe() + "\n" + readQuietly(unit.resolve(".jcharm-warm/runtime.log"))));
        assertEquals("pid=" + runtime + " remembered=null once=null\nstdin=only line\n", first.stdout(),
                "the first hook ran in the runtime, with its own stdin");
        assertEquals("hook config-changed on stderr\n", first.stderr());
        ProcessResult second = hook(unit, Map.of());
        assertEquals(0, second.exitCode(), second.describe());
        assertEquals(Long.toString(runtime), said(second).group(1), "the next hook reached the same runtime");
    }

    /**
     * A runtime that exits before it listens (here: an idle time it refuses) leaves the first hook
     * to a new JVM as soon as it is dead, not after JCHARM_WARM_WAIT (an hour here, longer than the
     * hook's timeout).
     */
    @Test
    void aRuntimeThatCannotStartLeavesTheFirstHookToANewJvmAtOnce() throws IOException {
        Path unit = unit("no-start");
        ProcessResult r = hook(unit, Map.of(DispatchScript.WARM_IDLE_ENV, "soon", DispatchScript.WARM_WAIT_ENV, "3600"));
        assertEquals(0, r.exitCode(), r.describe());
        String spawned = Files.readString(unit.resolve(".jcharm-warm/spawned")).trim();
        assertNotEquals(spawned, said(r).group(1), "the hook ran in a new JVM");
        assertEquals("hook config-changed on stderr\n", r.stderr(), "nothing about the runtime on the hook's stderr");
        assertTrue(readQuietly(unit.resolve(".jcharm-warm/runtime.log")).contains("the idle time must be a whole number"
                + " of seconds above 0 (JCHARM_WARM_IDLE on the unit, or jcharm.warmIdle when packing), got \"soon\""),
                readQuietly(unit.resolve(".jcharm-warm/runtime.log")));
        assertFalse(Files.exists(runtimeFile(unit)));
    }

    /** JCHARM_WARM_WAIT=0: the first hook runs in a new JVM beside the runtime it starts, which serves the next. */
    @Test
    void warmWaitZeroRunsTheFirstHookInANewJvm() {
        Path unit = unit("no-wait");
        ProcessResult first = hook(unit, Map.of(DispatchScript.WARM_WAIT_ENV, "0"));
        assertEquals(0, first.exitCode(), first.describe());
        awaitTrue(() -> Files.exists(runtimeFile(unit)), "the warm runtime of " + unit + " to start");
        long runtime = runtimePid(unit).orElseThrow();
        assertNotEquals(Long.toString(runtime), said(first).group(1));
        ProcessResult next = hook(unit, Map.of(DispatchScript.WARM_WAIT_ENV, "0"));
        assertEquals(Long.toString(runtime), said(next).group(1));
    }

    @Test
    void noStaticFieldOrEnvironmentVariableOfOneHookReachesTheNext() {
        Path unit = unit("leak");
        long runtime = warmUp(unit, Map.of());
        ProcessResult first = hook(unit, Map.of("FIXTURE_REMEMBER", "secret-1", "FIXTURE_ONCE", "only-1"));
        assertEquals(0, first.exitCode(), first.describe());
        assertEquals(Long.toString(runtime), said(first).group(1), "the second hook ran in the warm runtime");
        assertEquals("only-1", said(first).group(3), "the hook sees its own environment");
        ProcessResult second = hook(unit, Map.of());
        assertEquals(0, second.exitCode(), second.describe());
        Matcher m = said(second);
        assertEquals(Long.toString(runtime), m.group(1), "the third hook ran in the same runtime");
        assertEquals("null", m.group(2), "a static field set by the hook before is not seen");
        assertEquals("null", m.group(3), "a variable given only to the hook before is not seen");
    }

    @Test
    void stdoutStderrStdinAndExitCodeAreTheHooksOwn() {
        Path unit = unit("streams");
        long runtime = warmUp(unit, Map.of());
        ProcessResult ok = hook(unit, Map.of("FIXTURE_STDIN", "1"), "line one\nline two\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, ok.exitCode(), ok.describe());
        assertEquals("pid=" + runtime + " remembered=null once=null\nstdin=line one\nline two\n", ok.stdout());
        assertEquals("hook config-changed on stderr\n", ok.stderr());
        ProcessResult failed = hook(unit, Map.of("FIXTURE_FAIL", "1"));
        assertEquals(1, failed.exitCode(), failed.describe());
        assertEquals(Long.toString(runtime), said(failed).group(1));
        assertTrue(failed.stderr().contains("the test asked the fixture charm to fail"), failed.stderr());
    }

    @Test
    void stdoutAndStderrInOneFileKeepTheirOrder() throws Exception {
        Path unit = unit("merged");
        long runtime = warmUp(unit, Map.of());
        Path out = tmp.resolve("merged.log");
        ProcessBuilder pb = new ProcessBuilder(unit.resolve("dispatch").toString()).directory(unit.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env(unit, "config-changed", Map.of()));
        assertEquals(0, pb.start().waitFor());
        List<String> lines = Files.readAllLines(out);
        assertEquals("pid=" + runtime + " remembered=null once=null", lines.get(0));
        assertEquals("hook config-changed on stderr", lines.get(1));
    }

    /** A stdin from /dev/null (no fifo, no cat) reads as empty in the runtime; one from a file, exactly. */
    @Test
    void stdinFromDevNullOrAFileReachesTheHookExactly() throws Exception {
        Path unit = unit("stdin");
        long runtime = warmUp(unit, Map.of());
        Direct none = direct(unit, List.of(), Map.of("FIXTURE_STDIN", "1"), Path.of("/dev/null"), false);
        assertEquals(0, none.exit(), none.err());
        assertEquals("pid=" + runtime + " remembered=null once=null\nstdin=", none.out());
        assertEquals("hook config-changed on stderr\n", none.err());
        Path input = Files.writeString(tmp.resolve("stdin.txt"), "  first\n\nlast, no newline");
        Direct data = direct(unit, List.of(), Map.of("FIXTURE_STDIN", "1"), input, false);
        assertEquals(0, data.exit(), data.err());
        assertEquals("pid=" + runtime + " remembered=null once=null\nstdin=  first\n\nlast, no newline", data.out());
    }

    /**
     * A warm hook starts only the processes its streams need: none for the environment, the jar
     * times or a hook dir that is not there; no fifo and no cat for a stdin from /dev/null, one
     * mkfifo for all fifos; shims on the PATH log every start.
     */
    @Test
    void aWarmHookStartsOnlyTheProcessesItsStreamsNeed() throws Exception {
        Path unit = unit("processes");
        long runtime = warmUp(unit, Map.of());
        Path shims = Files.createDirectories(tmp.resolve("shims"));
        Path log = tmp.resolve("shims.log");
        for (String tool : List.of("cat", "env", "mkdir", "mkfifo", "rm", "touch")) {
            Path real = java.util.stream.Stream.of("/usr/bin/", "/bin/").map(d -> Path.of(d + tool))
                    .filter(Files::isExecutable).findFirst().orElseThrow();
            Path shim = Files.writeString(shims.resolve(tool), "#!/bin/sh\necho " + tool + " >> '" + log + "'\nexec " + real + " \"$@\"\n");
            assertTrue(shim.toFile().setExecutable(true));
        }
        // the hook reads its stdin: the stdin cat has started (and logged) before the hook ends, when dispatch kills it
        Map<String, String> path = Map.of("PATH", shims + ":" + env(unit, "config-changed", Map.of()).get("PATH"), "FIXTURE_STDIN", "1");
        Path input = Files.writeString(tmp.resolve("some-stdin.txt"), "data\n");
        record Case(String name, Path stdin, boolean merged, List<String> started) {
        }
        for (Case c : List.of(new Case("stdin /dev/null, stdout and stderr apart", Path.of("/dev/null"), false,
                        List.of("cat", "cat", "mkdir", "mkfifo", "rm")),
                new Case("stdin /dev/null, stdout and stderr in one file", Path.of("/dev/null"), true, List.of("cat", "mkdir", "rm")),
                new Case("stdin from a file", input, false, List.of("cat", "cat", "cat", "mkdir", "mkfifo", "rm")))) {
            Files.deleteIfExists(log);
            Direct r = direct(unit, List.of(), path, c.stdin(), c.merged());
            assertEquals(0, r.exit(), c.name() + ": " + r.out() + r.err());
            assertTrue(r.out().startsWith("pid=" + runtime + " "), c.name() + ": ran in the runtime: " + r.out());
            assertTrue(r.out().contains("stdin=" + Files.readString(c.stdin())), c.name() + ": " + r.out());
            assertTrue((r.out() + r.err()).contains("hook config-changed on stderr\n"), c.name());
            assertEquals(c.started(), Files.readAllLines(log).stream().sorted().toList(), c.name());
        }
    }

    /** The environment dispatch writes with bash builtins reaches the hook exactly. */
    @Test
    void theHookGetsItsEnvironmentExactly() throws Exception {
        Path unit = unit("environment");
        long runtime = warmUp(unit, Map.of());
        Map<String, String> vars = new java.util.TreeMap<>(Map.of("FIXTURE_V_MULTI", "line one\nline two\n\n",
                "FIXTURE_V_EQ", "a=b==c", "FIXTURE_V_SPACES", "  both ends\t ", "FIXTURE_V_EMPTY", "",
                "FIXTURE_V_ODD", "\u00e9\u2603 \\ $x '\" %s -n *"));
        Map<String, String> extra = new LinkedHashMap<>(vars);
        extra.put("FIXTURE_ENV", "1");
        ProcessResult r = hook(unit, extra);
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(Long.toString(runtime), said(r).group(1));
        assertTrue(r.stdout().contains("\nenv=" + vars + "\n"), r.stdout());
        // where /bin/sh is bash, a name bash cannot hold as a variable reaches dispatch: env -0 writes that environment
        Map<String, String> dotted = new LinkedHashMap<>(extra);
        dotted.put("FIXTURE_V.DOTTED", "kept");
        Direct bash = direct(unit, List.of("/bin/bash"), dotted, Path.of("/dev/null"), false);
        assertEquals(0, bash.exit(), bash.err());
        Map<String, String> withDotted = new java.util.TreeMap<>(vars);
        withDotted.put("FIXTURE_V.DOTTED", "kept");
        assertTrue(bash.out().startsWith("pid=" + runtime + " "), bash.out());
        assertTrue(bash.out().contains("\nenv=" + withDotted + "\n"), bash.out());
    }

    @Test
    void aKilledDispatchStopsItsHookInTheRuntime() throws Exception {
        Path unit = unit("killed");
        long runtime = warmUp(unit, Map.of());
        Path marker = tmp.resolve("sleep-marker");
        ProcessBuilder pb = new ProcessBuilder(unit.resolve("dispatch").toString()).directory(unit.toFile())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("killed.log").toFile());
        pb.environment().clear();
        pb.environment().putAll(env(unit, "config-changed", Map.of("FIXTURE_SLEEP", marker.toString())));
        Process p = pb.start();
        awaitTrue(() -> Files.exists(marker), "the hook to start sleeping");
        p.destroy(); // SIGTERM, as Juju stops a hook
        assertEquals(143, p.waitFor(), Files.readString(tmp.resolve("killed.log")));
        awaitTrue(() -> readQuietly(marker).equals("interrupted"), "the hook in the runtime to be interrupted");
        // Until the interrupted hook has returned, the runtime answers "busy" and hooks run cold.
        awaitTrue(() -> {
            ProcessResult next = hook(unit, Map.of());
            assertEquals(0, next.exitCode(), next.describe());
            return said(next).group(1).equals(Long.toString(runtime));
        }, "the same runtime to serve the next hook");
    }

    @Test
    void aRuntimeThatDoesNotAnswerIsBypassed() throws IOException {
        Path unit = unit("broken");
        warmUp(unit, Map.of());
        stopRuntimes();
        units.add(unit);
        try (ServerSocket mute = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // listens, never answers: dispatch gives up on it and runs the hook in a new JVM
            Files.writeString(runtimeFile(unit), mute.getLocalPort() + " token 1 whatever\n");
            ProcessResult r = hook(unit, Map.of());
            assertEquals(0, r.exitCode(), r.describe());
            assertNotEquals("1", said(r).group(1));
        }
        Files.writeString(runtimeFile(unit), "not a runtime file\n");
        ProcessResult garbage = hook(unit, Map.of());
        assertEquals(0, garbage.exitCode(), garbage.describe());
        assertEquals("hook config-changed on stderr\n", garbage.stderr(), "nothing about the runtime on stderr");
    }

    /**
     * A runtime that takes the hook (renames its claim) just as dispatch's 5 s run out: dispatch
     * can no longer take the claim back, so it waits for the answer and does not run the hook cold.
     */
    @Test
    void aHookTheRuntimeTookLateRunsOnlyThere() throws Exception {
        Path unit = unit("late");
        warmUp(unit, Map.of());
        stopRuntimes();
        units.add(unit);
        try (ServerSocket slow = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.writeString(runtimeFile(unit), slow.getLocalPort() + " token 1 whatever\n");
            Thread runtime = new Thread(() -> {
                try (Socket s = slow.accept()) {
                    Path dir = Path.of(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                            .readLine().split(" ", 5)[4]);
                    Files.move(dir.resolve("claim"), dir.resolve("claimed"), StandardCopyOption.ATOMIC_MOVE);
                    Thread.sleep(6000); // past dispatch's 5 s
                    s.getOutputStream().write("ok\n".getBytes(StandardCharsets.US_ASCII));
                    try (OutputStream err = Files.newOutputStream(dir.resolve("err"))) {
                        err.write("from the runtime, on stderr\n".getBytes(StandardCharsets.UTF_8));
                    }
                    s.getOutputStream().write("from the runtime\n".getBytes(StandardCharsets.UTF_8));
                    Files.writeString(dir.resolve("rc"), "0\n");
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            runtime.start();
            ProcessResult r = hook(unit, Map.of());
            runtime.join();
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals("from the runtime\n", r.stdout(), "the hook did not also run in a new JVM");
            assertEquals("from the runtime, on stderr\n", r.stderr());
        }
    }

    /** A runtime that answers after dispatch gave up finds no claim and does not run the hook. */
    @Test
    void aHookDispatchGaveUpOnNeverRunsInTheRuntime() throws Exception {
        Path unit = unit("gave-up");
        long runtime = warmUp(unit, Map.of());
        String[] file = Files.readString(runtimeFile(unit)).trim().split(" ");
        Path dir = Files.createDirectories(unit.resolve(".jcharm-warm/h.test"));
        Path marker = tmp.resolve("gave-up-marker");
        StringBuilder env = new StringBuilder();
        env(unit, "config-changed", Map.of("FIXTURE_SLEEP", marker.toString())).forEach((k, v) -> env.append(k).append('=')
                .append(v).append('\0'));
        Files.writeString(dir.resolve("env"), env);
        // no claim file: dispatch deleted it when its 5 s ran out, and runs the hook itself
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(file[0]))) {
            s.getOutputStream().write(("jcharm-warm1 " + file[1] + " " + file[3] + " 1 " + dir + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, s.getInputStream().read(), "the runtime closed the connection without taking the hook");
        }
        assertFalse(Files.exists(marker), "the hook did not start");
        assertFalse(Files.exists(dir.resolve("rc")));
        awaitTrue(() -> readQuietly(unit.resolve(".jcharm-warm/runtime.log")).contains("dispatch gave up on the hook in "
                + dir), "the runtime to say why it did not run the hook");
        ProcessResult next = hook(unit, Map.of());
        assertEquals(Long.toString(runtime), said(next).group(1), "the runtime still serves the next hook");
    }

    @Test
    void anUpgradedCharmReplacesTheRuntime() throws IOException {
        Path unit = unit("upgrade");
        long old = warmUp(unit, Map.of());
        Path dispatch = unit.resolve("dispatch");
        String script = Files.readString(dispatch);
        Matcher build = Pattern.compile("(?m)^warm_build=(\\S+)$").matcher(script);
        assertTrue(build.find(), script);
        Files.writeString(dispatch, build.replaceFirst("warm_build=" + build.group(1) + "-upgraded"));
        ProcessResult upgraded = hook(unit, Map.of());
        assertEquals(0, upgraded.exitCode(), upgraded.describe());
        assertNotEquals(Long.toString(old), said(upgraded).group(1), "the hook did not run in the outdated runtime");
        assertEquals(runtimePid(unit).orElseThrow().toString(), said(upgraded).group(1), "it ran in the new one it started");
        awaitTrue(() -> ProcessHandle.of(old).map(h -> !h.isAlive()).orElse(true), "the outdated runtime to exit");
        awaitTrue(() -> readQuietly(runtimeFile(unit)).contains("-upgraded"), "a runtime of the new build");
        ProcessResult next = hook(unit, Map.of());
        assertEquals(runtimePid(unit).orElseThrow().toString(), said(next).group(1));
    }

    @Test
    void theRuntimeExitsWhenIdle() {
        Path unit = unit("idle");
        long pid = warmUp(unit, Map.of(DispatchScript.WARM_IDLE_ENV, "2"));
        awaitTrue(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "the idle runtime to exit");
        assertFalse(Files.exists(runtimeFile(unit)), "it removed its runtime file");
    }

    @Test
    void warmZeroStartsNoRuntime() {
        Path unit = unit("off");
        ProcessResult r = hook(unit, Map.of(DispatchScript.WARM_ENV, "0"));
        assertEquals(0, r.exitCode(), r.describe());
        assertFalse(Files.exists(unit.resolve(".jcharm-warm")));
    }

    /** Garbage is the collector's business: a full collection after every big hook cost 0.1-0.2 s each. */
    @Test
    void garbageAHookLeftForcesNoCollectionAndKeepsTheRuntime() throws IOException {
        Path unit = unit("garbage");
        Path gcLog = tmp.resolve("garbage-gc.log");
        long runtime = warmUp(unit, Map.of(DispatchScript.OPTS_ENV, "-Xlog:gc:file=" + gcLog));
        ProcessResult big = hook(unit, Map.of("FIXTURE_GARBAGE_MB", "28"));
        assertEquals(0, big.exitCode(), big.describe());
        assertTrue(big.stdout().contains("held 28 MiB"), big.describe());
        ProcessResult next = hook(unit, Map.of());
        assertEquals(Long.toString(runtime), said(next).group(1), "the runtime serves the next hook");
        assertFalse(Files.readString(gcLog).contains("System.gc()"), Files.readString(gcLog));
    }

    /** Data left behind is a leak: the runtime exits once it fills half the heap (seen at most one hook late). */
    @Test
    void dataHooksLeaveBehindInHalfTheHeapEndsTheRuntime() {
        Path unit = unit("kept");
        long runtime = warmUp(unit, Map.of());
        ProcessResult keeping = hook(unit, Map.of("FIXTURE_KEEP_MB", "36"));
        assertEquals(0, keeping.exitCode(), keeping.describe());
        assertEquals(Long.toString(runtime), said(keeping).group(1));
        ProcessResult busy = hook(unit, Map.of("FIXTURE_GARBAGE_MB", "12"));
        assertEquals(0, busy.exitCode(), busy.describe());
        awaitTrue(() -> ProcessHandle.of(runtime).map(h -> !h.isAlive()).orElse(true), "the runtime to exit");
        String log = readQuietly(unit.resolve(".jcharm-warm/runtime.log"));
        assertTrue(log.contains("more than half the heap is still in use after a hook: exiting"), log);
        ProcessResult next = hook(unit, Map.of());
        assertNotEquals(Long.toString(runtime), said(next).group(1), "the next hook runs in a new JVM");
    }
}
