package io.jcharm.pack;

import io.jcharm.yaml.GoFormat;
import io.jcharm.yaml.GoScalars;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * juju/schema's coercions and their error texts ({@code <path>: expected <want>, got <%T(%#v)>},
 * {@code <path>: unexpected value <%#v>}), used for metadata.yaml's schema step.
 *
 * <pre>{@code
 * Schema.expected("requires.db.interface", "string", null)
 * // requires.db.interface: expected string, got nothing
 * }</pre>
 */
final class Schema {
    private Schema() {
    }

    static String expected(String path, String want, Object got) {
        String p = path.isEmpty() ? "" : path + ": ";
        return got == null ? p + "expected " + want + ", got nothing" : p + "expected " + want + ", got " + GoFormat.typed(got);
    }

    static String unexpected(String path, Object got) {
        return (path.isEmpty() ? "" : path + ": ") + "unexpected value " + GoFormat.syntax(got);
    }

    /** schema.String(). */
    static Optional<String> string(Object v) {
        return v instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** schema.Bool(): a YAML bool or a string strconv.ParseBool accepts. */
    static Optional<Boolean> bool(Object v) {
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        return v instanceof String s ? GoScalars.parseBool(s) : Optional.empty();
    }

    /** schema.Int(): a YAML int or a string strconv.ParseInt(s, 0, 64) accepts. */
    static Optional<Long> integer(Object v) {
        if (v instanceof Long l) {
            return Optional.of(l);
        }
        if (v instanceof String s) {
            return GoScalars.parseInt(s);
        }
        return Optional.empty();
    }

    static boolean isList(Object v) {
        return v instanceof List;
    }

    static boolean isMap(Object v) {
        return v instanceof Map;
    }
}
