package io.jcharm.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.JsonScalarResolver;

/**
 * Reads (multi-document) YAML the way Juju's Go decoder (yaml.v2, YAML 1.1) types plain scalars:
 * {@code yes}/{@code on} are booleans, {@code 0x10} is an int, {@code ~} is null. Values become
 * {@code Map<String,Object>}, {@code List<Object>}, {@code String}, {@code Long}, {@code Double},
 * {@code Boolean} or null; every key's line is kept.
 *
 * <pre>{@code
 * List<YamlDoc> docs = new YamlReader().read(Path.of("bundles/edge/bundle.yaml"));
 * }</pre>
 */
public final class YamlReader {
    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
    private static final Pattern HEX = Pattern.compile("[-+]?0x[0-9a-fA-F_]+");
    private static final Pattern OCT = Pattern.compile("[-+]?0[0-7_]+");
    private static final Pattern BIN = Pattern.compile("[-+]?0b[01_]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?");
    private static final JsonScalarResolver JSON = new JsonScalarResolver();

    /** Reads a file; an unreadable file or a syntax error is a {@link BundleException} with the line. */
    public List<YamlDoc> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BundleException("cannot read " + file + ": " + e.getMessage(), Optional.empty(),
                    "check that the file exists and is readable", e);
        }
        return read(text, file);
    }

    /** Reads YAML text that came from {@code file} (used in messages only). */
    public List<YamlDoc> read(String text, Path file) {
        LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setMaxAliasesForCollections(200).build();
        List<YamlDoc> docs = new ArrayList<>();
        try {
            for (Node node : new Compose(settings).composeAllFromString(text)) {
                Map<List<String>, Integer> lines = new HashMap<>();
                Map<List<String>, String> texts = new HashMap<>();
                Object root = convert(node, new ArrayList<>(), lines, texts);
                docs.add(new YamlDoc(file, docs.size(), root, lines, texts));
            }
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            // Juju prints "unmarshal document <n>: yaml: line <l>: <problem>" for syntax errors.
            throw new BundleException("unmarshal document " + docs.size() + ": yaml: line " + line + ": " + e.getProblem(),
                    Optional.of(new Location(file, line)), "fix the YAML syntax at that line", e);
        } catch (YamlEngineException e) {
            throw new BundleException("unmarshal document " + docs.size() + ": yaml: " + e.getMessage(),
                    Optional.of(new Location(file, 0)), "fix the YAML syntax", e);
        }
        return docs;
    }

    private static Object convert(Node node, List<String> path, Map<List<String>, Integer> lines,
                                  Map<List<String>, String> texts) {
        if (node instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                // Keys stay as written: Go decodes a key into a string map from its text ("y" stays "y").
                Object key = t.getKeyNode() instanceof ScalarNode sk ? sk.getValue() : convert(t.getKeyNode(), path, new HashMap<>(), new HashMap<>());
                if ("<<".equals(key) && t.getKeyNode() instanceof ScalarNode sk && sk.isPlain()) {
                    mergeKey(t.getValueNode(), out, path, lines, texts);
                    continue;
                }
                String k = String.valueOf(key);
                List<String> p = append(path, k);
                lines.put(p, line(t.getKeyNode()));
                out.put(k, convert(t.getValueNode(), p, lines, texts));
            }
            return out;
        }
        if (node instanceof SequenceNode s) {
            List<Object> out = new ArrayList<>();
            for (Node item : s.getValue()) {
                List<String> p = append(path, Integer.toString(out.size()));
                lines.put(p, line(item));
                out.add(convert(item, p, lines, texts));
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
                                 Map<List<String>, String> texts) {
        List<Node> sources = value instanceof SequenceNode s ? s.getValue() : List.of(value);
        for (Node src : sources) {
            if (convert(src, path, lines, texts) instanceof Map<?, ?> m) {
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

    /** Resolves a scalar as yaml.v2 does; quoted scalars and explicit {@code !!str} stay strings. */
    static Object scalar(ScalarNode n) {
        String v = n.getValue();
        if (!n.isPlain()) {
            return v;
        }
        Tag tag = n.getTag();
        if (Tag.STR.equals(tag) && !Tag.STR.equals(JSON.resolve(v, true))) {
            return v; // an explicit !!str on something that would not resolve to a string
        }
        return resolvePlain(v);
    }

    static Object resolvePlain(String v) {
        switch (v) {
            case "", "~", "null", "Null", "NULL":
                return null;
            case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
                return Boolean.TRUE;
            case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
                return Boolean.FALSE;
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
                return Double.POSITIVE_INFINITY;
            case "-.inf", "-.Inf", "-.INF":
                return Double.NEGATIVE_INFINITY;
            case ".nan", ".NaN", ".NAN":
                return Double.NaN;
            default:
                break;
        }
        try {
            String plain = v.replace("_", "");
            if (INT.matcher(v).matches()) {
                return Long.parseLong(plain.startsWith("+") ? plain.substring(1) : plain);
            }
            if (HEX.matcher(v).matches()) {
                return signed(plain, 16, 2);
            }
            if (BIN.matcher(v).matches()) {
                return signed(plain, 2, 2);
            }
            if (OCT.matcher(v).matches()) {
                return signed(plain, 8, 1);
            }
            if (FLOAT.matcher(v).matches()) {
                return Double.parseDouble(plain);
            }
        } catch (NumberFormatException e) {
            return v; // out of range: Go keeps such a scalar as text too
        }
        return v;
    }

    private static Long signed(String s, int radix, int prefix) {
        boolean neg = s.startsWith("-");
        String digits = s.startsWith("-") || s.startsWith("+") ? s.substring(1 + prefix) : s.substring(prefix);
        long value = Long.parseLong(digits, radix);
        return neg ? -value : value;
    }
}
