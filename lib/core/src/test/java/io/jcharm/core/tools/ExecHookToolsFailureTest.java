package io.jcharm.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link ExecHookTools} fails: typed exceptions from Juju's error texts, unexpected
 * output, missing tools, timeouts, and juju-log's splitting of long messages.
 */
class ExecHookToolsFailureTest {

    private static final RelationRef DB9 = new RelationRef("db", 9);

    @TempDir
    Path tmp;
    FakeTools fake;
    ExecHookTools tools;

    @BeforeEach
    void setUp() {
        fake = new FakeTools(tmp);
        tools = new ExecHookTools(fake.env);
    }

    @Test
    void relationNotFoundKeepsCommandExitCodeAndStderr() {
        String stderr = "ERROR invalid value \"db:9\" for option -r: relation not found\n";
        fake.fail("relation-get", 2, stderr);
        RelationNotFoundException e = assertThrows(RelationNotFoundException.class,
                () -> tools.relationGet(DB9, "mysql/0", false));
        assertEquals(List.of("relation-get", "--format=json", "-r", "db:9", "-", "mysql/0"), e.command());
        assertEquals(2, e.exitCode());
        assertEquals(stderr, e.stderr());
        assertTrue(e.getMessage().contains("relation not found"), e.getMessage());
    }

    @Test
    void relationNotFoundFromNetworkGetIgnoringCase() {
        fake.fail("network-get", 2, "ERROR invalid value \"db:9\" for option -r: Relation Not Found\n");
        assertThrows(RelationNotFoundException.class, () -> tools.networkGet("db", Optional.of(DB9)));
    }

    @Test
    void secretNotFound() {
        fake.fail("secret-get", 1, "ERROR secret \"123\" not found\n");
        SecretNotFoundException e = assertThrows(SecretNotFoundException.class,
                () -> tools.secretGet(Optional.of("123"), Optional.empty(), false, false));
        assertEquals(1, e.exitCode());
        assertEquals("ERROR secret \"123\" not found\n", e.stderr());
    }

    @Test
    void secretThatExistsButWasNotGrantedIsPermissionDenied() {
        String stderr = "ERROR permission denied\n";
        fake.fail("secret-get", 1, stderr);
        SecretPermissionDeniedException e = assertThrows(SecretPermissionDeniedException.class,
                () -> tools.secretGet(Optional.of("secret:cv0tmpd2ju3s6aaaaaaa"), Optional.empty(), true, false));
        assertEquals(List.of("secret-get", "--format=json", "secret:cv0tmpd2ju3s6aaaaaaa", "--refresh"), e.command());
        assertEquals(stderr, e.stderr());
        fake.fail("secret-info-get", 1, "ERROR Permission Denied\n");
        assertThrows(SecretPermissionDeniedException.class,
                () -> tools.secretInfoGet(Optional.of("secret:cv0tmpd2ju3s6aaaaaaa"), Optional.empty()));
        fake.fail("secret-set", 1, "ERROR permission denied\n");
        assertThrows(SecretPermissionDeniedException.class,
                () -> tools.secretSet("secret:cv0tmpd2ju3s6aaaaaaa", Optional.empty(), SecretOptions.none()));
    }

    @Test
    void notFoundFromOtherToolsIsAPlainHookToolException() {
        fake.fail("config-get", 1, "ERROR relation not found\n");
        HookToolException e = assertThrows(HookToolException.class, () -> tools.configGet());
        assertEquals(HookToolException.class, e.getClass());
        fake.fail("secret-ids", 1, "ERROR permission denied\n");
        assertEquals(HookToolException.class, assertThrows(HookToolException.class, () -> tools.secretIds()).getClass());
    }

    @Test
    void otherFailureIsAHookToolExceptionNamingCommandAndStderr() {
        fake.fail("relation-set", 1, "ERROR cannot write relation settings\n");
        HookToolException e = assertThrows(HookToolException.class,
                () -> tools.relationSet(DB9, java.util.Map.of("k", "v"), true));
        assertEquals(HookToolException.class, e.getClass());
        assertEquals(List.of("relation-set", "-r", "db:9", "--app", "--file", "-"), e.command());
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().contains("relation-set -r db:9 --app --file -"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot write relation settings"), e.getMessage());
    }

    @Test
    void malformedJsonSaysTheToolGaveUnexpectedOutput() {
        fake.answer("relation-get", "not json {\n");
        HookToolException e = assertThrows(HookToolException.class, () -> tools.relationGet(DB9, "mysql/0", false));
        assertTrue(e.getMessage().startsWith("relation-get --format=json -r db:9 - mysql/0 gave unexpected output"),
                e.getMessage());
        assertTrue(e.getMessage().contains("\"not json {\""), e.getMessage());
        assertEquals(0, e.exitCode());
    }

    @Test
    void wrongJsonShapeIsUnexpectedOutputAndLongOutputIsTruncated() {
        fake.answer("config-get", "[\"" + "x".repeat(5000) + "\"]\n");
        HookToolException e = assertThrows(HookToolException.class, () -> tools.configGet());
        assertTrue(e.getMessage().contains("config-get --format=json gave unexpected output (expected a JSON object)"),
                e.getMessage());
        assertTrue(e.getMessage().length() < 600, "message not truncated: " + e.getMessage().length());
        fake.answer("is-leader", "yes\n");
        assertThrows(HookToolException.class, () -> tools.isLeader());
        fake.answer("status-get", "{\"status\":\"sleepy\",\"message\":\"\"}\n");
        assertThrows(HookToolException.class, () -> tools.unitStatusGet());
    }

    @Test
    void missingToolSaysToCheckHookContextAndPath() {
        fake.remove("is-leader");
        HookToolException e = assertThrows(HookToolException.class, () -> tools.isLeader());
        assertEquals(-1, e.exitCode());
        assertEquals(List.of("is-leader", "--format=json"), e.command());
        assertTrue(e.getMessage().contains("not found on PATH"), e.getMessage());
        assertTrue(e.getMessage().contains("Juju hook"), e.getMessage());
    }

    @Test
    void toolThatDoesNotFinishIsKilledAtTheTimeout() {
        fake.hang("goal-state");
        ExecHookTools quick = new ExecHookTools(fake.env, Duration.ofMillis(300));
        HookToolException e = assertThrows(HookToolException.class, quick::goalState);
        assertEquals(-1, e.exitCode());
        assertTrue(e.getMessage().contains("did not finish within 300 ms"), e.getMessage());
        assertEquals("goal-state", fake.only("goal-state").tool()); // it did start
    }

    /** A call starts no thread of its own (Commons Exec started three): only the JVM's one watchdog and the JDK's process reaper. */
    @Test
    void aCallStartsNoThreadButTheOneWatchdog() {
        fake.answer("is-leader", "true\n");
        fake.answer("relation-set", "");
        tools.isLeader();
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        for (int i = 0; i < 5; i++) {
            tools.isLeader();
            tools.relationSet(DB9, java.util.Map.of("k", "v"), false); // with stdin
        }
        List<String> started = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                .map(Thread::getName).filter(n -> !n.startsWith("process reaper")).toList();
        assertEquals(List.of(), started);
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("jcharm-hook-tool-watchdog")
                && t.isDaemon()));
    }

    @Test
    void longJujuLogMessagesAreSplitAfterANotice() {
        String message = "a".repeat(131071 * 2 + 5);
        tools.jujuLog(LogLevel.INFO, message);
        List<FakeTools.Call> calls = fake.calls();
        assertEquals(4, calls.size());
        assertEquals(List.of("--log-level", "INFO", "--"), calls.get(0).args().subList(0, 3));
        assertTrue(calls.get(0).args().get(3).contains("3 parts"), calls.get(0).args().toString());
        StringBuilder joined = new StringBuilder();
        for (FakeTools.Call c : calls.subList(1, 4)) {
            assertEquals(List.of("--log-level", "INFO", "--"), c.args().subList(0, 3));
            assertTrue(c.args().get(3).length() <= 131071);
            joined.append(c.args().get(3));
        }
        assertEquals(message, joined.toString());
    }

    @Test
    void multibyteJujuLogMessagesAreSplitByBytesNotCharacters() {
        String message = "é".repeat(70_000) + "😀"; // 140,004 bytes in fewer than 131071 characters
        tools.jujuLog(LogLevel.DEBUG, message);
        List<FakeTools.Call> calls = fake.calls();
        assertEquals(3, calls.size());
        StringBuilder joined = new StringBuilder();
        for (FakeTools.Call c : calls.subList(1, 3)) {
            assertTrue(c.args().get(3).getBytes(StandardCharsets.UTF_8).length <= 131071);
            joined.append(c.args().get(3));
        }
        assertEquals(message, joined.toString());
    }

    @Test
    void failingJujuLogThrowsWithoutLoggingAboutItself() {
        fake.fail("juju-log", 1, "ERROR connection refused\n");
        HookToolException e = assertThrows(HookToolException.class, () -> tools.jujuLog(LogLevel.ERROR, "boom"));
        assertEquals("ERROR connection refused\n", e.stderr());
        assertEquals(1, fake.calls().size());
    }
}
