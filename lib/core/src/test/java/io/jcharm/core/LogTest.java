package io.jcharm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.tools.HookToolException;
import io.jcharm.core.tools.LogLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogTest {
    private final RecordingHookTools tools = new RecordingHookTools();
    private final Fixtures.Captured stderr = new Fixtures.Captured();

    private Log log(boolean debug) {
        return new Log(tools, stderr.stream, debug);
    }

    @Test
    void levelsMapToJujuLogLevels() {
        Log log = log(false);
        log.debug("d");
        log.info("i");
        log.warning("w");
        log.error("e");
        log.log(LogLevel.CRITICAL, "c");
        assertEquals(List.of("DEBUG d", "INFO i", "WARNING w", "ERROR e", "CRITICAL c"), tools.logs);
        assertEquals("", stderr.text(), "stderr is quiet unless JUJU_DEBUG is set");
    }

    @Test
    void secretValuesAreRedactedLongestFirst() {
        Log log = log(false);
        log.addSecrets(List.of("abcd", "abcdefgh", "xy"));
        log.info("abcdefgh abcd xy");
        assertEquals(List.of("INFO *** *** xy"), tools.logs);
        assertEquals("", log.redact(null));
    }

    @Test
    void failingJujuLogFallsBackToStderrWithoutRecursing() {
        tools.jujuLogFailure = new HookToolException(List.of("juju-log"), 1, "ERROR cannot connect to agent "
                + "(message was topsecret1)");
        Log log = log(false);
        log.addSecrets(List.of("topsecret1"));
        log.warning("disk almost full; token topsecret1");
        assertEquals(1, tools.count("juju-log"), "juju-log is tried once, never again for its own failure");
        String err = stderr.text();
        assertTrue(err.startsWith("WARNING disk almost full; token *** (juju-log failed: "), err);
        assertTrue(!err.contains("topsecret1"), "the failure text is redacted too: " + err);
    }

    @Test
    void jujuDebugAlsoWritesToStderr() {
        log(true).info("hello");
        assertEquals("INFO hello\n", stderr.text());
        assertEquals(List.of("INFO hello"), tools.logs);
    }

    @Test
    void fatalAlwaysReachesStderrOnce() {
        log(false).fatal("broken");
        assertEquals("ERROR broken\n", stderr.text());
        assertEquals(List.of("ERROR broken"), tools.logs);
        Fixtures.Captured debugErr = new Fixtures.Captured();
        new Log(tools, debugErr.stream, true).fatal("broken");
        assertEquals("ERROR broken\n", debugErr.text(), "not twice with JUJU_DEBUG");
    }
}
