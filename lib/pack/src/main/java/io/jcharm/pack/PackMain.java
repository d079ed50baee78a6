package io.jcharm.pack;

import io.jcharm.yaml.GoFormat;
import io.jcharm.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The packer's entry point for Maven (exec-maven-plugin's java goal in charms/pom.xml): packs
 * one charm module after its jar and runtime dependencies are in target/. It never calls
 * System.exit, since it runs inside Maven's JVM; failures are exceptions Maven reports.
 *
 * <pre>{@code
 * PackMain.main(new String[] {"--project", "charms/hello", "--jar", "charms/hello/target/charm-hello.jar",
 *         "--libs", "charms/hello/target/charm-lib", "--output", "charms/hello/target"});
 * }</pre>
 */
public final class PackMain {
    private PackMain() {
    }

    public static void main(String[] args) {
        Map<String, String> a = parse(args);
        if ("true".equals(a.get("--skip"))) {
            System.out.println("[jcharm pack] skipped (jcharm.pack.skip=true)");
            return;
        }
        PackRequest req = PackRequest.of(path(a, "--project"), path(a, "--jar"), jars(path(a, "--libs")),
                path(a, "--output"));
        if (a.containsKey("--work")) {
            req = req.withWorkDir(Path.of(a.get("--work")));
        }
        if (a.containsKey("--cache")) {
            req = req.withCacheDir(Path.of(a.get("--cache")));
        }
        if (nonBlank(a.get("--jdk"))) {
            req = req.withJdk(Path.of(a.get("--jdk")));
        }
        if (nonBlank(a.get("--archive"))) {
            req = req.withArchiveKind(archiveKind(a.get("--archive")));
        }
        if (nonBlank(a.get("--version"))) {
            req = req.withVersion(a.get("--version"));
        }
        if (nonBlank(a.get("--jvm-options"))) {
            req = req.withJvmOptions(Arrays.stream(a.get("--jvm-options").trim().split("\\s+")).toList());
        }
        if (nonBlank(a.get("--extra-modules"))) {
            req = req.withExtraModules(Arrays.stream(a.get("--extra-modules").split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).toList());
        }
        if (nonBlank(a.get("--warm-idle"))) {
            req = req.withWarmIdle(seconds(a.get("--warm-idle").trim()));
        }
        long start = System.nanoTime();
        new CharmPacker(new ProcessRunner(), m -> System.out.printf("[jcharm pack %5.1fs] %s%n",
                (System.nanoTime() - start) / 1e9, m)).pack(req);
    }

    /** A whole number of seconds, or a message naming the property to fix. */
    static int seconds(String s) {
        if (!s.matches("[0-9]{1,9}")) {
            throw new PackException("jcharm.warmIdle (--warm-idle) must be a whole number of seconds, got "
                    + GoFormat.quote(s));
        }
        return Integer.parseInt(s);
    }

    /** "aot" or "cds" (also the enum names). */
    public static ArchiveKind archiveKind(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "aot", "aot_cache", "aot-cache" -> ArchiveKind.AOT_CACHE;
            case "cds", "appcds", "app_cds", "app-cds" -> ArchiveKind.APP_CDS;
            default -> throw new PackException("unknown startup archive " + GoFormat.quote(s) + ": use aot or cds");
        };
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new PackException("usage: PackMain --project DIR --jar JAR --libs DIR --output DIR [--work DIR]"
                        + " [--cache DIR] [--jdk HOME] [--archive aot|cds] [--version V] [--extra-modules m1,m2]"
                        + " [--jvm-options \"-XX:+UseSerialGC ...\"] [--warm-idle SECONDS]"
                        + " [--skip true]; got " + String.join(" ", args));
            }
            out.put(args[i], args[++i]);
        }
        return out;
    }

    private static Path path(Map<String, String> a, String key) {
        String v = a.get(key);
        if (!nonBlank(v)) {
            throw new PackException("PackMain needs " + key + " (the charm module's " + key.substring(2) + ")");
        }
        return Path.of(v).toAbsolutePath().normalize();
    }

    /** Every jar in {@code dir}; a missing dir means no runtime dependencies. */
    static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList());
        } catch (IOException e) {
            throw new PackException("cannot list the charm's dependency jars in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }
}
