package io.jcharm.pack;

import io.jcharm.yaml.GoFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a charm project as charmcraft 3 does, either a unified charmcraft.yaml (split into
 * metadata.yaml, config.yaml and actions.yaml content) or a charmcraft.yaml beside those files
 * (the usual layout of Charmhub charms), and validates all of it with Juju's rules before
 * anything is built, reporting every problem with its file and line.
 *
 * <pre>{@code
 * CharmProject project = CharmcraftReader.load(Path.of("charms/hello"));  // or PackException
 * }</pre>
 */
public final class CharmcraftReader {
    static final String FILE = "charmcraft.yaml";

    /** charmcraft 3's CharmProject keys; anything else is refused, as charmcraft refuses it. */
    static final List<String> KEYS = List.of("type", "name", "title", "summary", "description", "base", "build-base",
            "platforms", "bases", "parts", "charm-libs", "charmhub", "analysis", "links", "config", "actions",
            "assumes", "charm-user", "containers", "devices", "extra-bindings", "peers", "provides", "requires",
            "resources", "storage", "subordinate", "terms");

    /** charmcraft's CharmMetadata: what goes into metadata.yaml, in this order. */
    static final List<String> METADATA_KEYS = List.of("name", "display-name", "summary", "description",
            "maintainers", "docs", "issues", "source", "website", "assumes", "charm-user", "containers", "devices",
            "extra-bindings", "peers", "provides", "requires", "resources", "storage", "subordinate", "terms");

    /** Metadata v1 keys: Juju reads them from metadata.yaml; charmcraft.yaml has no place for them. */
    private static final List<String> V1_KEYS = List.of("deployment", "min-juju-version", "series");

    /** What charmcraft takes from metadata.yaml into the project, refusing them in both files. */
    private static final List<String> MIGRATED = List.of("name", "summary", "description");

    /** The files charmcraft copies into the charm as they are when they sit beside charmcraft.yaml. */
    static final String METADATA = "metadata.yaml";
    static final String CONFIG = "config.yaml";
    static final String ACTIONS = "actions.yaml";

    private CharmcraftReader() {
    }

    /** Loads and validates {@code <dir>/charmcraft.yaml} and the metadata, config and actions files beside it. */
    public static CharmProject load(Path dir) {
        Path file = dir.resolve(FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PackException(List.of(new Problem(FILE, 0, "not found: a charm project needs a charmcraft.yaml"
                    + " (charmcraft 3's format, alone or beside metadata.yaml) in " + dir)));
        } catch (IOException e) {
            throw new PackException(List.of(new Problem(FILE, 0, "cannot read " + file + ": " + e.getMessage())));
        }
        return parse(dir, text);
    }

    /**
     * Validates {@code text} as the charmcraft.yaml of the project in {@code dir}, with the
     * metadata.yaml, config.yaml and actions.yaml beside it: charmcraft copies those into the
     * charm as they are, so they are checked with Juju's rules in place of the same sections of
     * charmcraft.yaml.
     */
    public static CharmProject parse(Path dir, String text) {
        YamlTree tree = YamlTree.parse(FILE, text);
        Problems p = new Problems(tree);
        Map<String, Object> yaml = mapping(tree).orElseThrow(() -> new PackException(List.of(new Problem(FILE, 1,
                "expected a mapping at the top level, got " + GoFormat.syntax(tree.root())))));
        Optional<YamlTree> metadataFile = read(dir, METADATA);
        Optional<YamlTree> configFile = read(dir, CONFIG);
        Optional<YamlTree> actionsFile = read(dir, ACTIONS);
        yaml.keySet().stream().filter(k -> !KEYS.contains(k)).forEach(k -> p.add(k, "unknown key " + GoFormat.quote(k)
                + ": charmcraft 3 does not accept it in charmcraft.yaml"
                + (V1_KEYS.contains(k) ? "; Juju reads it from metadata.yaml, so move it there" : "")));
        if (!"charm".equals(yaml.get("type"))) {
            p.add(yaml.containsKey("type") ? "type" : "", "type must be \"charm\", got " + GoFormat.syntax(yaml.get("type"))
                    + (("bundle".equals(yaml.get("type"))) ? ": bundles are built by jcharm bundle, not packed" : ""));
        }
        if (yaml.containsKey("title") && !(yaml.get("title") instanceof String)) {
            p.add("title", "title must be a string, got " + GoFormat.syntax(yaml.get("title")));
        }
        Map<String, Object> metadata;
        Problems metadataProblems;
        if (metadataFile.isPresent()) {
            metadataProblems = p.forFile(metadataFile.get());
            metadata = legacyMetadata(yaml, metadataFile.get(), p, metadataProblems);
        } else {
            metadataProblems = p;
            metadata = metadata(yaml);
        }
        new MetadataRules(metadata, metadataProblems).check();
        String name = metadata.get("name") instanceof String s ? s : "";
        Optional<Map<String, Object>> config = section(yaml, "config", configFile, p);
        Object configValue = configFile.map(YamlTree::root).orElse(yaml.get("config"));
        if (shipped(configValue)) {
            new ConfigRules(configValue, rooted(p, "config", configFile)).check();
        }
        Optional<Map<String, Object>> actions = section(yaml, "actions", actionsFile, p);
        Object actionsValue = actionsFile.map(YamlTree::root).orElse(yaml.get("actions"));
        if (shipped(actionsValue)) {
            new ActionsRules(actionsValue, name, rooted(p, "actions", actionsFile)).check();
        }
        List<Platform> platforms = new PlatformRules(yaml, p).platforms();
        if (!p.isEmpty()) {
            throw new PackException(p.all());
        }
        List<String> verbatim = new ArrayList<>();
        metadataFile.ifPresent(f -> verbatim.add(METADATA));
        configFile.filter(f -> config.isPresent()).ifPresent(f -> verbatim.add(CONFIG));
        actionsFile.filter(f -> actions.isPresent()).ifPresent(f -> verbatim.add(ACTIONS));
        return new CharmProject(dir, name, metadata, config, actions, List.copyOf(platforms), List.copyOf(verbatim));
    }

    /**
     * metadata.yaml beside charmcraft.yaml, as charmcraft reads it: name, summary and description
     * may be in one file only, and the charm gets metadata.yaml as it is, so a metadata section
     * of charmcraft.yaml would be silently dropped: refused instead.
     */
    private static Map<String, Object> legacyMetadata(Map<String, Object> yaml, YamlTree file, Problems p, Problems mp) {
        Optional<Map<String, Object>> m = mapping(file);
        if (m.isEmpty()) {
            mp.add("", "Invalid file: 'metadata.yaml': it must be a mapping, as Juju's metadata.yaml specification"
                    + " says, got " + GoFormat.syntax(file.root()));
            return Map.of();
        }
        for (String key : MIGRATED) {
            if (yaml.containsKey(key) && m.get().containsKey(key)) {
                p.add(key, "Fields in charmcraft.yaml cannot be duplicated in metadata.yaml: " + key
                        + " is in both; remove it from metadata.yaml");
            }
        }
        Map<String, Object> merged = new LinkedHashMap<>(m.get());
        for (String key : MIGRATED) {
            if (!merged.containsKey(key) && yaml.containsKey(key)) {
                merged.put(key, yaml.get(key));
            }
        }
        for (String key : yaml.keySet()) {
            if (!MIGRATED.contains(key) && (METADATA_KEYS.contains(key) || key.equals("title") || key.equals("links"))) {
                p.add(key, key + " in charmcraft.yaml is dropped from the charm: charmcraft copies the metadata.yaml"
                        + " beside it as it is; move " + key + " into metadata.yaml");
            }
        }
        return merged;
    }

    /** charmcraft leaves out an empty section; anything else reaches Juju and must pass its rules. */
    private static boolean shipped(Object section) {
        return section != null && !(section instanceof Map<?, ?> m && m.isEmpty());
    }

    /** A YAML file beside charmcraft.yaml, or empty when there is none. */
    private static Optional<YamlTree> read(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(YamlTree.parse(name, Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new PackException(List.of(new Problem(name, 0, "cannot read " + file + ": " + e.getMessage())));
        }
    }

    private static Optional<Map<String, Object>> mapping(YamlTree tree) {
        if (!(tree.root() instanceof Map<?, ?> root)) {
            return Optional.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        root.forEach((k, v) -> out.put(String.valueOf(k), v));
        return Optional.of(out);
    }

    /** Where config or actions problems point: their own file, or their section of charmcraft.yaml. */
    private static Problems rooted(Problems p, String key, Optional<YamlTree> file) {
        return file.map(p::forFile).orElseGet(() -> p.under(key));
    }

    /** charmcraft's CharmMetadata.from_charm: the metadata.yaml subset of charmcraft.yaml. */
    private static Map<String, Object> metadata(Map<String, Object> yaml) {
        Map<String, Object> from = new LinkedHashMap<>();
        for (String key : METADATA_KEYS) {
            if (yaml.containsKey(key)) {
                from.put(key, yaml.get(key));
            }
        }
        if (yaml.containsKey("title")) {
            from.put("display-name", yaml.get("title"));
        }
        if (yaml.get("links") instanceof Map<?, ?> links) {
            if (links.get("contact") != null) {
                Object c = links.get("contact");
                from.put("maintainers", c instanceof List<?> l ? new ArrayList<>(l) : List.of(c));
            }
            for (String[] pair : new String[][] {{"documentation", "docs"}, {"issues", "issues"}, {"source", "source"},
                    {"website", "website"}}) {
                if (links.get(pair[0]) != null) {
                    from.put(pair[1], links.get(pair[0]));
                }
            }
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String key : METADATA_KEYS) {
            if (from.containsKey(key)) {
                ordered.put(key, from.get(key));
            }
        }
        return ordered;
    }

    /**
     * config or actions: from config.yaml / actions.yaml when that file exists (charmcraft then
     * refuses the section in charmcraft.yaml), else from charmcraft.yaml; empty when absent or empty.
     */
    private static Optional<Map<String, Object>> section(Map<String, Object> yaml, String key, Optional<YamlTree> file,
                                                         Problems p) {
        Object value = yaml.get(key);
        if (file.isPresent()) {
            if (yaml.containsKey(key)) {
                p.add(key, "Cannot specify '" + key + "' section in 'charmcraft.yaml' when '" + key + ".yaml' exists:"
                        + " move it into " + key + ".yaml");
            }
            value = file.get().root();
        }
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
            return Optional.of(out);
        }
        return Optional.empty();
    }
}
