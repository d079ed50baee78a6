package io.jcharm.charms.standins.python;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A flat mapping (strings, integers, lists of strings) as PyYAML's {@code yaml.dump} writes it
 * with its defaults, which is how serialized-data-interface sends {@code data} and
 * {@code _supported_versions}: keys sorted, block style, list items at the key's indentation,
 * a string that would read back as another type single-quoted.
 *
 * <pre>{@code
 * PyYaml.dump(Map.of("port", 8080, "service", "oidc-gatekeeper"));   // "port: 8080\nservice: oidc-gatekeeper\n"
 * PyYaml.dumpList(List.of("v1"));                                     // "- v1\n"
 * PyYaml.load("- v1\n");                                               // List.of("v1")
 * }</pre>
 */
public final class PyYaml {
    /** What YAML 1.1 (PyYAML's resolver) reads as a bool, null, int or float, or what needs quotes to be a plain scalar. */
    private static final Pattern NOT_PLAIN = Pattern.compile("(?i)(|~|null|y|yes|n|no|true|false|on|off"
            + "|[-+]?[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|[-+]?\\.[0-9_]+([eE][-+]?[0-9]+)?|[-+]?\\.(inf)|\\.nan"
            + "|0x[0-9a-f_]+|0b[01_]+|.*: .*|.* #.*|[-?:,\\[\\]{}#&*!|>'\"%@`].*|.*[: ]|\\s.*)");

    private static final ObjectMapper READER = YAMLMapper.builder().build();

    private PyYaml() {
    }

    /**
     * {@code yaml.safe_load(text)}: a map, list, string, number, boolean or null (empty text and
     * {@code null}/{@code ~} read as null, as in PyYAML).
     *
     * @throws IllegalArgumentException when the text is not YAML (where PyYAML raises a YAMLError);
     *     its message gives where, never the text (config such as Dex connectors holds secrets)
     */
    public static Object load(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return READER.readValue(text, Object.class);
        } catch (JacksonException e) {
            var at = e.getLocation();
            throw new IllegalArgumentException("not YAML" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")"));
        }
    }

    /** Python's truth of what {@link #load} gives: null, false, 0, "" and empty lists and maps are false. */
    public static boolean truthy(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return false;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof java.util.Collection<?> c) {
            return !c.isEmpty();
        }
        return !(value instanceof Map<?, ?> m) || !m.isEmpty();
    }

    public static String dump(Map<String, ?> values) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(values).forEach((k, v) -> {
            sb.append(scalar(k)).append(':');
            if (v instanceof List<?> l) {
                sb.append(l.isEmpty() ? " []\n" : "\n");
                l.forEach(item -> sb.append("- ").append(scalar(String.valueOf(item))).append('\n'));
            } else if (v instanceof Number n) {
                sb.append(' ').append(n).append('\n');
            } else {
                sb.append(' ').append(scalar(String.valueOf(v))).append('\n');
            }
        });
        return sb.toString();
    }

    public static String dumpList(List<String> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach(v -> sb.append("- ").append(scalar(v)).append('\n'));
        return sb.toString();
    }

    private static String scalar(String s) {
        return NOT_PLAIN.matcher(s).matches() ? "'" + s.replace("'", "''") + "'" : s;
    }
}
