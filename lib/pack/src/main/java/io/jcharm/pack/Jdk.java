package io.jcharm.pack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A JDK the packer links the charm's runtime from: its home, feature release and full version.
 *
 * <pre>{@code
 * Jdk jdk = Jdk.newest(Path.of("/usr/lib/jvm")).orElseGet(Jdk::current);  // Temurin 25 here
 * jdk.tool("jlink");
 * }</pre>
 *
 * @param home    the JDK directory (holds bin/jlink and release)
 * @param feature the feature release, e.g. 25
 * @param version JAVA_VERSION from the release file, e.g. 25.0.3
 */
public record Jdk(Path home, int feature, String version) {

    public Path tool(String name) {
        return home.resolve("bin").resolve(name);
    }

    /** Whether this JDK can make a JDK 25 AOT cache from a training run (-XX:AOTCacheOutput). */
    public boolean hasAotCacheOutput() {
        return feature >= 25;
    }

    /** Reads {@code home/release}; empty if it is not a JDK with jlink and jdeps. */
    public static Optional<Jdk> at(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/jlink"))
                || !Files.isExecutable(home.resolve("bin/jdeps"))) {
            return Optional.empty();
        }
        try (var in = Files.newBufferedReader(release)) {
            Properties props = new Properties();
            props.load(in);
            String version = props.getProperty("JAVA_VERSION", "").replace("\"", "");
            String major = version.split("[.+-]")[0];
            return major.matches("\\d+") ? Optional.of(new Jdk(home.toRealPath(), Integer.parseInt(major), version))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The newest JDK (highest version) directly under {@code dir}, e.g. /usr/lib/jvm. */
    public static Optional<Jdk> newest(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Jdk> all = s.map(Jdk::at).flatMap(Optional::stream).distinct().toList();
            return all.stream().max(Comparator.comparingInt(Jdk::feature).thenComparing(Jdk::version, Jdk::compareVersions));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The JDK running the packer (the build JDK), if it has jlink. */
    public static Optional<Jdk> current() {
        return at(Path.of(System.getProperty("java.home")));
    }

    private static int compareVersions(String a, String b) {
        String[] x = a.split("[.+-]");
        String[] y = b.split("[.+-]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i].matches("\\d+") && y[i].matches("\\d+")) {
                int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
                if (c != 0) {
                    return c;
                }
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
