package io.jcharm.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Disk use of a local model's directory per application, as {@code du -skc} counts it (blocks
 * on disk, each inode once per application): its units' directories (unpacked charm, Pebble
 * state, HOME/TMPDIR), its copied archives, its kubeconfig and its stood-in workload's data.
 * A unit's charm directory is hard links into {@code charms/unpacked}, so the per-application
 * sums exceed the whole directory's.
 *
 * <pre>{@code
 * Map<String, Long> kib = ModelDiskUse.perApplication(dir, List.of("minio", "kfp"));
 * long all = ModelDiskUse.total(dir);
 * }</pre>
 */
final class ModelDiskUse {
    private ModelDiskUse() {
    }

    static Map<String, Long> perApplication(Path modelDir, List<String> apps) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String app : apps) {
            List<Path> paths = new ArrayList<>();
            paths.addAll(matching(modelDir.resolve("units"), app + "-"));
            paths.addAll(matching(modelDir.resolve("charms"), app + "-r"));
            paths.add(modelDir.resolve("kubeconfigs").resolve(app + ".yaml"));
            paths.add(modelDir.resolve("workloads").resolve(app));
            out.put(app, du(paths.stream().filter(Files::exists).toList()));
        }
        return out;
    }

    /** The whole model directory, each inode counted once. */
    static long total(Path modelDir) {
        return du(List.of(modelDir));
    }

    private static List<Path> matching(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code du -skc}'s total in KiB; 0 for nothing. */
    private static long du(List<Path> paths) {
        if (paths.isEmpty()) {
            return 0;
        }
        List<String> cmd = new ArrayList<>(List.of("du", "-skc"));
        paths.forEach(p -> cmd.add(p.toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
            }
            String[] lines = out.strip().split("\n");
            return Long.parseLong(lines[lines.length - 1].split("\\s+")[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running du", e);
        }
    }
}
