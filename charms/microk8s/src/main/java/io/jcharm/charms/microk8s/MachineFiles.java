package io.jcharm.charms.microk8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files the charm writes on the machine, all under one root: {@code JCHARM_MACHINE_ROOT}
 * from the hook environment when set (tests, the local model), else {@code /}. Writes are
 * atomic and report whether anything changed, so services restart only when needed.
 *
 * <pre>{@code
 * MachineFiles files = MachineFiles.from(model.environment());
 * if (files.setBlock(MachineFiles.KUBELET_ARGS, "edge-profile", List.of("--max-pods=64"))) restart();
 * }</pre>
 */
final class MachineFiles {
    static final String ROOT_VARIABLE = "JCHARM_MACHINE_ROOT";
    static final String CONTAINERD_ENV = "/var/snap/microk8s/current/args/containerd-env";
    static final String KUBELET_ARGS = "/var/snap/microk8s/current/args/kubelet";
    static final String CERTS_D = "/var/snap/microk8s/current/args/certs.d";
    /** The snap renders containerd's config from this template when containerd starts. */
    static final String CONTAINERD_TEMPLATE = "/var/snap/microk8s/current/args/containerd-template.toml";
    static final String SYSCTL_DROP_IN = "/etc/sysctl.d/60-microk8s-edge.conf";

    private final Path root;

    MachineFiles(Path root) {
        this.root = root;
    }

    static MachineFiles from(Map<String, String> environment) {
        String r = environment.getOrDefault(ROOT_VARIABLE, "");
        return new MachineFiles(Path.of(r.isBlank() ? "/" : r));
    }

    /** Where an absolute machine path really is. */
    Path path(String absolute) {
        return root.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
    }

    Optional<String> read(String absolute) {
        Path p = path(absolute);
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + p + " failed: " + e.getMessage()
                    + "; check the file's permissions (hooks run as root)", e);
        }
    }

    /**
     * Writes {@code content} when it differs, atomically, with {@code mode} (such as "rw-------";
     * null keeps an existing file's mode, else rw-r--r--).
     *
     * @return whether the file changed
     */
    boolean write(String absolute, String content, String mode) {
        if (read(absolute).filter(content::equals).isPresent()) {
            return false;
        }
        Path p = path(absolute);
        try {
            Files.createDirectories(p.getParent());
            var perms = mode != null ? PosixFilePermissions.fromString(mode)
                    : Files.exists(p) ? Files.getPosixFilePermissions(p) : PosixFilePermissions.fromString("rw-r--r--");
            Path tmp = Files.createTempFile(p.getParent(), "." + p.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(perms));
            Files.setPosixFilePermissions(tmp, perms); // the umask may have narrowed the attribute
            if (Files.exists(p)) {
                // The snap gives its args files to the microk8s group; a replaced file keeps owner and group.
                PosixFileAttributes was = Files.readAttributes(p, PosixFileAttributes.class);
                PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
                view.setGroup(was.group());
                view.setOwner(was.owner());
            }
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + p + " failed: " + e.getMessage()
                    + "; check the disk is not full and the directory is writable by root", e);
        }
    }

    /**
     * Deletes a file, and its directory when that is left empty.
     *
     * @return whether the file existed
     */
    boolean delete(String absolute) {
        Path p = path(absolute);
        try {
            boolean existed = Files.deleteIfExists(p);
            try (var rest = Files.list(p.getParent())) {
                if (rest.findAny().isEmpty()) {
                    Files.delete(p.getParent());
                }
            } catch (IOException ignored) {
                // The directory is not ours to insist on: a leftover empty directory is harmless.
            }
            return existed;
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + p + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Replaces (or appends, or with no lines removes) the block of lines between this charm's
     * BEGIN/END markers, keeping everything else in the file as the snap or the admin wrote it.
     *
     * @return whether the file changed
     */
    boolean setBlock(String absolute, String block, List<String> lines) {
        return setBlock(absolute, block, lines, null);
    }

    /** As {@link #setBlock(String, String, List)}, writing the file with {@code mode} (null keeps it). */
    boolean setBlock(String absolute, String block, List<String> lines, String mode) {
        String begin = "# BEGIN " + block + " (managed by the microk8s charm; edits are overwritten)";
        String end = "# END " + block;
        List<String> kept = new ArrayList<>();
        boolean inside = false;
        boolean hadBlock = false;
        String current = read(absolute).orElse("");
        for (String l : current.isEmpty() ? List.<String>of() : List.of(current.split("\n", -1))) {
            if (l.equals(begin)) {
                inside = true;
                hadBlock = true;
            } else if (inside && l.equals(end)) {
                inside = false;
            } else if (!inside) {
                kept.add(l);
            }
        }
        if (!hadBlock && lines.isEmpty()) {
            return false; // nothing to add or take away: the file stays exactly as the snap wrote it
        }
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isEmpty()) {
            kept.remove(kept.size() - 1);
        }
        StringBuilder sb = new StringBuilder();
        kept.forEach(l -> sb.append(l).append('\n'));
        if (!lines.isEmpty()) {
            sb.append(begin).append('\n');
            lines.forEach(l -> sb.append(l).append('\n'));
            sb.append(end).append('\n');
        }
        if (sb.toString().equals(current) || current.isEmpty() && sb.length() == 0) {
            return false;
        }
        return write(absolute, sb.toString(), mode);
    }
}
