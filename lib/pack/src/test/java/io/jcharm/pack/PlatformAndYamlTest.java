package io.jcharm.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bases, platforms and the manifest rules; charmcraft-level keys; YAML as Juju reads it. */
class PlatformAndYamlTest {

    private static List<String> messages(String yaml) {
        return Projects.problems(yaml).stream().map(Problem::message).toList();
    }

    private static String withPlatforms(String base, String platforms) {
        return Projects.VALID.replace("base: ubuntu@24.04\nplatforms:\n  amd64:\n", base + platforms);
    }

    @Test
    void platformsAreSplitIntoBaseAndArchitecture() {
        CharmProject p = CharmcraftReader.parse(Path.of("."), withPlatforms("base: ubuntu@24.04\n",
                "platforms:\n  amd64:\n  arm:\n    build-on: [arm64]\n    build-for: [arm64]\n"));
        assertEquals(List.of(new Platform("amd64", "ubuntu", "24.04", "amd64"), new Platform("arm", "ubuntu", "24.04", "arm64")),
                p.platforms());
        assertEquals("demo_ubuntu-24.04-amd64.charm", p.platforms().get(0).charmFileName("demo"));
        CharmProject shorthand = CharmcraftReader.parse(Path.of("."), withPlatforms("", "platforms:\n  ubuntu@22.04:amd64:\n"));
        assertEquals(List.of(new Platform("ubuntu@22.04:amd64", "ubuntu", "22.04", "amd64")), shorthand.platforms());
    }

    @Test
    void manifestRules() {
        assertEquals(List.of("os \"almalinux\" not valid"), messages(withPlatforms("base: almalinux@9\n", "platforms:\n  amd64:\n")));
        assertEquals(List.of("architecture \"all\" not valid"), messages(withPlatforms("base: ubuntu@24.04\n",
                "platforms:\n  all:\n    build-on: [amd64]\n    build-for: [all]\n")));
        assertEquals(List.of("risk in channel \"22.04/hot\" not valid"),
                messages(withPlatforms("base: ubuntu@22.04/hot\n", "platforms:\n  amd64:\n")));
        assertEquals(List.of("channel is malformed and has too many components \"a/stable/b/c\""),
                messages(withPlatforms("base: ubuntu@a/stable/b/c\n", "platforms:\n  amd64:\n")));
        assertEquals(List.of("Base requires 'platforms' definition: add e.g. platforms: {amd64: }"),
                messages(withPlatforms("base: ubuntu@24.04\n", "")));
        assertEquals(List.of(), messages(withPlatforms("base: ubuntu@24.04\n", "platforms:\n  x86_64:\n")));
    }

    @Test
    void charmcraftLevelKeys() {
        assertEquals(List.of("unknown key \"bases-index\": charmcraft 3 does not accept it in charmcraft.yaml"),
                messages(Projects.VALID + "bases-index: 0\n"));
        assertEquals(List.of("type must be \"charm\", got \"bundle\": bundles are built by jcharm bundle, not packed"),
                messages(Projects.VALID.replace("type: charm", "type: bundle")));
    }

    @Test
    void metadataV1KeysBelongInMetadataYaml() {
        assertEquals(List.of("unknown key \"series\": charmcraft 3 does not accept it in charmcraft.yaml; Juju reads it"
                + " from metadata.yaml, so move it there"), messages(Projects.VALID + "series: [jammy]\n"));
    }

    @Test
    void metadataIsSplitAsCharmcraftDoes() {
        CharmProject p = CharmcraftReader.parse(Path.of("."), Projects.VALID
                + "links:\n  contact: Jo <jo@example.com>\n  source: https://example.com/demo\n"
                + "requires:\n  db: pg\nconfig:\n  options:\n    x: {type: int, default: 1}\n"
                + "actions:\n  go: {description: Goes.}\n");
        assertEquals(List.of("name", "display-name", "summary", "description", "maintainers", "source", "requires"),
                List.copyOf(p.metadata().keySet()));
        assertEquals(List.of("Jo <jo@example.com>"), p.metadata().get("maintainers"));
        assertEquals("Demo", p.metadata().get("display-name"));
        assertTrue(p.config().orElseThrow().containsKey("options"));
        assertEquals(Map.of("description", "Goes."), p.actions().orElseThrow().get("go"));
    }

    @Test
    void yamlIsReadAsYaml11WithLines() {
        YamlTree t = YamlTree.parse("x.yaml", "a: yes\nb: off\nc: 0x10\nd: '0x10'\ne: ~\nf: 1_000\ng: 2.50\nlist:\n  - 1\n  - two\n");
        Map<?, ?> m = (Map<?, ?>) t.root();
        assertEquals(true, m.get("a"));
        assertEquals(false, m.get("b"));
        assertEquals(16L, m.get("c"));
        assertEquals("0x10", m.get("d"));
        assertEquals(null, m.get("e"));
        assertEquals(1000L, m.get("f"));
        assertEquals(2.5, m.get("g"));
        assertEquals(9, t.line("list[0]"));
        assertEquals(10, t.line("list[1].nothing.here"));
    }

    @Test
    void duplicateKeysAndSyntaxErrorsHaveLines() {
        // Juju's yaml.v2 lets a later duplicate key win when it decodes into a map.
        YamlTree dup = YamlTree.parse("c.yaml", "a: 1\nb: 2\na: 3\n");
        assertEquals(Map.of("a", 3L, "b", 2L), dup.root());
        assertEquals(3, dup.line("a"));
        PackException bad = assertThrows(PackException.class, () -> YamlTree.parse("c.yaml", "a: [1, 2\nb: 3\n"));
        // go-yaml names the line where the flow sequence began; the problem points at where it broke.
        assertEquals(List.of(new Problem("c.yaml", 2, "yaml: line 1: did not find expected ',' or ']'")), bad.problems());
        PackException two = assertThrows(PackException.class, () -> YamlTree.parse("c.yaml", "a: 1\n---\nb: 2\n"));
        assertEquals(List.of(new Problem("c.yaml", 3, "only one YAML document is allowed")), two.problems());
    }

    @Test
    void keysAreTypedAsGoDecodesThemIntoInterfaces() {
        Map<?, ?> m = (Map<?, ?>) YamlTree.parse("k.yaml", "1: one\n'2': two\nyes: three\nx: {0x10: z}\n").root();
        assertEquals(List.of(1L, "2", true, "x"), List.copyOf(m.keySet()));
        assertEquals(Map.of(16L, "z"), m.get("x"));
    }

    @Test
    void manifestQuotesTheChannel() {
        String manifest = YamlFiles.manifest(new Platform("amd64", "ubuntu", "24.04", "amd64"),
                Instant.parse("2026-01-01T00:00:00Z"));
        assertTrue(manifest.contains("channel: \"24.04\""), manifest);
        assertTrue(manifest.contains("charmcraft-started-at: \"2026-01-01T00:00:00+00:00\""), manifest);
        Map<?, ?> base = (Map<?, ?>) ((List<?>) ((Map<?, ?>) YamlTree.parse("m", manifest).root()).get("bases")).get(0);
        assertEquals(Map.of("name", "ubuntu", "channel", "24.04", "architectures", List.of("amd64")), base);
    }
}
