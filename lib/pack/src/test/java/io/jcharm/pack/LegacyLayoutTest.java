package io.jcharm.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usual layout of Charmhub charms: charmcraft.yaml (type, bases, parts) beside
 * metadata.yaml, config.yaml and actions.yaml, read as charmcraft reads it, with Juju's format
 * selection (series means metadata v1).
 */
class LegacyLayoutTest {
    private static final String CHARMCRAFT = """
            type: charm
            bases:
              - build-on:
                  - name: ubuntu
                    channel: "22.04"
                run-on:
                  - name: ubuntu
                    channel: "22.04"
                    architectures: [amd64]
            parts:
              charm:
                plugin: charm
            """;
    private static final String METADATA = """
            name: demo
            summary: A demo.
            description: Demonstrates.
            requires:
              db: {interface: pg, limit: 1}
            """;

    @TempDir
    Path dir;

    private Path write(String file, String text) {
        try {
            Files.writeString(dir.resolve(file), text);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> problems(String charmcraft, String metadata) {
        write("metadata.yaml", metadata);
        try {
            CharmcraftReader.parse(dir, charmcraft);
            return List.of();
        } catch (PackException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
    }

    @Test
    void charmcraftYamlBesideMetadataConfigAndActionsIsAccepted() {
        write("metadata.yaml", METADATA);
        write("config.yaml", "options:\n  port: {type: int, default: 80, description: d}\n");
        write("actions.yaml", "backup:\n  params:\n    to: {type: string}\n");
        CharmProject p = CharmcraftReader.parse(dir, CHARMCRAFT);
        assertEquals("demo", p.name());
        assertEquals(List.of("metadata.yaml", "config.yaml", "actions.yaml"), p.verbatim());
        assertEquals(Map.of("port", 80L), TrainingTools.defaults(p));
        assertEquals(List.of(new Platform("bases[0]", "ubuntu", "22.04", "amd64")), p.platforms());
        assertEquals(List.of("db"), p.endpoints("requires"));
    }

    @Test
    void problemsInMetadataYamlPointAtItsLines() {
        assertEquals(List.of("metadata.yaml:5: metadata: requires.db.interface: expected string, got nothing"),
                problems(CHARMCRAFT, METADATA.replace("interface: pg, ", "")));
        write("config.yaml", "options:\n  port: {type: int, default: eighty}\n");
        assertEquals(List.of("config.yaml:2: invalid config default: option \"port\" expected int, got \"eighty\""),
                problems(CHARMCRAFT, METADATA));
    }

    @Test
    void seriesMakesMetadataV1WhichJujuAccepts() {
        assertEquals(List.of(), problems(CHARMCRAFT, METADATA + "series:\n  - jammy\n  - noble\n"));
        assertEquals(List.of(), problems(CHARMCRAFT, METADATA + "series: [kubernetes]\ndeployment: {type: stateless}\n"
                + "min-juju-version: 2.9.0\n"));
    }

    @Test
    void formatRulesUseJujusTexts() {
        assertEquals(List.of("metadata.yaml:6: min-juju-version in metadata v2 not valid"),
                problems(CHARMCRAFT, METADATA + "min-juju-version: 2.9.0\n"));
        assertEquals(List.of("metadata.yaml:6: charm with deployment metadata must declare at least one series"),
                problems(CHARMCRAFT, METADATA + "deployment: {type: stateless}\n"));
        assertEquals(List.of("metadata.yaml:7: charms with deployment metadata only supported for \"kubernetes\""),
                problems(CHARMCRAFT, METADATA + "series: [jammy]\ndeployment: {type: stateless}\n"));
        assertEquals(List.of("metadata.yaml:6: charm \"demo\" declares invalid series: \"Jammy\""),
                problems(CHARMCRAFT, METADATA + "series: [Jammy]\n"));
        assertEquals(List.of("metadata.yaml:6: metadata: series: expected list, got string(\"jammy\")"),
                problems(CHARMCRAFT, METADATA + "series: jammy\n"));
        assertEquals(List.of("metadata.yaml:10: ambiguous metadata: keys \"series\" cannot be used with \"containers\""),
                problems(CHARMCRAFT, METADATA + "resources:\n  img: {type: oci-image}\ncontainers:\n  app: {resource: img}\nseries: [jammy]\n"));
        assertEquals(List.of("metadata.yaml:7: invalid min-juju-version: invalid version \"2.9\""),
                problems(CHARMCRAFT, METADATA + "series: [jammy]\nmin-juju-version: '2.9'\n"));
    }

    @Test
    void charmcraftRefusesASectionInBothFiles() {
        write("config.yaml", "options: {}\n");
        assertEquals(List.of("charmcraft.yaml:13: Cannot specify 'config' section in 'charmcraft.yaml' when 'config.yaml'"
                + " exists: move it into config.yaml"), problems(CHARMCRAFT + "config:\n  options: {}\n", METADATA));
        assertEquals(List.of("charmcraft.yaml:13: Fields in charmcraft.yaml cannot be duplicated in metadata.yaml: name"
                + " is in both; remove it from metadata.yaml"), problems(CHARMCRAFT + "name: demo\n", METADATA));
        assertEquals(List.of("charmcraft.yaml:13: provides in charmcraft.yaml is dropped from the charm: charmcraft"
                + " copies the metadata.yaml beside it as it is; move provides into metadata.yaml"),
                problems(CHARMCRAFT + "provides:\n  web: http\n", METADATA));
    }

    @Test
    void nameSummaryAndDescriptionMayComeFromCharmcraftYaml() {
        assertEquals(List.of(), problems(CHARMCRAFT + "name: demo\nsummary: s\ndescription: d\n",
                "requires:\n  db: pg\n"));
        assertEquals(List.of("metadata.yaml:1: metadata: name: expected string, got nothing"),
                problems(CHARMCRAFT, "summary: s\ndescription: d\n"));
    }

    @Test
    void basesShortAndLongForms() {
        write("metadata.yaml", METADATA);
        CharmProject shortForm = CharmcraftReader.parse(dir, "type: charm\nbases:\n  - name: ubuntu\n    channel: '20.04'\n"
                + "    architectures: [x86_64]\n");
        assertEquals(List.of(new Platform("bases[0]", "ubuntu", "20.04", "amd64")), shortForm.platforms());
        CharmProject multi = CharmcraftReader.parse(dir, CHARMCRAFT.replace("architectures: [amd64]",
                "architectures: [amd64, arm64]\n      - name: ubuntu\n        channel: \"20.04\"\n        architectures: [amd64]"));
        Platform p = multi.platforms().get(0);
        assertEquals("", p.arch(), "a Java runtime cannot serve two architectures");
        assertEquals("demo_ubuntu-22.04-amd64-arm64_ubuntu-20.04-amd64.charm", p.charmFileName("demo"));
        assertEquals(List.of("charmcraft.yaml:3: Base requires 'platforms' definition: ubuntu@24.04 (bases: is only for"
                + " ubuntu@18.04, ubuntu@20.04, ubuntu@22.04, almalinux@9); write base: and platforms: instead"),
                problems("type: charm\nbases:\n  - name: ubuntu\n    channel: '24.04'\n", METADATA));
        assertEquals(List.of("charmcraft.yaml:6: architecture \"sparc\" not valid"), problems(CHARMCRAFT.replace(
                "[amd64]", "[sparc]"), METADATA).subList(0, 1));
        PackException notMap = assertThrows(PackException.class, () -> CharmcraftReader.parse(write("metadata.yaml",
                "- name\n"), CHARMCRAFT));
        assertEquals("metadata.yaml:1", notMap.problems().get(0).toString().substring(0, 15));
    }
}
