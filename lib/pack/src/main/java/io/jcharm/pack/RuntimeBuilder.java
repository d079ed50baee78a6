package io.jcharm.pack;

import io.jcharm.process.Command;
import io.jcharm.process.ProcessResult;
import io.jcharm.process.ProcessRunner;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Links the Java runtime a charm ships: jdeps finds the JDK modules its jars use, jlink builds
 * an image of just those (stripped and compressed). Images are cached by JDK and module set.
 *
 * <pre>{@code
 * RuntimeBuilder rb = new RuntimeBuilder(new ProcessRunner(), cacheDir, System.out::println);
 * List<String> modules = rb.modules(jdk, jars, List.of());
 * Path image = rb.image(jdk, modules);
 * }</pre>
 */
public final class RuntimeBuilder {
    /**
     * jlink options for a runtime that is only ever used to run the charm. The modules file is
     * left uncompressed: the .charm's deflate compresses it better than jlink's per-resource
     * zip (11 MiB instead of 15.5 MiB in the .charm for java.base+java.xml), and classes need
     * no inflating at run time.
     */
    static List<String> jlinkOptions(Jdk jdk) {
        // JDK 21 renamed the levels (zip-0..zip-9); before, 0 meant "no compression".
        return List.of("--strip-debug", "--no-header-files", "--no-man-pages",
                jdk.feature() >= 21 ? "--compress=zip-0" : "--compress=0");
    }

    private final ProcessRunner runner;
    private final Path cacheDir;
    private final Consumer<String> log;

    public RuntimeBuilder(ProcessRunner runner, Path cacheDir, Consumer<String> log) {
        this.runner = runner;
        this.cacheDir = cacheDir;
        this.log = log;
    }

    /**
     * The JDK modules {@code jars} need: jdeps' per-jar dependencies, minus modules a modular
     * jar only {@code requires static} (optional: Jackson's java.desktop and java.sql), plus
     * jdk.unsupported (sun.misc.Unsafe, which OkHttp, Okio and fabric8 look up reflectively,
     * invisible to jdeps) and {@code extra}.
     */
    public List<String> modules(Jdk jdk, List<Path> jars, List<String> extra) {
        String key = Hashes.sha256(jdk.version() + "|" + String.join(",", extra) + "|"
                + String.join(",", jars.stream().map(Hashes::file).toList())).substring(0, 16);
        Path cached = cacheDir.resolve("modules-" + key + ".txt");
        try {
            if (Files.isRegularFile(cached)) {
                return List.copyOf(Files.readAllLines(cached));
            }
            List<String> modules = analyse(jdk, jars, extra);
            Files.write(cached, modules);
            return modules;
        } catch (IOException e) {
            throw new PackException("cannot cache the module list in " + cached + ": " + e.getMessage(), e);
        }
    }

    private List<String> analyse(Jdk jdk, List<Path> jars, List<String> extra) throws IOException {
        // jdeps resolves the module graph of modular jars (okhttp3 requires okio, which is not
        // an explicit module) and gives up; copies without module-info are plain classpath jars.
        Path plain = Files.createTempDirectory(cacheDir, "jdeps-");
        try {
            List<String> argv = new ArrayList<>(List.of(jdk.tool("jdeps").toString(), "--multi-release",
                    Integer.toString(jdk.feature()), "--ignore-missing-deps", "-s"));
            for (Path jar : jars) {
                argv.add(withoutModuleInfo(jar, plain.resolve(jar.getFileName().toString())).toString());
            }
            ProcessResult r = runner.run(Command.of(argv).in(cacheDir).env(Map.of("PATH", "/usr/bin:/bin")).timeout(Duration.ofMinutes(5)));
            if (r.exitCode() != 0) {
                throw new PackException("jdeps could not analyse the charm's jars: " + r.describe());
            }
            Map<String, ModuleDescriptor> descriptors = descriptors(jars);
            TreeSet<String> modules = new TreeSet<>(List.of("java.base", "jdk.unsupported"));
            for (String line : r.stdout().split("\n")) {
                String[] edge = line.trim().split("\\s*->\\s*");
                if (edge.length != 2 || !(edge[1].startsWith("java.") || edge[1].startsWith("jdk."))) {
                    continue;
                }
                ModuleDescriptor from = descriptors.get(edge[0]);
                boolean optional = from != null && from.requires().stream().anyMatch(req -> req.name().equals(edge[1])
                        && req.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC));
                if (!optional) {
                    modules.add(edge[1]);
                }
            }
            modules.addAll(extra);
            return List.copyOf(modules);
        } finally {
            deleteTree(plain);
        }
    }

    /** A copy of {@code jar} without module-info.class (also under META-INF/versions). */
    private static Path withoutModuleInfo(Path jar, Path copy) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.isDirectory() || e.getName().endsWith("module-info.class")) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
        }
        return copy;
    }

    /** The descriptors of the explicit modules among {@code jars}, by jar file name. */
    private static Map<String, ModuleDescriptor> descriptors(List<Path> jars) {
        Map<String, ModuleDescriptor> out = new HashMap<>();
        for (Path jar : jars) {
            try {
                ModuleFinder.of(jar).findAll().stream().map(ModuleReference::descriptor)
                        .filter(d -> !d.isAutomatic()).forEach(d -> out.put(jar.getFileName().toString(), d));
            } catch (RuntimeException e) {
                // Not an explicit module we can read: jdeps' answer stands for it.
            }
        }
        return out;
    }

    /** A jlinked image of {@code modules}, from the cache when this JDK and set were linked before. */
    public Path image(Jdk jdk, List<String> modules) {
        String key = Hashes.sha256(jdk.home() + "|" + jdk.version() + "|" + String.join(",", modules) + "|"
                + String.join(" ", jlinkOptions(jdk)) + "|strip").substring(0, 16);
        Path image = cacheDir.resolve("runtime-" + jdk.feature() + "-" + key);
        if (Files.isExecutable(image.resolve("bin/java"))) {
            log.accept("runtime: reusing " + image.getFileName() + " (" + String.join(",", modules) + ")");
            return image;
        }
        Path tmp = cacheDir.resolve(image.getFileName() + ".tmp");
        deleteTree(tmp);
        List<String> argv = new ArrayList<>(List.of(jdk.tool("jlink").toString(), "--add-modules", String.join(",", modules)));
        argv.addAll(jlinkOptions(jdk));
        argv.addAll(List.of("--output", tmp.toString()));
        log.accept("runtime: jlink " + String.join(",", modules) + " from " + jdk.home());
        ProcessResult r = runner.run(Command.of(argv).in(cacheDir).env(Map.of("PATH", "/usr/bin:/bin")).timeout(Duration.ofMinutes(5)));
        if (r.exitCode() != 0) {
            throw new PackException("jlink could not build the charm's Java runtime from " + jdk.home() + ": " + r.describe());
        }
        stripSymbols(tmp.resolve("lib/server/libjvm.so"));
        try {
            Files.move(tmp, image, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isExecutable(image.resolve("bin/java"))) {
                throw new PackException("cannot store the linked runtime in " + image + ": " + e.getMessage(), e);
            }
            deleteTree(tmp); // another pack linked the same image meanwhile
        }
        return image;
    }

    /** Whether {@code jar} holds classes of a library known to need sun.misc.Unsafe reflectively. */

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new PackException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Drops libjvm.so's static symbol table (about 5 MiB, 1.5 MiB in the .charm). The dynamic
     * symbols stay, so the JVM still runs and links; only native frames in a crash report lose
     * their function names. Skipped when binutils' strip is not installed.
     */
    private void stripSymbols(Path lib) {
        Path strip = Path.of("/usr/bin/strip");
        if (!Files.isExecutable(strip) || !Files.isRegularFile(lib)) {
            log.accept("runtime: /usr/bin/strip not found, libjvm.so keeps its symbol table");
            return;
        }
        ProcessResult r = runner.run(Command.of(List.of(strip.toString(), "--strip-unneeded", lib.toString()))
                .in(cacheDir).env(Map.of("PATH", "/usr/bin:/bin")).timeout(Duration.ofMinutes(2)));
        if (r.exitCode() != 0) {
            throw new PackException("strip could not shrink " + lib + ": " + r.describe());
        }
    }

    /** Copies the image into the staged charm, keeping execute bits. */
    static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path src : walk.toList()) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new PackException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

}
