package io.jcharm.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Test helper: the fixture charm project (src/test/resources/fixture-charm) copied to a
 * directory whose path has a space, its classes compiled against the real jcharm-core, and the
 * charm's runtime dependencies taken from the test classpath.
 */
final class FixtureCharm {
    /** What the test classpath holds that a charm ships (jcharm-core and its runtime deps). */
    private static final List<String> RUNTIME = List.of("jcharm-core", "core/target/classes", "jcharm-process",
            "process/target/classes", "jcharm-yaml", "yaml/target/classes", "jcharm-pebble",
            "pebble/target/classes", "tools/jackson", "com/fasterxml/jackson", "snakeyaml", "commons-exec", "okhttp",
            "okio", "kotlin");

    final Path project;
    final Path charmJar;
    final List<Path> libraries;

    FixtureCharm(Path dir) {
        try {
            Path src = Path.of(FixtureCharm.class.getResource("/fixture-charm/charmcraft.yaml").toURI()).getParent();
            project = Files.createDirectories(dir.resolve("fixture project"));
            Files.copy(src.resolve("charmcraft.yaml"), project.resolve("charmcraft.yaml"));
            libraries = runtimeLibraries(Files.createDirectories(dir.resolve("libs")));
            Path classes = Files.createDirectories(dir.resolve("classes"));
            compile(src.resolve("src/fixture"), classes, libraries);
            Path services = classes.resolve(CharmPacker.CHARM_SERVICE);
            Files.createDirectories(services.getParent());
            Files.writeString(services, "# the charm class\nfixture.FixtureCharm\n");
            charmJar = jar(classes, dir.resolve("fixture-charm.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void compile(Path sources, Path out, List<Path> classpath) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", out.toString(), "-cp",
                String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList())));
        try (Stream<Path> s = Files.list(sources)) {
            s.forEach(p -> args.add(p.toString()));
        }
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "the fixture charm compiles");
    }

    /** jcharm-core and its runtime dependencies from the test classpath, directories jarred. */
    private static List<Path> runtimeLibraries(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String unix = entry.replace('\\', '/');
            if (RUNTIME.stream().noneMatch(unix::contains)) {
                continue;
            }
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                // target/classes of a reactor module: AppCDS and AOT caches need jars.
                String name = p.getParent().getParent().getFileName() + ".jar";
                out.add(jar(p, dir.resolve("jcharm-" + name)));
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }

    static Path jar(Path classes, Path jar) throws IOException {
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                jos.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                jos.write(Files.readAllBytes(f));
                jos.closeEntry();
            }
        }
        return jar;
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
