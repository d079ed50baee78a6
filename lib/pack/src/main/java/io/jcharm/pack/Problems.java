package io.jcharm.pack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects every problem found in a project's files, placing each at the YAML line of the path
 * it is about, so that a packer run reports all of them at once (Juju stops at the first).
 *
 * <pre>{@code
 * Problems p = new Problems(tree);
 * p.add("requires.db.interface", "metadata: requires.db.interface: expected string, got nothing");
 * }</pre>
 */
final class Problems {
    private final YamlTree tree;
    private final String prefix;
    private final List<Problem> found;

    Problems(YamlTree tree) {
        this(tree, "", new ArrayList<>());
    }

    private Problems(YamlTree tree, String prefix, List<Problem> found) {
        this.tree = tree;
        this.prefix = prefix;
        this.found = found;
    }

    /** A view for another file of the same project (metadata.yaml beside charmcraft.yaml), sharing the list. */
    Problems forFile(YamlTree other) {
        return new Problems(other, "", found);
    }

    /** A view whose paths are relative to {@code key} (e.g. "config" for config.yaml's own paths). */
    Problems under(String key) {
        return new Problems(tree, YamlTree.child(prefix, key), found);
    }

    void add(String path, String message) {
        String full = path.isEmpty() ? prefix : prefix.isEmpty() ? path : prefix + "." + path;
        found.add(new Problem(tree.file(), tree.line(full), message));
    }

    List<Problem> all() {
        return List.copyOf(found);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** A map with string keys, or empty after reporting; {@code want} is juju/schema's name for it. */
    Optional<Map<String, Object>> stringMap(Object v, String path, String errorPrefix) {
        if (!(v instanceof Map<?, ?> m)) {
            add(path, errorPrefix + Schema.expected(path, "map", v));
            return Optional.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getKey() instanceof String k) {
                out.put(k, e.getValue());
            } else {
                add(path, errorPrefix + Schema.expected(path, "string", e.getKey()));
                ok = false;
            }
        }
        return ok ? Optional.of(out) : Optional.empty();
    }
}
