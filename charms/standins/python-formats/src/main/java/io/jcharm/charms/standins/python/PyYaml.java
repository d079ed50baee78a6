package io.jcharm.charms.standins.python;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A flat mapping (strings, integers, lists of strings) as PyYAML's {@code yaml.dump} writes it
 * with its defaults, which is how serialized-data-interface sends {@code data} and
 * {@code _supported_versions}: keys sorted, block style, list items at the key's indentation,
 * a string that would read back as another type single-quoted.
 *
 * <pre>{@code
 * PyYaml.dump(Map.of("port", 8080, "service", "oidc-gatekeeper"));   // "port: 8080\nservice: oidc-gatekeeper\n"
 * PyYaml.dumpList(List.of("v1"));                                     // "- v1\n"
 * }</pre>
 */
public final class PyYaml {
    /** What YAML 1.1 (PyYAML's resolver) reads as a bool, null, int or float, or what needs quotes to be a plain scalar. */
    private static final Pattern NOT_PLAIN = Pattern.compile("(?i)(|~|null|y|yes|n|no|true|false|on|off"
            + "|[-+]?[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|[-+]?\\.[0-9_]+([eE][-+]?[0-9]+)?|[-+]?\\.(inf)|\\.nan"
            + "|0x[0-9a-f_]+|0b[01_]+|.*: .*|.* #.*|[-?:,\\[\\]{}#&*!|>'\"%@`].*|.*[: ]|\\s.*)");

    private PyYaml() {
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
