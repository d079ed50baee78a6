package io.jcharm.controller;

import java.util.Collection;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Prints a hook tool's answer the way Juju's output formatters do: {@code json} (one line),
 * {@code yaml}, or the default {@code smart} format (strings bare, booleans as True/False,
 * lists one item a line, maps as YAML).
 *
 * <pre>{@code
 * output.print(List.of("greeting:1"), "json");  // ["greeting:1"]\n
 * }</pre>
 */
final class ToolOutput {
    private final ObjectMapper json = JsonMapper.builder().build();
    private final YAMLMapper yaml = YAMLMapper.builder().build();

    ObjectMapper json() {
        return json;
    }

    ToolReply print(Object value, String format) {
        return ToolReply.out(text(value, format));
    }

    String text(Object value, String format) {
        switch (format) {
            case "json":
                return json.writeValueAsString(value) + "\n";
            case "yaml":
                return value == null ? "" : stripDocStart(yaml.writeValueAsString(value));
            default:
                return smart(value);
        }
    }

    private String smart(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s + "\n";
        }
        if (value instanceof Boolean b) {
            return (b ? "True" : "False") + "\n";
        }
        if (value instanceof Collection<?> c) {
            StringBuilder sb = new StringBuilder();
            c.forEach(item -> sb.append(item).append('\n'));
            return sb.toString();
        }
        if (value instanceof Map<?, ?> m && m.isEmpty()) {
            return "";
        }
        if (value instanceof Map<?, ?>) {
            return stripDocStart(yaml.writeValueAsString(value));
        }
        return value + "\n";
    }

    private static String stripDocStart(String s) {
        return s.startsWith("---\n") ? s.substring(4) : s.startsWith("--- ") ? s.substring(4) : s;
    }
}
