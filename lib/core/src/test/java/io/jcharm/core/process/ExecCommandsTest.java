package io.jcharm.core.process;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The charm-facing contract of {@link ExecCommands} over real child processes (small sh scripts
 * put on PATH): results, {@code check}, and the typed failures. How processes are run (argv,
 * environment, paths, output) is tested once, in jcharm-process's ProcessRunnerTest.
 */
class ExecCommandsTest {
    private static final Duration SHORT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    private Path bin;
    private Commands commands;

    @BeforeEach
    void setUp() throws IOException {
        bin = Files.createDirectories(tmp.resolve("my bin")); // a space: nothing may be split or quoted
        commands = new ExecCommands(Map.of("PATH", bin + ":/usr/bin:/bin", "GREETING", "hi there"));
    }

    private void script(String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void argvReachesTheProgramVerbatimAndOutputsAreKept() throws IOException {
        script("args", "for a in \"$@\"; do printf '<%s>\\n' \"$a\"; done; echo oops >&2; exit 3");
        CommandResult r = commands.run(List.of("args", "a b", "$HOME", "x;rm -rf /", "", "'q'"), SHORT);
        assertEquals(3, r.exitCode());
        assertFalse(r.ok());
        assertEquals("<a b>\n<$HOME>\n<x;rm -rf />\n<>\n<'q'>\n", r.stdout());
        assertEquals("oops\n", r.stderr());
    }

    @Test
    void checkFailsWithArgvExitCodeAndStderr() throws IOException {
        script("snap", "echo 'error: snap \"nope\" not found' >&2; exit 1");
        CommandException e = assertThrows(CommandException.class,
                () -> commands.check(List.of("snap", "install", "nope"), SHORT));
        assertEquals(List.of("snap", "install", "nope"), e.argv());
        assertEquals(1, e.exitCode());
        assertEquals("error: snap \"nope\" not found\n", e.stderr());
        assertTrue(e.getMessage().startsWith("command `snap install nope` failed with exit code 1: error: snap \"nope\""
                + " not found; check"), e.getMessage());
    }

    @Test
    void missingExecutableNamesThePath() {
        CommandNotFoundException e = assertThrows(CommandNotFoundException.class,
                () -> commands.run(List.of("no-such-tool", "x"), SHORT));
        assertEquals(-1, e.exitCode());
        assertEquals("no-such-tool", e.program());
        assertTrue(e.getMessage().contains("no-such-tool was not found on PATH (" + bin + ":/usr/bin:/bin)"),
                e.getMessage());
    }

    @Test
    void watchdogKillsACommandThatOverrunsItsTimeout() throws IOException {
        script("hang", "exec sleep 30");
        CommandException e = assertThrows(CommandException.class,
                () -> commands.run(List.of("hang"), Duration.ofMillis(300)));
        assertEquals(-1, e.exitCode());
        assertTrue(e.getMessage().startsWith("command `hang` did not finish within 0 s (300 ms) and was killed"),
                e.getMessage());
    }

    @Test
    void stdinIsFedAndClosed() throws IOException {
        script("rev", "cat");
        CommandResult r = commands.run(List.of("rev"), "p4ss\nword".getBytes(StandardCharsets.UTF_8), SHORT);
        assertEquals("p4ss\nword", r.stdout());
        // Without stdin the child's stdin is closed, so cat ends at once instead of waiting.
        assertEquals("", commands.check(List.of("rev"), SHORT).stdout());
    }

    @Test
    void resultToStringNeverShowsStdout() {
        CommandResult r = new CommandResult(List.of("microk8s", "config"), 0, "token: s3cr3t", "");
        assertFalse(r.toString().contains("s3cr3t"), r.toString());
        assertTrue(r.toString().contains("microk8s config"), r.toString());
    }

    @Test
    void badArgumentsAreRefusedBeforeRunning() {
        assertThrows(IllegalArgumentException.class, () -> commands.run(List.of(), SHORT));
        assertThrows(IllegalArgumentException.class, () -> commands.run(List.of("x"), Duration.ZERO));
    }
}
