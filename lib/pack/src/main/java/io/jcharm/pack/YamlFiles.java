package io.jcharm.pack;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes the YAML files of a {@code .charm}. Every string is quoted, so a channel such as
 * {@code 24.04} can never turn into a YAML float, and key order follows the input.
 *
 * <pre>{@code
 * String manifest = YamlFiles.manifest(platform, Instant.parse("2026-01-01T00:00:00Z"));
 * }</pre>
 */
public final class YamlFiles {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
            .build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** charmcraft writes e.g. 2026-01-01T00:00:00+00:00. */
    private static final DateTimeFormatter STARTED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private YamlFiles() {
    }

    public static String write(Map<String, Object> doc) {
        return YAML.writeValueAsString(doc);
    }

    /**
     * The charm's metadata, config and actions as one compact JSON document
     * ({@code {"metadata":{...},"config":{...},"actions":{...}}}, the latter two only when the
     * charm has them): the same content as the YAML files, for hooks to read without a YAML parser.
     */
    public static String packedMetadata(CharmProject project) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("metadata", project.metadata());
        project.config().ifPresent(c -> doc.put("config", c));
        project.actions().ifPresent(a -> doc.put("actions", a));
        return JSON.writeValueAsString(doc) + "\n";
    }

    /**
     * manifest.yaml as charmcraft writes it: the bases the charm runs on (Juju picks metadata v2
     * and the deploy base from it) and the linter attributes.
     */
    public static String manifest(Platform platform, Instant packedAt) {
        List<Map<String, Object>> bases = platform.bases().stream().map(b -> {
            Map<String, Object> base = new LinkedHashMap<>();
            base.put("name", b.os());
            base.put("channel", b.channel());
            base.put("architectures", b.architectures());
            return base;
        }).toList();
        Map<String, Object> doc = new LinkedHashMap<>();
        String version = YamlFiles.class.getPackage().getImplementationVersion();
        doc.put("charmcraft-version", "jcharm-pack " + (version == null ? "dev" : version));
        doc.put("charmcraft-started-at", STARTED_AT.format(packedAt.atOffset(ZoneOffset.UTC)));
        doc.put("bases", bases);
        // charmcraft's linters know python/operator; anything else is "unknown" to Charmhub.
        doc.put("analysis", Map.of("attributes", List.of(
                attr("language", "unknown"), attr("framework", "unknown"))));
        return write(doc);
    }

    private static Map<String, Object> attr(String name, String result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("result", result);
        return m;
    }
}
