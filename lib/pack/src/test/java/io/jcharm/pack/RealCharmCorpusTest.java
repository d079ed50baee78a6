package io.jcharm.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real Charmhub charms (src/test/resources/corpus, sources in its SOURCES.md) validate with no
 * error, in their own layouts; mutated copies fail with Juju's exact texts, so the test can fail.
 */
class RealCharmCorpusTest {

    static Path corpus() {
        try {
            return Path.of(RealCharmCorpusTest.class.getResource("/corpus/SOURCES.md").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> charms() throws IOException {
        try (Stream<Path> s = Files.list(corpus())) {
            return s.filter(Files::isDirectory).sorted().map(d -> Arguments.of(d.getFileName().toString(), d)).toList()
                    .stream();
        }
    }

    /** Everything a corpus charm ships is accepted, including the reactive sources' config and actions. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("charms")
    void realCharmValidates(String name, Path dir) throws IOException {
        CharmProject project = CharmcraftReader.load(dir);
        assertEquals(name, project.name());
        assertFalse(project.platforms().isEmpty(), "every real charm names where it runs");
        for (String kind : List.of("config", "actions")) {
            Path reactive = dir.resolve("src/" + kind + ".yaml");
            if (Files.exists(reactive)) {
                YamlTree tree = YamlTree.parse(kind + ".yaml", Files.readString(reactive, StandardCharsets.UTF_8));
                Problems p = new Problems(tree);
                if (kind.equals("config")) {
                    new ConfigRules(tree.root(), p).check();
                } else {
                    new ActionsRules(tree.root(), name, p).check();
                }
                assertEquals(List.of(), p.all(), reactive.toString());
            }
        }
    }

    @Test
    void corpusCoversSeveralDozenCharmsAndEveryLayout() throws IOException {
        List<Path> dirs = charms().map(a -> (Path) a.get()[1]).toList();
        assertTrue(dirs.size() >= 36, "several dozen charms, got " + dirs.size());
        assertTrue(dirs.stream().anyMatch(d -> Files.exists(d.resolve("metadata.yaml"))), "metadata.yaml layout");
        assertTrue(dirs.stream().anyMatch(d -> !Files.exists(d.resolve("metadata.yaml"))), "unified layout");
        String sources = Files.readString(corpus().resolve("SOURCES.md"), StandardCharsets.UTF_8);
        dirs.forEach(d -> assertTrue(sources.contains("| " + d.getFileName() + " |"), d + " has its source recorded"));
    }

    /** A corpus charm copied into {@code tmp} with one file's text changed. */
    private static Path mutate(Path tmp, String charm, String file, String from, String to) {
        try {
            Path src = corpus().resolve(charm);
            Path dst = Files.createDirectories(tmp.resolve(charm));
            try (Stream<Path> s = Files.walk(src)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    Path target = dst.resolve(src.relativize(f).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target);
                }
            }
            Path changed = dst.resolve(file);
            String text = Files.readString(changed, StandardCharsets.UTF_8);
            assertTrue(text.contains(from), file + " of " + charm + " holds " + from);
            Files.writeString(changed, text.replace(from, to));
            return dst;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> messages(Path dir) {
        try {
            CharmcraftReader.load(dir);
            return List.of();
        } catch (PackException e) {
            return e.problems().stream().map(Problem::message).toList();
        }
    }

    @Test
    void mutatedRealCharmsFailWithJujusTexts(@TempDir Path tmp) {
        List<String> got = new ArrayList<>();
        got.addAll(messages(mutate(tmp.resolve("a"), "etcd", "metadata.yaml", "- \"jammy\"", "- \"Jammy\"")));
        got.addAll(messages(mutate(tmp.resolve("b"), "minio", "metadata.yaml", "name: \"minio\"",
                "name: \"minio\"\nseries:\n- \"focal\"")));
        got.addAll(messages(mutate(tmp.resolve("c"), "mysql-k8s", "metadata.yaml", "interface: \"mysql_client\"",
                "interface: \"juju-info\"")));
        got.addAll(messages(mutate(tmp.resolve("d"), "kfp-api", "config.yaml", "http-port:\n    type: \"string\"",
                "http-port:\n    type: \"integer\"")));
        assertEquals(List.of(
                "charm \"etcd\" declares invalid series: \"Jammy\"",
                "ambiguous metadata: keys \"series\" cannot be used with \"charm-user\", \"containers\"",
                "charm \"mysql-k8s\" relation \"database\" using a reserved interface: \"juju-info\"",
                "invalid config: option \"http-port\" has unknown type \"integer\""), got);
    }
}
