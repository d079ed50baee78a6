package io.jcharm.charms.standins.python;

import java.util.Map;
import java.util.TreeMap;

/**
 * A string map as Python's {@code json.dumps} writes it with its defaults, which is how
 * data_platform_libs stores its copy of the requirer's data (the {@code data} key): keys sorted
 * as ops reads them from Juju, {@code ", "} and {@code ": "} separators, every non-ASCII
 * character as a {@code \\uXXXX} escape ({@code ensure_ascii}).
 *
 * <pre>{@code
 * PythonJson.dumps(Map.of("database", "mlflow"));   // {"database": "mlflow"}
 * }</pre>
 */
public final class PythonJson {
    private PythonJson() {
    }

    public static String dumps(Map<String, String> values) {
        StringBuilder sb = new StringBuilder("{");
        new TreeMap<>(values).forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            string(sb, k);
            sb.append(": ");
            string(sb, v);
        });
        return sb.append('}').toString();
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    // Python escapes control characters and, with ensure_ascii, everything past 0x7e
                    // (a character beyond the BMP is already two UTF-16 units here, as Python writes it).
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
