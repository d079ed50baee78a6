package io.jcharm.pack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jars go into the charm stored, with the same entries, order and bytes. */
class JarRepackerTest {
    @TempDir
    Path tmp;

    @Test
    void storesEveryEntryUnchanged() throws IOException {
        Path jar = tmp.resolve("lib.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Multi-Release", "true");
        byte[] big = "class bytes ".repeat(1000).getBytes(StandardCharsets.UTF_8);
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, mf)) {
            out.putNextEntry(new JarEntry("z/Last.class"));
            out.write(big);
            out.closeEntry();
            out.putNextEntry(new JarEntry("a/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("a/First.class"));
            out.write(new byte[] {1, 2, 3});
            out.closeEntry();
        }
        Path stored = tmp.resolve("stored.jar");
        JarRepacker.store(jar, stored, Instant.parse("2026-01-01T00:00:00Z"));
        try (JarFile before = new JarFile(jar.toFile()); JarFile after = new JarFile(stored.toFile())) {
            List<String> names = new ArrayList<>();
            for (JarEntry e : Collections.list(after.entries())) {
                names.add(e.getName());
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
                if (!e.isDirectory()) {
                    assertArrayEquals(before.getInputStream(before.getEntry(e.getName())).readAllBytes(),
                            after.getInputStream(e).readAllBytes(), e.getName());
                }
            }
            assertEquals(Collections.list(before.entries()).stream().map(ZipEntry::getName).toList(), names);
            assertEquals("true", after.getManifest().getMainAttributes().getValue("Multi-Release"));
        }
        Path again = tmp.resolve("again.jar");
        JarRepacker.store(jar, again, Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(-1L, Files.mismatch(stored, again), "rewriting is reproducible");
    }
}
