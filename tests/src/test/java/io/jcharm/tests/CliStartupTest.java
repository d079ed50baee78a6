package io.jcharm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the built CLI jar ({@code lib/cli/target}) opens to run {@code jcharm status}: only the
 * jars it loads classes from, not the ~160 of its class path (each jar opened reads its whole
 * central directory; opening them all was a third of a status's start-up). The JVM's class-path
 * debug output names every jar it opens; class data sharing is off so every class names its jar.
 */
class CliStartupTest {
    private static final Pattern OPENING = Pattern.compile("^Opening (file:\\S+\\.jar)$", Pattern.MULTILINE);
    private static final Pattern LOADED = Pattern.compile("source: (file:\\S+\\.jar)$", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    @Test
    void statusOpensOnlyTheJarsItLoadsClassesFrom() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(model.resolve("model.json"), "{\"format\": 1, \"name\": \"m\", \"applications\": {}, \"relations\": {}}\n");
        Path cli;
        try (var jars = Files.list(Rehearsals.repo().resolve("lib/cli/target"))) {
            cli = jars.filter(p -> p.getFileName().toString().matches("jcharm-cli-[^-]+(-SNAPSHOT)?\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no CLI jar in lib/cli/target: build lib/cli first"));
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xshare:off", "-Xlog:class+load", "-Dsun.misc.URLClassPath.debug=true",
                "-jar", cli.toString(), "status", "--model-dir", model.toString())
                .redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "status finished");
        String out = Files.readString(tmp.resolve("out"));
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("err")));
        assertTrue(out.contains("jcharm-local  local/simulated"), out);

        Set<String> opened = matches(OPENING, Files.readString(tmp.resolve("err")));
        Set<String> used = matches(LOADED, out);
        Set<String> unused = new TreeSet<>(opened);
        unused.removeAll(used);
        assertTrue(used.size() > 5, "the class loading log names the jars: " + used);
        // A few jars of the CLI's own modules sit between those status uses (their order is the
        // dependency tree's); a lookup that misses, or a jar status needs placed late in the
        // class path, opens everything before it.
        assertTrue(unused.size() <= 4, unused.size() + " jars opened that status loads nothing from: " + unused);
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
