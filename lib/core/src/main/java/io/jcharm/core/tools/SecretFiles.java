package io.jcharm.core.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Secret content as {@code key#file=/path} arguments: each value in its own file, created
 * 0600 inside a 0700 directory, all deleted on {@link #close()}. Values on argv would be
 * readable by every local user through /proc; files are not.
 */
final class SecretFiles implements AutoCloseable {

    /** Juju's rule for secret content keys. */
    private static final Pattern KEY = Pattern.compile("^([a-z](?:-?[a-z0-9]){2,})$");

    private final Path dir;
    private final List<Path> files = new ArrayList<>();
    private final List<String> args = new ArrayList<>();

    /**
     * Writes every value; on failure deletes what was written already.
     *
     * @throws IllegalArgumentException for empty content or a key Juju would reject (the
     *     message names the key, never a value)
     */
    SecretFiles(Map<String, String> content) {
        if (content.isEmpty()) {
            throw new IllegalArgumentException("secret content must have at least one key");
        }
        for (Map.Entry<String, String> e : content.entrySet()) {
            if (e.getKey() == null || !KEY.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("secret content key \"" + e.getKey() + "\" is invalid: use at"
                        + " least 3 characters of a-z, 0-9 and single dashes, starting with a letter");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("secret content key \"" + e.getKey() + "\" has no value");
            }
        }
        try {
            dir = Files.createTempDirectory("jcharm-secret-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a private temporary directory for secret content"
                    + " (java.io.tmpdir=" + System.getProperty("java.io.tmpdir") + "): " + e.getMessage(), e);
        }
        try {
            for (Map.Entry<String, String> e : new TreeMap<>(content).entrySet()) { // stable argv order
                // Created 0600 before any byte is written, so there is no window where it is readable.
                Path file = Files.createFile(dir.resolve(e.getKey()),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                files.add(file);
                Files.write(file, e.getValue().getBytes(StandardCharsets.UTF_8));
                args.add(e.getKey() + "#file=" + file);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io
                    ? new UncheckedIOException("could not write secret content to " + dir + ": " + io.getMessage(), io)
                    : (RuntimeException) e;
        }
    }

    /** The {@code key#file=/path} arguments, sorted by key. */
    List<String> args() {
        return List.copyOf(args);
    }

    /** Deletes every file and the directory; best effort, never throws. */
    @Override
    public void close() {
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // Nothing better to do: the file is 0600 in a 0700 directory.
            }
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // As above.
        }
    }
}
