package io.jcharm.local;

import io.jcharm.pack.CharmUnpacker;
import io.jcharm.pack.PackException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One unpacked copy per charm archive (by content hash) under {@code charms/unpacked/<sha256>},
 * and each unit's charm directory made of hard links to it: units and revisions of the same
 * archive share their files (a packed charm carries its own Java runtime, hundreds of MB),
 * while each unit still has a directory of its own for the files its hooks create. A copy no
 * unit links to any more is deleted ({@link #collect}).
 *
 * <pre>{@code
 * new CharmCache(dirs).install(archive, dirs.charmDir("hello/0", 1));
 * new CharmCache(dirs).collect(doc);   // after units or revisions went
 * }</pre>
 */
record CharmCache(StateDir dirs) {

    Path root() {
        return dirs.root().resolve("charms").resolve("unpacked");
    }

    /** Makes {@code dir} the unpacked archive: hard links to the shared copy (unpacked first if new). */
    void install(Path archive, Path dir) {
        Path shared = root().resolve(sha256(archive));
        try {
            if (!Files.isDirectory(shared)) {
                Path tmp = Files.createDirectories(root()).resolve(shared.getFileName() + ".tmp");
                StateDir.deleteTree(tmp);
                Files.createDirectories(tmp);
                CharmUnpacker.unpack(archive, tmp);
                Files.move(tmp, shared, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            StateDir.deleteTree(dir);
            link(shared, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + archive + " into " + dir + ": " + e.getMessage(), e);
        } catch (PackException e) {
            throw new LocalModelException("cannot unpack " + archive + " into " + dir + ": " + e.getMessage(), "repack the charm", e);
        }
    }

    /**
     * Deletes each shared copy none of whose files is linked from a unit any more, and each copied
     * archive no application deploys any more (older revisions, removed applications).
     */
    void collect(ModelDoc doc) {
        Path archives = dirs.root().resolve("charms");
        if (!Files.isDirectory(archives)) {
            return;
        }
        java.util.Set<Path> current = new java.util.HashSet<>();
        doc.applications.values().forEach(a -> current.add(dirs.root().resolve(a.charmArchive).normalize()));
        try (var files = Files.list(archives)) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().endsWith(".charm") && !current.contains(f.normalize())) {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + archives + ": " + e.getMessage(), e);
        }
        if (!Files.isDirectory(root())) {
            return;
        }
        try (var copies = Files.list(root())) {
            for (Path copy : copies.toList()) {
                if (!inUse(copy)) {
                    StateDir.deleteTree(copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root() + ": " + e.getMessage(), e);
        }
    }

    private static boolean inUse(Path copy) throws IOException {
        try (var files = Files.walk(copy)) {
            return files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).anyMatch(f -> {
                try {
                    return ((Number) Files.getAttribute(f, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() > 1;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void link(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                Path target = to.resolve(from.relativize(d).toString());
                Files.createDirectories(target);
                Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(d));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Path target = to.resolve(from.relativize(f).toString());
                if (a.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(f));
                } else {
                    Files.createLink(target, f);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
