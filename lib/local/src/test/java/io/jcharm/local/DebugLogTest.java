package io.jcharm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model's log: Juju's line shape, one line per message line, filters by unit and application. */
class DebugLogTest {
    @TempDir
    Path dir;

    @Test
    void linesAreTaggedAndFilteredByUnitOrApplication() {
        StateDir dirs = new StateDir(dir);
        DebugLog log = new DebugLog(dirs.debugLog(), Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC));
        log.append("hello/0", "INFO", "unit.hello/0.juju-log", "one\ntwo\n");
        log.append("hello-a/0", "ERROR", "juju.worker.uniter.operation", "boom");
        log.append("hello/12", "DEBUG", "unit.hello/12.install", "three");
        List<String> hello = LocalModel.readLog(dir, 10, Optional.of("hello"));
        assertEquals(3, hello.size(), hello.toString());
        assertTrue(hello.get(0).matches("unit-hello-0: \\d\\d:\\d\\d:\\d\\d INFO unit.hello/0.juju-log one"), hello.get(0));
        assertTrue(hello.get(2).startsWith("unit-hello-12: "), "not the lines of hello-a");
        assertEquals(1, LocalModel.readLog(dir, 10, Optional.of("hello-a/0")).size());
        assertEquals(List.of(hello.get(2)), LocalModel.readLog(dir, 1, Optional.of("hello")), "the last lines");
        assertEquals(4, LocalModel.readLog(dir, 100, Optional.empty()).size());
    }
}
