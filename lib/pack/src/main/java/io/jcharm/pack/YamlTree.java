package io.jcharm.pack;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A YAML document read the way Juju's yaml.v2 reads it (YAML 1.1 plain scalars: {@code yes}
 * and {@code off} are booleans, {@code 0x10} an int; duplicate keys are an error), with the
 * line of every node so that problems can point at it.
 *
 * <pre>{@code
 * YamlTree t = YamlTree.parse("charmcraft.yaml", "name: hello\nrequires:\n  db: {interface: pg}\n");
 * t.line("requires.db.interface");  // 3
 * }</pre>
 *
 * <p>Values are {@code LinkedHashMap<Object,Object>}, {@code ArrayList<Object>}, {@link String},
 * {@link Long} (Go int), {@link BigInteger} (Go uint64), {@link Double}, {@link Boolean} or null.
 */
public final class YamlTree {
    private static final Pattern GO_FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");

    private final String file;
    private final Object root;
    private final Map<String, Integer> lines;

    private YamlTree(String file, Object root, Map<String, Integer> lines) {
        this.file = file;
        this.root = root;
        this.lines = lines;
    }

    /** Parses {@code text}; a syntax error or a duplicate key becomes a {@link PackException} with the line. */
    public static YamlTree parse(String file, String text) {
        Builder b = new Builder(file);
        try {
            Iterator<Event> events = new Parse(LoadSettings.builder().setLabel(file).build()).parseString(text).iterator();
            Object root = null;
            boolean seenDocument = false;
            while (events.hasNext()) {
                Event e = events.next();
                switch (e.getEventId()) {
                    case StreamStart, StreamEnd, DocumentEnd, Comment -> {
                    }
                    case DocumentStart -> {
                        if (seenDocument) {
                            throw new PackException(List.of(new Problem(file, line(e), "only one YAML document is allowed")));
                        }
                        seenDocument = true;
                    }
                    default -> root = b.node(e, events, "");
                }
            }
            return new YamlTree(file, root, b.lines);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new PackException(List.of(new Problem(file, line, "invalid YAML: " + e.getProblem())));
        } catch (YamlEngineException e) {
            throw new PackException(List.of(new Problem(file, 0, "invalid YAML: " + e.getMessage())));
        }
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

    private static int line(Event e) {
        return e.getStartMark().map(Mark::getLine).orElse(-1) + 1;
    }

    /** Builds plain Java values from the event stream, recording lines and resolving anchors. */
    private static final class Builder {
        final String file;
        final Map<String, Integer> lines = new HashMap<>();
        final Map<String, Object> anchors = new HashMap<>();

        Builder(String file) {
            this.file = file;
        }

        Object node(Event e, Iterator<Event> events, String path) {
            lines.putIfAbsent(path, line(e));
            Object value;
            if (e instanceof AliasEvent a) {
                String name = a.getAlias().getValue();
                if (!anchors.containsKey(name)) {
                    throw new PackException(List.of(new Problem(file, line(e), "unknown anchor \"" + name + "\" referenced")));
                }
                return anchors.get(name);
            } else if (e instanceof ScalarEvent s) {
                value = scalar(s);
            } else if (e instanceof SequenceStartEvent) {
                List<Object> list = new ArrayList<>();
                Event next;
                while ((next = events.next()).getEventId() != Event.ID.SequenceEnd) {
                    list.add(node(next, events, path + "[" + list.size() + "]"));
                }
                value = list;
            } else if (e instanceof MappingStartEvent) {
                value = mapping(events, path);
            } else {
                throw new PackException(List.of(new Problem(file, line(e), "unexpected YAML event " + e.getEventId())));
            }
            if (e instanceof NodeEvent n) {
                n.getAnchor().ifPresent(a -> anchors.put(a.getValue(), value));
            }
            return value;
        }

        private Map<Object, Object> mapping(Iterator<Event> events, String path) {
            Map<Object, Object> map = new LinkedHashMap<>();
            Map<Object, Integer> keyLines = new HashMap<>();
            Deque<Object> merges = new ArrayDeque<>();
            Event keyEvent;
            while ((keyEvent = events.next()).getEventId() != Event.ID.MappingEnd) {
                Object key = node(keyEvent, events, path + "\u0000key");
                String childPath = child(path, key);
                if ("<<".equals(key) && keyEvent instanceof ScalarEvent s && s.isPlain()) {
                    merges.add(node(events.next(), events, childPath));
                    continue;
                }
                if (keyLines.containsKey(key)) {
                    // yaml.v2 refuses duplicate keys; a later value would otherwise silently win.
                    throw new PackException(List.of(new Problem(file, line(keyEvent), "mapping key \"" + key
                            + "\" already defined at line " + keyLines.get(key))));
                }
                keyLines.put(key, line(keyEvent));
                lines.put(childPath, line(keyEvent));
                map.put(key, node(events.next(), events, childPath));
            }
            for (Object merge : merges) {
                List<?> sources = merge instanceof List<?> l ? l : List.of(merge);
                for (Object src : sources) {
                    if (src instanceof Map<?, ?> m) {
                        m.forEach(map::putIfAbsent);
                    }
                }
            }
            return map;
        }

        private static Object scalar(ScalarEvent s) {
            String v = s.getValue();
            Optional<String> tag = s.getTag().filter(t -> !t.equals("!"));
            if (tag.isPresent()) {
                return switch (tag.get()) {
                    case "tag:yaml.org,2002:str" -> v;
                    case "tag:yaml.org,2002:null" -> null;
                    default -> plain(v, true);
                };
            }
            return s.isPlain() ? plain(v, false) : v;
        }
    }

    /** Resolves a plain scalar as yaml.v2 does (YAML 1.1 booleans, Go integer syntax). */
    static Object plain(String in, boolean forced) {
        switch (in) {
            case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
                return Boolean.TRUE;
            case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
                return Boolean.FALSE;
            case "", "~", "null", "Null", "NULL":
                return forced ? in : null;
            case ".nan", ".NaN", ".NAN":
                return Double.NaN;
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
                return Double.POSITIVE_INFINITY;
            case "-.inf", "-.Inf", "-.INF":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        char c = in.charAt(0);
        if ("+-.0123456789".indexOf(c) < 0) {
            return in;
        }
        String plain = in.replace("_", "");
        Optional<BigInteger> i = GoValues.parseGoInt(plain);
        if (i.isPresent()) {
            BigInteger n = i.get();
            if (n.bitLength() < 64) {
                return n.longValue();
            }
            return n.signum() > 0 && n.bitLength() == 64 ? n : in;
        }
        if (GO_FLOAT.matcher(plain).matches()) {
            return Double.parseDouble(plain);
        }
        return in;
    }
}
