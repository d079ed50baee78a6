package io.jcharm.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reproducible zip writer, and unpacking as Juju does. */
class CharmZipTest {
    private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    private Path stage() throws IOException {
        Path stage = Files.createDirectories(tmp.resolve("stage"));
        Files.writeString(stage.resolve("metadata.yaml"), "name: demo\n");
        Files.writeString(stage.resolve("dispatch"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(stage.resolve("dispatch"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createDirectories(stage.resolve("runtime/bin"));
        Files.writeString(stage.resolve("runtime/bin/java"), "elf");
        Files.setPosixFilePermissions(stage.resolve("runtime/bin/java"), PosixFilePermissions.fromString("rwx------"));
        Files.writeString(stage.resolve("a.txt"), "a");
        Files.setLastModifiedTime(stage.resolve("a.txt"), FileTime.from(Instant.now()));
        return stage;
    }

    @Test
    void sortedUnixFileEntriesWithNormalisedModes() throws IOException {
        Path charm = tmp.resolve("demo.charm");
        List<String> names = CharmZip.write(stage(), charm, TIME);
        assertEquals(List.of("a.txt", "dispatch", "metadata.yaml", "runtime/bin/java"), names);
        List<String> seen = new ArrayList<>();
        try (ZipFile zip = ZipFile.builder().setPath(charm).get()) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                seen.add(e.getName() + " " + Integer.toOctalString(e.getUnixMode()));
                assertEquals(ZipArchiveEntry.PLATFORM_UNIX, e.getPlatform());
            }
        }
        assertEquals(List.of("a.txt 100644", "dispatch 100755", "metadata.yaml 100644", "runtime/bin/java 100755"), seen);
    }

    @Test
    void sameInputSameBytesWhateverTheFileTimes() throws IOException {
        Path stage = stage();
        Path one = tmp.resolve("one.charm");
        Path two = tmp.resolve("two.charm");
        CharmZip.write(stage, one, TIME);
        Files.setLastModifiedTime(stage.resolve("metadata.yaml"), FileTime.from(Instant.parse("2031-01-01T00:00:00Z")));
        CharmZip.write(stage, two, TIME);
        assertEquals(-1L, Files.mismatch(one, two));
    }

    @Test
    void refusesATopLevelBuildDirectory() throws IOException {
        Path stage = stage();
        Files.createDirectories(stage.resolve("build"));
        Files.writeString(stage.resolve("build/x"), "x");
        PackException e = assertThrows(PackException.class, () -> CharmZip.write(stage, tmp.resolve("x.charm"), TIME));
        assertTrue(e.getMessage().contains("build/x under a top-level build/ directory, which Juju drops"), e.getMessage());
    }

    @Test
    void unpacksWithModesLikeJuju() throws IOException {
        Path charm = tmp.resolve("demo.charm");
        CharmZip.write(stage(), charm, TIME);
        Path unit = tmp.resolve("unit dir/charm");
        CharmUnpacker.unpack(charm, Files.createDirectories(unit));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(unit.resolve("dispatch"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(unit.resolve("a.txt"))));
        assertEquals("name: demo\n", Files.readString(unit.resolve("metadata.yaml")));
    }
}
