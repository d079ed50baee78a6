package io.jcharm.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes a staged charm directory as a {@code .charm} zip that Juju unpacks correctly and that
 * is byte-for-byte reproducible: file entries only, in sorted order, each with Unix mode bits
 * and "version made by" Unix (Go's archive/zip ignores modes otherwise, and dispatch would lose
 * its execute bit), and one fixed timestamp.
 *
 * <pre>{@code
 * CharmZip.write(stageDir, Path.of("target/hello_ubuntu-24.04-amd64.charm"), Instant.parse("2026-01-01T00:00:00Z"));
 * }</pre>
 */
public final class CharmZip {
    private static final int REGULAR_FILE = 0100000;

    private CharmZip() {
    }

    /** Zips every regular file under {@code stage}; returns the entry names written. */
    public static List<String> write(Path stage, Path charm, Instant time) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(stage)) {
            files = walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new PackException("cannot list the staged charm in " + stage + ": " + e.getMessage(), e);
        }
        List<String> names = files.stream().map(f -> stage.relativize(f).toString().replace('\\', '/')).sorted().toList();
        for (String n : names) {
            if (n.startsWith("build/")) {
                // Juju drops a top-level build/ directory when it repacks an uploaded charm.
                throw new PackException("the staged charm has " + n + " under a top-level build/ directory, which Juju"
                        + " drops on upload; stage it elsewhere");
            }
        }
        // DOS times are local wall-clock fields: shift so that every machine writes the same bytes.
        long dosTime = time.toEpochMilli() - TimeZone.getDefault().getOffset(time.toEpochMilli());
        Path tmp = charm.resolveSibling(charm.getFileName() + ".tmp");
        try {
            Files.createDirectories(charm.toAbsolutePath().getParent());
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(tmp)) {
                zip.setLevel(Deflater.DEFAULT_COMPRESSION);
                zip.setMethod(ZipArchiveOutputStream.DEFLATED);
                for (String name : names) {
                    Path file = stage.resolve(name);
                    ZipArchiveEntry entry = new ZipArchiveEntry(name);
                    entry.setUnixMode(REGULAR_FILE | mode(file));
                    entry.setTime(dosTime);
                    entry.setSize(Files.size(file));
                    zip.putArchiveEntry(entry);
                    try (InputStream in = Files.newInputStream(file)) {
                        in.transferTo(zip);
                    }
                    zip.closeArchiveEntry();
                }
            }
            Files.move(tmp, charm, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PackException("cannot write " + charm + ": " + e.getMessage(), e);
        }
        return names;
    }

    /**
     * 0755 for anything executable, else 0644: the two modes Juju keeps when it repacks a charm,
     * so what we write is what units get.
     */
    static int mode(Path file) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        return perms.contains(PosixFilePermission.OWNER_EXECUTE) ? 0755 : 0644;
    }
}
