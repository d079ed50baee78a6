package io.jcharm.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes: small sh scripts in a temporary directory put on PATH. */
class ProcessRunnerTest {
    private static final Duration SHORT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    private Path bin;
    private Map<String, String> env;
    private final ProcessRunner runner = new ProcessRunner();

    @BeforeEach
    void setUp() throws IOException {
        bin = Files.createDirectories(tmp.resolve("my bin")); // a space: nothing may be split or quoted
        env = Map.of("PATH", bin + ":/usr/bin:/bin", "GREETING", "hi there");
    }

    private void script(String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private ProcessResult run(String... argv) {
        return runner.run(Command.of(List.of(argv)).env(env).timeout(SHORT));
    }

    @Test
    void argvReachesTheProgramVerbatimAndOutputsAreKept() throws IOException {
        script("args", "for a in \"$@\"; do printf '<%s>\\n' \"$a\"; done; echo oops >&2; exit 3");
        ProcessResult r = run("args", "a b", "$HOME", "x;rm -rf /", "", "'q'");
        assertEquals(3, r.exitCode());
        assertFalse(r.ok());
        assertEquals("<a b>\n<$HOME>\n<x;rm -rf />\n<>\n<'q'>\n", r.stdout());
        assertEquals("oops\n", r.stderr());
        assertEquals("args 'a b' $HOME 'x;rm -rf /' '' 'q' exited 3: oops", r.describe());
    }

    @Test
    void missingProgramIsTypedAndNamesThePath() {
        ProgramNotFoundException e = assertThrows(ProgramNotFoundException.class, () -> run("no-such-tool", "x"));
        assertEquals("no-such-tool", e.program());
        assertEquals("cannot run `no-such-tool x`: no-such-tool was not found on PATH (" + bin + ":/usr/bin:/bin)",
                e.getMessage());
        Path plain = tmp.resolve("plain");
        ProgramNotFoundException notExecutable = assertThrows(ProgramNotFoundException.class, () -> {
            Files.writeString(plain, "#!/bin/sh\necho hi\n");
            run(plain.toString());
        });
        assertTrue(notExecutable.getMessage().endsWith("was not found or is not executable"), notExecutable.getMessage());
    }

    @Test
    void absolutePathRunsWithoutPathLookupInTheGivenDirectory() throws IOException {
        script("where", "pwd");
        Path dir = Files.createDirectories(tmp.resolve("work dir"));
        ProcessResult r = runner.run(Command.of(List.of(bin.resolve("where").toString())).in(dir));
        assertEquals(dir.toRealPath() + "\n", r.stdout());
    }

    @Test
    void timeoutKillsTheProcessAndWhatItStarted() throws IOException {
        Path marker = tmp.resolve("child-pid");
        // The child sleeps in the background and the script waits for it, as dispatch waits for its JVM.
        script("hang", "sleep 30 & echo $! > '" + marker + "'; wait");
        ProcessTimeoutException e = assertThrows(ProcessTimeoutException.class,
                () -> runner.run(Command.of(List.of("hang")).env(env).timeout(Duration.ofMillis(500))));
        assertEquals(Duration.ofMillis(500), e.timeout());
        assertEquals("`hang` did not finish within 0 s (500 ms) and was killed", e.getMessage());
        long child = Long.parseLong(Files.readString(marker).strip());
        // Killing is asynchronous: give it a moment, far less than the 30 s the child would sleep.
        ProcessHandle.of(child).ifPresent(h -> h.onExit().completeOnTimeout(h, 5, TimeUnit.SECONDS).join());
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the background child is killed too");
    }

    @Test
    void stdinIsFedThenClosedAndClosedByDefault() throws IOException {
        script("echo-in", "cat");
        ProcessResult r = runner.run(Command.of(List.of("echo-in")).env(env).stdin("p4ss\nword".getBytes(StandardCharsets.UTF_8)));
        assertEquals("p4ss\nword", r.stdout());
        assertEquals("", run("echo-in").stdout(), "without stdin cat ends at once instead of waiting");
    }

    @Test
    void theGivenEnvironmentIsTheWholeEnvironment() throws IOException {
        script("env1", "echo \"$GREETING|${HOME-unset}\"");
        assertEquals("hi there|unset\n", run("env1").stdout());
    }

    @Test
    void outputCanGoToAFileInterleaved() throws IOException {
        script("both", "echo one; echo two >&2; echo three");
        Path out = tmp.resolve("logs/hook.log");
        ProcessResult r = runner.run(Command.of(List.of("both")).env(env).outputTo(out));
        assertEquals(0, r.exitCode());
        assertEquals("", r.stdout());
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.containsAll(List.of("one", "two", "three")), lines.toString());
    }

    @Test
    void largeOutputNeverBlocks() throws IOException {
        script("loud", "i=0; while [ $i -lt 20000 ]; do echo 'a line of output that fills pipes'; i=$((i+1)); done");
        assertEquals(20000, run("loud").stdout().lines().count());
    }

    @Test
    void resultToStringNeverShowsStdout() {
        ProcessResult r = new ProcessResult(List.of("microk8s", "config"), 0, "token: s3cr3t", "");
        assertFalse(r.toString().contains("s3cr3t"), r.toString());
        assertTrue(r.toString().contains("microk8s config"), r.toString());
    }

    @Test
    void badCommandsAreRefusedBeforeRunning() {
        assertThrows(IllegalArgumentException.class, () -> Command.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Command.of(List.of("x")).timeout(Duration.ZERO));
    }
}
