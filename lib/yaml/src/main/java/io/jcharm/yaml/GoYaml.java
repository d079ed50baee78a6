package io.jcharm.yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.ComposerException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ScannerException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.JsonScalarResolver;

/**
 * Reads (multi-document) YAML as Juju's Go decoder, go-yaml v2, reads it: plain scalars typed by
 * {@link GoScalars#resolve} ({@code yes} is true, {@code 0o17} is 15, {@code 99999999999999999999}
 * a float), a tab after {@code key:} accepted, later duplicate keys winning, merge keys
 * ({@code <<}) applied, and syntax errors worded as go-yaml words them. Values become
 * {@code Map<String,Object>}, {@code List<Object>}, {@code String}, {@code Long},
 * {@code BigInteger}, {@code Double}, {@code Boolean} or null; every key's line is kept.
 *
 * <pre>{@code
 * List<YamlDoc> docs = GoYaml.read(Path.of("bundles/edge/bundle.yaml"));
 * }</pre>
 */
public final class GoYaml {
    /** Enough for every tab a real file holds after its keys; each retry fixes one. */
    private static final int MAX_TAB_FIXES = 10_000;
    private static final JsonScalarResolver JSON = new JsonScalarResolver();

    private GoYaml() {
    }

    /**
     * Reads a file.
     *
     * @throws java.io.UncheckedIOException when it cannot be read
     * @throws YamlException when go-yaml would refuse it
     */
    public static List<YamlDoc> read(Path file) {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads YAML text that came from {@code file} (used in documents and messages only). */
    public static List<YamlDoc> read(String text, Path file) {
        String source = text;
        for (int attempt = 0; ; attempt++) {
            try {
                return compose(source, file);
            } catch (ScanFailure f) {
                ScannerException e = f.cause;
                // go-yaml's scanner takes a tab as separation after a simple key's ':' (and after
                // other content on the line); snakeyaml only after a space. Same width, same lines.
                int at = e.getProblemMark().map(Mark::getIndex).orElse(-1);
                if (attempt < MAX_TAB_FIXES && goAcceptsTab(source, at)) {
                    source = source.substring(0, at) + ' ' + source.substring(at + 1);
                    continue;
                }
                throw GoErrors.scanner(e, f.document);
            }
        }
    }

    private static List<YamlDoc> compose(String text, Path file) {
        LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setMaxAliasesForCollections(200).build();
        List<YamlDoc> docs = new ArrayList<>();
        try {
            for (Node node : new Compose(settings).composeAllFromString(text)) {
                Map<List<String>, Integer> lines = new HashMap<>();
                Map<List<String>, String> texts = new HashMap<>();
                Map<List<String>, Object> keys = new HashMap<>();
                Object root = convert(node, new ArrayList<>(), lines, texts, keys);
                docs.add(new YamlDoc(file, docs.size(), root, lines, texts, keys));
            }
        } catch (ScannerException e) {
            throw new ScanFailure(e, docs.size());
        } catch (ComposerException e) {
            throw GoErrors.composer(e, docs.size());
        } catch (MarkedYamlEngineException e) {
            throw GoErrors.parser(e, docs.size());
        } catch (YamlEngineException e) {
            throw new YamlException("yaml: " + e.getMessage(), docs.size(), 0, e);
        }
        return docs;
    }

    /** Whether go-yaml takes the tab at {@code at} as white space: not in indentation, not after "-", "?". */
    static boolean goAcceptsTab(String s, int at) {
        if (at < 0 || at >= s.length() || s.charAt(at) != '\t') {
            return false;
        }
        int i = at - 1;
        while (i >= 0 && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i--;
        }
        if (i < 0 || s.charAt(i) == '\n' || s.charAt(i) == '\r') {
            return false; // indentation: go-yaml refuses tabs there too
        }
        char prev = s.charAt(i);
        return prev != '-' && prev != '?';
    }

    private static Object convert(Node node, List<String> path, Map<List<String>, Integer> lines,
                                  Map<List<String>, String> texts, Map<List<String>, Object> keys) {
        if (node instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                // Keys stay as written: Go decodes a key into a string map from its text ("y" stays "y").
                Object key = t.getKeyNode() instanceof ScalarNode sk ? sk.getValue()
                        : convert(t.getKeyNode(), path, new HashMap<>(), new HashMap<>(), new HashMap<>());
                if ("<<".equals(key) && t.getKeyNode() instanceof ScalarNode sk && sk.isPlain()) {
                    mergeKey(t.getValueNode(), out, path, lines, texts, keys);
                    continue;
                }
                String k = String.valueOf(key);
                List<String> p = append(path, k);
                lines.put(p, line(t.getKeyNode()));
                Object typed = t.getKeyNode() instanceof ScalarNode sk ? scalar(sk) : key;
                if (!(typed instanceof String)) {
                    keys.put(p, typed);
                }
                out.put(k, convert(t.getValueNode(), p, lines, texts, keys));
            }
            return out;
        }
        if (node instanceof SequenceNode s) {
            List<Object> out = new ArrayList<>();
            for (Node item : s.getValue()) {
                List<String> p = append(path, Integer.toString(out.size()));
                lines.put(p, line(item));
                out.add(convert(item, p, lines, texts, keys));
            }
            return out;
        }
        Object v = scalar((ScalarNode) node);
        if (v != null && !(v instanceof String)) {
            texts.put(List.copyOf(path), ((ScalarNode) node).getValue());
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static void mergeKey(Node value, Map<String, Object> out, List<String> path, Map<List<String>, Integer> lines,
                                 Map<List<String>, String> texts, Map<List<String>, Object> keys) {
        List<Node> sources = value instanceof SequenceNode s ? s.getValue() : List.of(value);
        for (Node src : sources) {
            if (convert(src, path, lines, texts, keys) instanceof Map<?, ?> m) {
                ((Map<String, Object>) m).forEach(out::putIfAbsent);
            }
        }
    }

    private static int line(Node n) {
        return n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private static List<String> append(List<String> path, String key) {
        List<String> p = new ArrayList<>(path.size() + 1);
        p.addAll(path);
        p.add(key);
        return List.copyOf(p);
    }

    /** Quoted scalars and explicit {@code !!str} stay strings; plain ones resolve as go-yaml v2. */
    private static Object scalar(ScalarNode n) {
        String v = n.getValue();
        if (!n.isPlain()) {
            return v;
        }
        // snakeyaml tags an untagged plain scalar by its (JSON) schema; a !!str it would not have
        // given came from the text.
        if (Tag.STR.equals(n.getTag()) && !Tag.STR.equals(JSON.resolve(v, true))) {
            return v;
        }
        return GoScalars.resolve(v);
    }

    /** A scanner error with the index of the document it happened in, for a retry or the message. */
    private static final class ScanFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ScannerException cause;
        private final int document;

        ScanFailure(ScannerException cause, int document) {
            super(cause);
            this.cause = cause;
            this.document = document;
        }
    }
}
