package io.jcharm.core.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

class CharmMetadataTest {
    private static final String METADATA = """
            name: demo
            display-name: Demo
            summary: A demo.
            description: Longer.
            assumes: [k8s-api]
            provides:
              website: {interface: http, scope: global}
            requires:
              db: {interface: mysql, limit: 1, optional: true}
              logs: loki_push_api
            peers:
              cluster: {interface: demo-peers}
            extra-bindings:
              metrics:
            containers:
              workload:
                resource: image
                mounts: [{storage: data, location: /srv/data}]
            resources:
              image: {type: oci-image, upstream-source: "docker.io/demo:1"}
              model: {type: file, filename: model.bin, description: weights}
            storage:
              data: {type: filesystem, location: /srv/data}
              scratch: {type: block, multiple: {range: 0-4}}
            charm-user: non-root
            """;
    private static final String CONFIG = """
            options:
              greeting: {type: string, default: hi, description: Says hi.}
              port: {type: int, default: 8080}
              ratio: {type: float, default: 1}
              debug: {type: boolean, default: "false"}
              token: {type: secret}
            """;
    private static final String ACTIONS = """
            greet:
              description: Greets.
              params:
                name: {type: string}
              required: [name]
              additionalProperties: false
            backup:
            """;

    @TempDir
    Path dir;

    private static String indent(String yaml) {
        return yaml.lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
    }

    private CharmMetadata split() throws IOException {
        Files.writeString(dir.resolve("metadata.yaml"), METADATA);
        Files.writeString(dir.resolve("config.yaml"), CONFIG);
        Files.writeString(dir.resolve("actions.yaml"), ACTIONS);
        return CharmMetadata.load(dir);
    }

    private MetadataException loadFails() {
        return assertThrows(MetadataException.class, () -> CharmMetadata.load(dir));
    }

    @Test
    void unifiedAndSplitLayoutsGiveTheSameResult(@TempDir Path unified) throws IOException {
        CharmMetadata fromSplit = split();
        Files.writeString(unified.resolve("charmcraft.yaml"), "type: charm\nbase: ubuntu@24.04\n"
                + METADATA.replace("display-name: Demo", "title: Demo") + "config:\n" + indent(CONFIG)
                + "actions:\n" + indent(ACTIONS));
        assertEquals(fromSplit, CharmMetadata.load(unified));
    }

    @Test
    void thePackersJsonFormIsReadInsteadOfTheYaml() throws IOException {
        CharmMetadata fromYaml = split();
        YAMLMapper yaml = YAMLMapper.builder().build();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("metadata", yaml.readValue(METADATA, Object.class));
        all.put("config", yaml.readValue(CONFIG, Object.class));
        all.put("actions", yaml.readValue(ACTIONS, Object.class));
        Files.writeString(dir.resolve(CharmMetadata.PACKED_FILE), JsonMapper.builder().build().writeValueAsString(all));
        Files.writeString(dir.resolve("metadata.yaml"), "name: [not, what, the, hook, reads]\n");
        assertEquals(fromYaml, CharmMetadata.load(dir));
        Files.writeString(dir.resolve(CharmMetadata.PACKED_FILE), "{\"metadata\": {\"name\": \"demo\"");
        assertEquals("jcharm-metadata.json (written by jcharm pack) cannot be read: expected ',' or '}' at line 1, column 29;"
                + " repack the charm with jcharm pack", loadFails().getMessage());
    }

    @Test
    void readsEveryDeclaration() throws IOException {
        CharmMetadata m = split();
        assertEquals("demo", m.name());
        assertEquals("Demo", m.displayName());
        assertEquals("A demo.", m.summary());
        assertEquals(List.of("website", "db", "logs", "cluster"), List.copyOf(m.endpoints().keySet()));
        assertEquals(new Endpoint("db", Role.REQUIRER, "mysql", 1, true, "global"), m.endpoint("db").orElseThrow());
        assertEquals(new Endpoint("logs", Role.REQUIRER, "loki_push_api", 0, false, "global"),
                m.endpoint("logs").orElseThrow());
        assertEquals(Role.PEER, m.endpoint("cluster").orElseThrow().role());
        assertEquals(List.of("cluster"), m.endpoints(Role.PEER).map(Endpoint::name).toList());
        assertEquals(new ContainerMeta("workload", Optional.of("image"),
                List.of(new ContainerMeta.Mount("data", "/srv/data"))), m.containers().get("workload"));
        assertEquals(new ResourceMeta("image", "oci-image", Optional.empty(), "", Optional.of("docker.io/demo:1")),
                m.resources().get("image"));
        assertEquals(Optional.of("model.bin"), m.resources().get("model").filename());
        assertEquals(new StorageMeta("data", "filesystem", Optional.of("/srv/data"), 1, 1), m.storage().get("data"));
        assertEquals(new StorageMeta("scratch", "block", Optional.empty(), 0, 4), m.storage().get("scratch"));
        assertEquals(List.of("metrics"), m.extraBindings());
        assertEquals(Optional.of("non-root"), m.charmUser());
        assertTrue(m.isKubernetes());
        assertEquals(new ConfigOption("greeting", OptionType.STRING, Optional.of("hi"), "Says hi."),
                m.config().get("greeting"));
        assertEquals(Optional.of(8080L), m.config().get("port").defaultValue());
        assertEquals(Optional.of(1.0), m.config().get("ratio").defaultValue());
        assertEquals(Optional.of(false), m.config().get("debug").defaultValue());
        assertEquals(Optional.empty(), m.config().get("token").defaultValue());
        assertEquals(new ActionSpec("greet", "Greets.", Map.of("name", Map.of("type", "string")), List.of("name"), false),
                m.actions().get("greet"));
        assertEquals(new ActionSpec("backup", "No description", Map.of(), List.of(), true), m.actions().get("backup"));
    }

    @Test
    void metadataYamlWinsOverCharmcraftYaml() throws IOException {
        Files.writeString(dir.resolve("charmcraft.yaml"), "name: other\n");
        assertEquals("demo", split().name());
    }

    @Test
    void noMetadataAtAllSaysWhereItLooked() {
        assertEquals("no metadata.yaml or charmcraft.yaml in " + dir + ": is JUJU_CHARM_DIR the charm's root directory?",
                loadFails().getMessage());
    }

    @ParameterizedTest
    @CsvSource({"metadata.yaml", "config.yaml", "actions.yaml"})
    void malformedYamlNamesTheFileAndLine(String file) throws IOException {
        split();
        Files.writeString(dir.resolve(file), "a: 1\nb: [unclosed\nc: 3\n");
        String message = loadFails().getMessage();
        assertTrue(message.startsWith(file + " is not valid YAML: "), message);
        assertTrue(message.matches("(?s).*\\(line [34]\\)$"), message);
    }

    @Test
    void malformedCharmcraftYamlNamesTheFileAndLine() throws IOException {
        Files.writeString(dir.resolve("charmcraft.yaml"), "name: demo\nrequires:\n  db: {interface: mysql\n");
        String message = loadFails().getMessage();
        assertTrue(message.startsWith("charmcraft.yaml is not valid YAML: "), message);
        assertTrue(message.contains("(line "), message);
    }

    @Test
    void topLevelMustBeAMapping() throws IOException {
        Files.writeString(dir.resolve("metadata.yaml"), "- name\n- demo\n");
        assertEquals("metadata.yaml: expected a mapping at the top level, got ArrayList", loadFails().getMessage());
    }

    @Test
    void emptyOrCommentOnlyFilesAreEmptyDocumentsNotInvalidYaml() throws IOException {
        split();
        Files.writeString(dir.resolve("actions.yaml"), "# no actions yet\n");
        assertTrue(CharmMetadata.load(dir).actions().isEmpty());
        Files.writeString(dir.resolve("metadata.yaml"), "");
        assertEquals("metadata.yaml: name: expected string, got nothing", loadFails().getMessage());
    }

    @Test
    void nameIsRequired() throws IOException {
        Files.writeString(dir.resolve("metadata.yaml"), "summary: x\n");
        assertEquals("metadata.yaml: name: expected string, got nothing", loadFails().getMessage());
    }

    @Test
    void unknownOptionTypeUsesJujusText() throws IOException {
        split();
        Files.writeString(dir.resolve("config.yaml"), "options:\n  t: {type: foo}\n");
        assertEquals("config.yaml: invalid config: option \"t\" has unknown type \"foo\"", loadFails().getMessage());
    }

    @ParameterizedTest(name = "{0} default {1}")
    @CsvSource(delimiter = '|', value = {
        "boolean | henry   | expected boolean, got \"henry\"",
        "string  | 2.5     | expected string, got 2.5",
        "string  | true    | expected string, got true",
        "float   | '\"123a\"' | expected float, got \"123a\"",
        "int     | true    | expected int, got true",
        "int     | 12.345  | expected int, got 12.345",
        "int     | 12.0    | expected int, got 12",
        "int     | '\"\"'  | expected int, got \"\"",
        "secret  | cheese  | expected secret, got \"cheese\""})
    void badDefaultUsesJujusText(String type, String value, String expected) throws IOException {
        split();
        Files.writeString(dir.resolve("config.yaml"), "options:\n  t:\n    type: " + type + "\n    default: " + value
                + "\n");
        assertEquals("config.yaml: invalid config default: option \"t\" " + expected, loadFails().getMessage());
    }

    @ParameterizedTest(name = "{0} default {1}")
    @CsvSource(delimiter = '|', value = {
        "int     | '\"0x10\"' | 16",
        "int     | '\"42\"'   | 42",
        "int     | 7          | 7",
        "float   | 3          | 3.0",
        "boolean | '\"T\"'    | true",
        "boolean | '\"0\"'    | false",
        "string  | '\"\"'     | ''",
        "secret  | '\"\"'     | ''",
        "secret  | secret:abc | secret:abc"})
    void defaultsAreCoercedAsJujuDoes(String type, String value, String expected) throws IOException {
        split();
        Files.writeString(dir.resolve("config.yaml"), "options:\n  t:\n    type: " + type + "\n    default: " + value
                + "\n");
        assertEquals(expected, String.valueOf(CharmMetadata.load(dir).config().get("t").defaultValue().orElseThrow()));
    }

    @Test
    void missingTypeMeansString() throws IOException {
        split();
        Files.writeString(dir.resolve("config.yaml"), "options:\n  t: {default: x}\n");
        assertEquals(OptionType.STRING, CharmMetadata.load(dir).config().get("t").type());
    }

    @Test
    void configWithoutOptionsIsJujusEmptyConfiguration() throws IOException {
        split();
        Files.writeString(dir.resolve("config.yaml"), "");
        assertTrue(loadFails().getMessage().startsWith("config.yaml: invalid config: empty configuration"));
        Files.writeString(dir.resolve("config.yaml"), "option:\n  t: {type: int}\n");
        assertTrue(loadFails().getMessage().startsWith("config.yaml: invalid config: empty configuration"));
        Files.writeString(dir.resolve("config.yaml"), "options:\n");
        assertTrue(CharmMetadata.load(dir).config().isEmpty(), "an explicit empty options is fine");
    }

    @Test
    void wrongShapesNameTheKeyInsteadOfAClassCastException() throws IOException {
        Files.writeString(dir.resolve("metadata.yaml"), "name: demo\nresources:\n  image: {type: file, filename: 5}\n");
        assertEquals("metadata.yaml: resources.image.filename: expected string, got 5", loadFails().getMessage());
        Files.writeString(dir.resolve("metadata.yaml"), "name: demo\nrequires: [db]\n");
        assertEquals("metadata.yaml: requires: expected a map, got [db]", loadFails().getMessage());
        Files.writeString(dir.resolve("metadata.yaml"), "name: demo\ncontainers:\n  w: {resource: [a]}\n");
        assertEquals("metadata.yaml: containers.w.resource: expected string, got [a]", loadFails().getMessage());
        Files.writeString(dir.resolve("metadata.yaml"), "name: demo\ndisplay-name: 3\n");
        assertEquals("metadata.yaml: display-name: expected string, got 3", loadFails().getMessage());
    }

    @Test
    void endpointNeedsAnInterface() throws IOException {
        Files.writeString(dir.resolve("metadata.yaml"), "name: demo\nrequires:\n  db: {limit: 1}\n");
        assertEquals("metadata.yaml: requires.db.interface: expected string, got nothing", loadFails().getMessage());
        Files.writeString(dir.resolve("metadata.yaml"), "name: demo\nrequires:\n  db: 5\n");
        assertEquals("metadata.yaml: requires.db: expected an interface name or a map with \"interface\"",
                loadFails().getMessage());
    }

    @Test
    void duplicatedRelationNameUsesJujusText() throws IOException {
        Files.writeString(dir.resolve("metadata.yaml"), "name: demo\nprovides:\n  db: mysql\nrequires:\n  db: mysql\n");
        assertEquals("charm \"demo\" using a duplicated relation name: \"db\"", loadFails().getMessage());
    }

    @ParameterizedTest
    @CsvSource({"3, 3, 3", "0-10, 0, 10", "2+, 2, -1", "1-, 1, -1"})
    void storageRanges(String range, int min, int max) throws IOException {
        Files.writeString(dir.resolve("metadata.yaml"), "name: demo\nstorage:\n  d:\n    type: filesystem\n"
                + "    multiple: {range: \"" + range + "\"}\n");
        StorageMeta s = CharmMetadata.load(dir).storage().get("d");
        assertEquals(min, s.countMin());
        assertEquals(max, s.countMax());
    }

    @Test
    void storageNeedsAKnownType() throws IOException {
        Files.writeString(dir.resolve("metadata.yaml"), "name: demo\nstorage:\n  d: {location: /x}\n");
        assertEquals("metadata.yaml: storage.d.type: expected filesystem or block, got nothing", loadFails().getMessage());
        Files.writeString(dir.resolve("metadata.yaml"), "name: demo\nstorage:\n  d: {type: fs, multiple: {range: x}}\n");
        assertEquals("metadata.yaml: storage.d.type: expected filesystem or block, got \"fs\"", loadFails().getMessage());
        // Quoted as Go's %q: a control character is escaped, never printed raw.
        Files.writeString(dir.resolve("metadata.yaml"), "name: demo\nstorage:\n  d: {type: \"fs\\r\\u0001\"}\n");
        assertEquals("metadata.yaml: storage.d.type: expected filesystem or block, got \"fs\\r\\x01\"", loadFails().getMessage());
        Files.writeString(dir.resolve("metadata.yaml"), "name: demo\nstorage:\n  d: {type: block, multiple: {range: 4-2}}\n");
        assertEquals("metadata.yaml: storage.d.multiple.range: 4-2 ends before it starts", loadFails().getMessage());
    }

    @Test
    void actionRequiredMustListParameterNames() throws IOException {
        split();
        Files.writeString(dir.resolve("actions.yaml"), "greet:\n  required: name\n");
        assertEquals("actions.yaml: greet.required: expected a list, got \"name\"", loadFails().getMessage());
        Files.writeString(dir.resolve("actions.yaml"), "greet:\n  required: [1]\n");
        assertEquals("actions.yaml: greet.required: expected parameter names, got 1", loadFails().getMessage());
        Files.writeString(dir.resolve("actions.yaml"), "greet: now\n");
        assertEquals("actions.yaml: greet: expected a map, got \"now\"", loadFails().getMessage());
    }

    @Test
    void unifiedLayoutNamesTheSectionInErrors() throws IOException {
        Files.writeString(dir.resolve("charmcraft.yaml"), "name: demo\nconfig:\n  options:\n    t: {type: foo}\n");
        assertEquals("charmcraft.yaml: config: invalid config: option \"t\" has unknown type \"foo\"",
                loadFails().getMessage());
        Files.writeString(dir.resolve("charmcraft.yaml"), "name: demo\nactions: [a]\n");
        assertEquals("charmcraft.yaml: actions: expected a map, got [a]", loadFails().getMessage());
    }

    @Test
    void machineCharmIsNotKubernetes() {
        CharmMetadata m = CharmMetadata.parse(Map.of("name", "m"), Map.of(), Map.of());
        assertFalse(m.isKubernetes());
        assertTrue(m.endpoints().isEmpty());
        assertTrue(m.config().isEmpty());
        assertEquals("", m.summary());
    }

    @Test
    void declarationsAreImmutable() throws IOException {
        CharmMetadata m = split();
        assertThrows(UnsupportedOperationException.class, () -> m.endpoints().clear());
        assertThrows(UnsupportedOperationException.class, () -> m.config().clear());
    }
}
