package io.jcharm.core.meta;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads YAML files into plain maps, with errors that name the file and line; only for charm
 * directories without the packer's JSON form, so that a packed charm's hook never loads (nor, in
 * its startup archive, links) the YAML stack.
 */
final class YamlDocs {
    private final ObjectMapper mapper = YAMLMapper.builder().build();

    Map<String, Object> readMap(Path file, boolean required) {
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw new MetadataException(file + " not found");
            }
            return Map.of();
        }
        try {
            // readTree, unlike readValue, takes an empty or comment-only file as "no document".
            JsonNode tree = mapper.readTree(file.toFile());
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return Map.of();
            }
            Object doc = mapper.treeToValue(tree, Object.class);
            if (!(doc instanceof Map)) {
                throw new MetadataException(file.getFileName() + ": expected a mapping at the top level, got "
                        + doc.getClass().getSimpleName());
            }
            return MetadataParser.stringKeys(doc);
        } catch (JacksonException e) {
            throw new MetadataException(file.getFileName() + " is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""), e);
        }
    }
}
