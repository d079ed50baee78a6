package io.jcharm.core.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook environment as {@code env -0} writes it. */
class HookEnvironmentTest {
    @TempDir
    Path tmp;

    @Test
    void readsNulSeparatedEntriesWithNewlinesAndEqualsInValues() throws IOException {
        Path f = tmp.resolve("env");
        Files.writeString(f, "A=1\0MULTI=line one\nline two\0EQ=a=b\0EMPTY=\0");
        assertEquals(Map.of("A", "1", "MULTI", "line one\nline two", "EQ", "a=b", "EMPTY", ""), HookEnvironment.read(f));
    }

    @Test
    void refusesATruncatedFile() throws IOException {
        Path f = tmp.resolve("env");
        Files.writeString(f, "A=1\0B=2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HookEnvironment.read(f));
        assertTrue(e.getMessage().contains("does not end with a NUL"), e.getMessage());
    }

    @Test
    void refusesAnEntryWithoutName() throws IOException {
        Path f = tmp.resolve("env");
        Files.writeString(f, "=x\0");
        assertThrows(IllegalArgumentException.class, () -> HookEnvironment.read(f));
    }
}
