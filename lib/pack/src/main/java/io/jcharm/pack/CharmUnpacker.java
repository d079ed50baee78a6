package io.jcharm.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks a {@code .charm} the way Juju's unit agent does (juju/utils zip.Extract): file modes
 * from the entries, parents created as needed, and no file times kept, so that checks on the
 * result see what a unit sees.
 *
 * <pre>{@code
 * CharmUnpacker.unpack(Path.of("hello_ubuntu-24.04-amd64.charm"), Path.of("/tmp/unit dir/charm"));
 * }</pre>
 */
public final class CharmUnpacker {
    private CharmUnpacker() {
    }

    public static void unpack(Path charm, Path dir) {
        try (ZipFile zip = ZipFile.builder().setPath(charm).get()) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                String name = e.getName();
                while (name.startsWith("/") || name.startsWith("../")) {
                    name = name.startsWith("/") ? name.substring(1) : name.substring(3);
                }
                Path target = dir.resolve(name).normalize();
                if (!target.startsWith(dir)) {
                    throw new PackException("entry " + e.getName() + " of " + charm + " leaves the charm directory");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, target);
                }
                // Go's archive/zip honours modes only from Unix-made entries; otherwise 0666.
                int mode = e.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? e.getUnixMode() & 0777 : 0666;
                Files.setPosixFilePermissions(target, permissions(mode));
            }
        } catch (IOException e) {
            throw new PackException("cannot unpack " + charm + " into " + dir + ": " + e.getMessage(), e);
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                perms.add(order[i]);
            }
        }
        return perms;
    }
}
