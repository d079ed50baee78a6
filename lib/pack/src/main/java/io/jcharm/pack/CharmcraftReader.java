package io.jcharm.pack;

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
 * Reads a charmcraft 3 unified charmcraft.yaml, splits it the way charmcraft does into
 * metadata.yaml, config.yaml and actions.yaml content, and validates all of it with Juju's rules
 * before anything is built, reporting every problem with its line.
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

    /** Metadata v1 keys, which a charm with a manifest.yaml (metadata v2) must not use. */
    static final List<String> V1_KEYS = List.of("deployment", "min-juju-version", "series");
    private static final List<String> V2_KEYS = List.of("assumes", "charm-user", "containers");

    private CharmcraftReader() {
    }

    /**
     * Juju's metadata-format rules: a packed charm always has manifest.yaml bases (metadata v2),
     * so the v1 keys are refused with the texts juju/charm gives.
     */
    private static void formatV2(Map<String, Object> yaml, Problems p) {
        List<String> v1 = V1_KEYS.stream().filter(yaml::containsKey).toList();
        List<String> v2 = V2_KEYS.stream().filter(yaml::containsKey).toList();
        if (v1.isEmpty()) {
            return;
        }
        if (!v2.isEmpty()) {
            // Keys are checked in sorted order and every v2 key sorts before every v1 key.
            p.add(v1.get(0), "ambiguous metadata: keys \"" + String.join("\", \"", v1) + "\" cannot be used with \""
                    + String.join("\", \"", v2) + "\"");
            return;
        }
        for (String key : v1) {
            p.add(key, switch (key) {
                case "series" -> "metadata v2 manifest.yaml with series slice not valid";
                case "min-juju-version" -> "min-juju-version in metadata v2 not valid";
                default -> "deployment in metadata v2 not valid";
            });
        }
    }

    /** Loads and validates {@code <dir>/charmcraft.yaml}. */
    public static CharmProject load(Path dir) {
        Path file = dir.resolve(FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PackException(List.of(new Problem(FILE, 0, "not found: a charm project needs a charmcraft.yaml"
                    + " in charmcraft 3's unified format in " + dir)));
        } catch (IOException e) {
            throw new PackException(List.of(new Problem(FILE, 0, "cannot read " + file + ": " + e.getMessage())));
        }
        return parse(dir, text);
    }

    /** Validates {@code text} as the charmcraft.yaml of the project in {@code dir}. */
    public static CharmProject parse(Path dir, String text) {
        YamlTree tree = YamlTree.parse(FILE, text);
        Problems p = new Problems(tree);
        if (!(tree.root() instanceof Map<?, ?> root)) {
            throw new PackException(List.of(new Problem(FILE, 1, "expected a mapping at the top level, got "
                    + GoValues.syntax(tree.root()))));
        }
        Map<String, Object> yaml = new LinkedHashMap<>();
        root.forEach((k, v) -> yaml.put(String.valueOf(k), v));
        for (String legacy : List.of("metadata.yaml", "config.yaml", "actions.yaml")) {
            if (Files.exists(dir.resolve(legacy))) {
                p.add("", legacy + " found next to charmcraft.yaml: jcharm pack reads the unified charmcraft.yaml"
                        + " only; move its content into charmcraft.yaml and delete " + legacy);
            }
        }
        yaml.keySet().stream().filter(k -> !KEYS.contains(k) && !V1_KEYS.contains(k)).forEach(k ->
                p.add(k, "unknown key " + GoValues.quote(k) + ": charmcraft 3 does not accept it in charmcraft.yaml"));
        formatV2(yaml, p);
        if (!"charm".equals(yaml.get("type"))) {
            p.add(yaml.containsKey("type") ? "type" : "", "type must be \"charm\", got " + GoValues.syntax(yaml.get("type"))
                    + (("bundle".equals(yaml.get("type"))) ? ": bundles are built by jcharm bundle, not packed" : ""));
        }
        if (yaml.containsKey("title") && !(yaml.get("title") instanceof String)) {
            p.add("title", "title must be a string, got " + GoValues.syntax(yaml.get("title")));
        }
        Map<String, Object> metadata = metadata(yaml);
        new MetadataRules(metadata, p).check();
        Optional<Map<String, Object>> config = section(yaml, "config");
        config.ifPresent(c -> new ConfigRules(c, p.under("config")).check());
        if (yaml.containsKey("config") && yaml.get("config") != null && !(yaml.get("config") instanceof Map)) {
            p.add("config", "invalid config: empty configuration");
        }
        Optional<Map<String, Object>> actions = section(yaml, "actions");
        String name = metadata.get("name") instanceof String s ? s : "";
        if (yaml.containsKey("actions") && yaml.get("actions") != null) {
            new ActionsRules(yaml.get("actions"), name, p.under("actions")).check();
        }
        List<Platform> platforms = new PlatformRules(yaml, p).platforms();
        if (!p.isEmpty()) {
            throw new PackException(p.all());
        }
        return new CharmProject(dir, name, metadata, config, actions, List.copyOf(platforms));
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

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> section(Map<String, Object> yaml, String key) {
        if (yaml.get(key) instanceof Map<?, ?> m && !m.isEmpty()) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<Object, Object>) m).forEach((k, v) -> out.put(String.valueOf(k), v));
            return Optional.of(out);
        }
        return Optional.empty();
    }
}
