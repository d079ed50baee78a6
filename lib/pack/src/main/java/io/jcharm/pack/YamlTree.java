package io.jcharm.pack;

import io.jcharm.yaml.GoYaml;
import io.jcharm.yaml.YamlDoc;
import io.jcharm.yaml.YamlException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One YAML document read by the shared go-yaml v2 reader ({@link GoYaml}: YAML 1.1 plain scalars,
 * {@code yes} and {@code off} booleans, {@code 0x10} an int, a later duplicate key winning as in
 * Juju), with the line of every key and list item spelled the way the packer's problems spell
 * paths ({@code requires.db.interface}, {@code actions.x.params[0]}).
 *
 * <pre>{@code
 * YamlTree t = YamlTree.parse("charmcraft.yaml", "name: hello\nrequires:\n  db: {interface: pg}\n");
 * t.line("requires.db.interface");  // 3
 * }</pre>
 *
 * <p>Values are {@code Map<Object,Object>} (keys typed as Go types them: {@code 1: x} has an int key), {@code List<Object>}, {@link String}, {@link Long}
 * (Go int), {@link java.math.BigInteger} (Go uint64), {@link Double}, {@link Boolean} or null.
 */
public final class YamlTree {
    private final String file;
    private final Object root;
    private final Map<String, Integer> lines;

    private YamlTree(String file, Object root, Map<String, Integer> lines) {
        this.file = file;
        this.root = root;
        this.lines = lines;
    }

    /** Parses {@code text}; go-yaml's refusal, or a second document, becomes a {@link PackException} with the line. */
    public static YamlTree parse(String file, String text) {
        List<YamlDoc> docs;
        try {
            docs = GoYaml.read(text, Path.of(file));
        } catch (YamlException e) {
            throw new PackException(List.of(new Problem(file, e.line(), e.getMessage())));
        }
        if (docs.size() > 1) {
            // charmcraft and Juju read the first document only; a second one would be silently lost.
            throw new PackException(List.of(new Problem(file, firstLine(docs.get(1)), "only one YAML document is allowed")));
        }
        if (docs.isEmpty()) {
            return new YamlTree(file, null, Map.of());
        }
        YamlDoc doc = docs.get(0);
        Map<String, Integer> lines = new HashMap<>();
        doc.lines().forEach((path, line) -> lines.put(spell(doc.root(), path), line));
        lines.put("", firstLine(doc));
        return new YamlTree(file, typedKeys(doc.root(), List.of(), doc.keys()), lines);
    }

    public String file() {
        return file;
    }

    /** The document: a map, list, scalar or null (empty document). */
    public Object root() {
        return root;
    }

    /**
     * The 1-based line of {@code path} ("requires.db.interface", "actions.x.params[0]"), or of
     * its nearest ancestor that has one; 0 when none does.
     */
    public int line(String path) {
        String p = path;
        while (true) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return p.isEmpty() ? 0 : lines.getOrDefault("", 0);
            }
            p = p.substring(0, cut);
        }
    }

    /** The child path of a map key, as problems and {@link #line} spell it. */
    public static String child(String parent, Object key) {
        return parent.isEmpty() ? String.valueOf(key) : parent + "." + key;
    }

    /**
     * The document with its map keys as Go decodes them into an {@code interface{}} ({@code 1: one}
     * keyed by int 1), which Juju's rules see, e.g. "map keyed with non-string value" in action params.
     */
    private static Object typedKeys(Object node, List<String> path, Map<List<String>, Object> keys) {
        if (node instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                List<String> p = append(path, String.valueOf(k));
                out.put(keys.containsKey(p) ? keys.get(p) : k, typedKeys(v, p, keys));
            });
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.add(typedKeys(l.get(i), append(path, Integer.toString(i)), keys));
            }
            return out;
        }
        return node;
    }

    private static List<String> append(List<String> path, String segment) {
        List<String> p = new ArrayList<>(path);
        p.add(segment);
        return p;
    }

    /** The shared reader's key path (list indexes as decimal strings) as pack spells it: {@code a.b[0]}. */
    private static String spell(Object root, List<String> path) {
        StringBuilder out = new StringBuilder();
        Object node = root;
        for (String segment : path) {
            // Walk the values: only they tell a list index from a map key that looks like one.
            if (node instanceof List<?> list) {
                out.append('[').append(segment).append(']');
                int i = Integer.parseInt(segment);
                node = i < list.size() ? list.get(i) : null;
            } else {
                out.append(out.length() == 0 ? "" : ".").append(segment);
                node = node instanceof Map<?, ?> m ? m.get(segment) : null;
            }
        }
        return out.toString();
    }

    /** Where a document's content starts: its first key or item, 0 for a bare scalar. */
    private static int firstLine(YamlDoc doc) {
        return doc.lines().values().stream().mapToInt(Integer::intValue).min().orElse(0);
    }
}
