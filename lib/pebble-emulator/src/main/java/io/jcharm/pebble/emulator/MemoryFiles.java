package io.jcharm.pebble.emulator;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * The container's filesystem, in memory: absolute paths to files and directories with mode and
 * owner. Errors carry Pebble's kinds and Go's wording ({@code stat /x: no such file or directory}).
 */
final class MemoryFiles {
    private final Object lock;
    private final TreeMap<String, Node> nodes = new TreeMap<>();
    private final java.util.Set<String> failingWrites = new java.util.HashSet<>();

    /** A per-path failure: kind and message as Pebble reports them. */
    static final class FileError extends RuntimeException {
        final String kind;

        FileError(String kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        static FileError notFound(String op, String path) {
            return new FileError("not-found", op + " " + path + ": no such file or directory");
        }
    }

    record Node(boolean directory, byte[] content, int mode, int userId, String user, int groupId, String group,
            Instant modified) {
    }

    /** Ownership to apply; nulls mean root, as Pebble running as root would do. */
    record Owner(Integer userId, String user, Integer groupId, String group) {
        static final Owner ROOT = new Owner(0, "root", 0, "root");

        int uid() {
            return userId != null ? userId : "root".equals(user) || user == null ? 0 : 1000;
        }

        int gid() {
            return groupId != null ? groupId : "root".equals(group) || group == null ? 0 : 1000;
        }

        String userName() {
            return user != null ? user : uid() == 0 ? "root" : "user" + uid();
        }

        String groupName() {
            return group != null ? group : gid() == 0 ? "root" : "group" + gid();
        }
    }

    MemoryFiles(Object lock) {
        this.lock = lock;
        for (String dir : List.of("/", "/root", "/tmp", "/etc", "/var", "/var/lib")) {
            nodes.put(dir, dir("/tmp".equals(dir) ? 0777 : 0755, Owner.ROOT));
        }
    }

    static String normalize(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new FileError("generic-file-error", "paths must be absolute, got \"" + path + "\"");
        }
        String normal = Path.of(path).normalize().toString();
        return normal.isEmpty() ? "/" : normal;
    }

    private static String parent(String path) {
        Path parent = Path.of(path).getParent();
        return parent == null ? "/" : parent.toString();
    }

    private static Node dir(int mode, Owner owner) {
        return new Node(true, null, mode, owner.uid(), owner.userName(), owner.gid(), owner.groupName(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Makes writes to {@code path} fail (or succeed again), as on a full disk. */
    void failWrite(String rawPath, boolean fail) {
        synchronized (lock) {
            if (fail) {
                failingWrites.add(normalize(rawPath));
            } else {
                failingWrites.remove(normalize(rawPath));
            }
        }
    }

    void write(String rawPath, byte[] content, boolean makeDirs, Integer mode, Owner owner) {
        synchronized (lock) {
            String path = normalize(rawPath);
            if (failingWrites.contains(path)) {
                // Go's wording for a failed write; the other files of the same push are written.
                throw new FileError("generic-file-error", "write " + path
                        + ": no space left on device (simulated by the jcharm Pebble emulator)");
            }
            if (makeDirs) {
                mkdirs(parent(path), 0755, owner);
            }
            Node parent = nodes.get(parent(path));
            if (parent == null) {
                throw FileError.notFound("open", path);
            }
            if (!parent.directory()) {
                throw new FileError("generic-file-error", "open " + path + ": not a directory");
            }
            Node existing = nodes.get(path);
            if (existing != null && existing.directory()) {
                throw new FileError("generic-file-error", "open " + path + ": is a directory");
            }
            nodes.put(path, new Node(false, content.clone(), mode == null ? 0644 : mode, owner.uid(),
                    owner.userName(), owner.gid(), owner.groupName(), Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        }
    }

    void makeDir(String rawPath, boolean parents, Integer mode, Owner owner) {
        synchronized (lock) {
            String path = normalize(rawPath);
            int bits = mode == null ? 0755 : mode;
            if (parents) {
                mkdirs(path, bits, owner);
                return;
            }
            if (nodes.containsKey(path)) {
                throw new FileError("generic-file-error", "mkdir " + path + ": file exists");
            }
            Node parent = nodes.get(parent(path));
            if (parent == null) {
                throw FileError.notFound("mkdir", path);
            }
            nodes.put(path, dir(bits, owner));
        }
    }

    private void mkdirs(String path, int mode, Owner owner) {
        Node existing = nodes.get(path);
        if (existing != null) {
            if (!existing.directory()) {
                throw new FileError("generic-file-error", "mkdir " + path + ": not a directory");
            }
            return;
        }
        mkdirs(parent(path), mode, owner);
        nodes.put(path, dir(mode, owner));
    }

    byte[] read(String rawPath) {
        synchronized (lock) {
            String path = normalize(rawPath);
            Node node = nodes.get(path);
            if (node == null) {
                throw FileError.notFound("stat", path);
            }
            if (node.directory()) {
                throw new FileError("generic-file-error", "can only read a regular file: \"" + path + "\"");
            }
            return node.content().clone();
        }
    }

    Optional<Node> node(String rawPath) {
        synchronized (lock) {
            return Optional.ofNullable(nodes.get(normalize(rawPath)));
        }
    }

    void remove(String rawPath, boolean recursive) {
        synchronized (lock) {
            String path = normalize(rawPath);
            if (!nodes.containsKey(path)) {
                if (recursive) {
                    return; // Go's os.RemoveAll: a missing path is not an error
                }
                throw FileError.notFound("remove", path);
            }
            Map<String, Node> below = children(path, true);
            if (!below.isEmpty() && !recursive) {
                throw new FileError("generic-file-error", "remove " + path + ": directory not empty");
            }
            below.keySet().forEach(nodes::remove);
            if (!path.equals("/")) {
                nodes.remove(path);
            }
        }
    }

    /** Entries as Pebble lists them: a file or {@code itself} gives one entry, a directory its children. */
    List<ObjectNode> list(String rawPath, String pattern, boolean itself) {
        synchronized (lock) {
            String path = normalize(rawPath);
            Node node = nodes.get(path);
            if (node == null) {
                throw FileError.notFound("stat", path);
            }
            Map<String, Node> entries = !node.directory() || itself ? Map.of(path, node) : children(path, false);
            PathMatcher matcher = pattern == null || pattern.isEmpty() ? null
                    : FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            List<ObjectNode> out = new ArrayList<>();
            new TreeMap<>(entries).forEach((p, n) -> {
                String name = p.equals("/") ? "/" : Path.of(p).getFileName().toString();
                if (matcher == null || matcher.matches(Path.of(name))) {
                    out.add(json(p, name, n));
                }
            });
            return out;
        }
    }

    List<String> paths() {
        synchronized (lock) {
            return List.copyOf(nodes.keySet());
        }
    }

    private Map<String, Node> children(String dir, boolean deep) {
        String prefix = dir.equals("/") ? "/" : dir + "/";
        Map<String, Node> out = new TreeMap<>();
        nodes.tailMap(prefix, false).forEach((p, n) -> {
            if (p.startsWith(prefix) && (deep || p.indexOf('/', prefix.length()) < 0)) {
                out.put(p, n);
            }
        });
        return out;
    }

    private static ObjectNode json(String path, String name, Node n) {
        ObjectNode node = Json.object();
        node.put("path", path);
        node.put("name", name);
        node.put("type", n.directory() ? "directory" : "file");
        if (!n.directory()) {
            node.put("size", n.content().length);
        }
        node.put("permissions", String.format("%03o", n.mode()));
        node.put("last-modified", n.modified().toString());
        node.put("user-id", n.userId());
        node.put("user", n.user());
        node.put("group-id", n.groupId());
        node.put("group", n.group());
        return node;
    }
}
