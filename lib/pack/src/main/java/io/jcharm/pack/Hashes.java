package io.jcharm.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 keys for the packer's caches: a linked runtime and a startup archive are reused only
 * when everything that went into them is byte-identical.
 *
 * <pre>{@code
 * String key = Hashes.tree(stageDir, List.of("runtime/jcharm.aot"));
 * }</pre>
 */
final class Hashes {
    private Hashes() {
    }

    static String sha256(String s) {
        MessageDigest md = digest();
        md.update(s.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    /** A hash of one file's bytes. */
    static String file(Path f) {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(f)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new PackException("cannot hash " + f + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** A hash of every file's path, execute bit and bytes under {@code dir}, minus {@code skip}. */
    static String tree(Path dir, List<String> skip) {
        MessageDigest md = digest();
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            byte[] buf = new byte[1 << 16];
            for (Path f : files) {
                String name = dir.relativize(f).toString();
                if (skip.contains(name)) {
                    continue;
                }
                md.update((name + "|" + Files.isExecutable(f) + "|").getBytes(StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(f)) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        md.update(buf, 0, n);
                    }
                }
            }
        } catch (IOException e) {
            throw new PackException("cannot hash " + dir + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }
}
