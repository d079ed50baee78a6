package io.jcharm.core.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON into {@code LinkedHashMap}, {@code ArrayList}, {@code String}, {@code Boolean},
 * {@code Integer}/{@code Long}/{@code BigInteger}, {@code Double} and {@code null} (the types
 * Jackson's untyped binding gives), and writes string maps as compact JSON. Small on purpose: a
 * cold hook that reads config and relation data pays for this class, not for a JSON library.
 * Hand-rolled for a measured reason: with Jackson on the hook path a cold hello hook loaded 2,504
 * classes (about 340 of them Jackson's, all mapped from the startup archive) and peaked at 51.7
 * MiB; with this class 1,441 classes and 39.2 MiB, 0.09 s less CPU (bench/hook-latency/README.md).
 * Typed binding still goes through Jackson ({@link TypedJson}); {@code JsonTest} holds this
 * reader to Jackson's answers.
 *
 * <pre>{@code
 * Map<String, Object> config = Json.object(Json.parse("{\"port\": 8080, \"debug\": false}"));
 * String body = Json.write(Map.of("greeting", "Hello"));   // {"greeting":"Hello"}
 * }</pre>
 */
public final class Json {
    private final String s;
    private int pos;

    private Json(String s) {
        this.s = s;
    }

    /**
     * Parses one JSON value; whitespace around it is allowed, anything else after it is not.
     *
     * @throws JsonException saying what was expected where
     */
    public static Object parse(String text) {
        Json p = new Json(text);
        p.skipSpace();
        Object v = p.value(0);
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("end of input");
        }
        return v;
    }

    /** The value as a JSON object's map, or {@link JsonException} naming what it is instead. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new JsonException("expected a JSON object, got " + describe(value));
    }

    /** A short name of a parsed value's JSON type, for messages. */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        return value instanceof Boolean ? "a boolean" : "a number";
    }

    /** Compact JSON of a map of strings, in the map's order: {@code {"a":"1","b":"x\ny"}}. */
    public static String write(Map<String, String> values) {
        StringBuilder b = new StringBuilder(16 + values.size() * 32).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            quote(b, e.getKey()).append(':');
            quote(b, e.getValue());
        }
        return b.append('}').toString();
    }

    /** Appends {@code s} as a JSON string: quotes, backslashes and control characters escaped. */
    static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }

    // Nesting deeper than this is no hook tool's output; it would only risk the stack.
    private static final int MAX_DEPTH = 500;

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("at most " + MAX_DEPTH + " levels of nesting");
        }
        if (pos >= s.length()) {
            throw error("a value");
        }
        char c = s.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("a value");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return m;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("a string key");
            }
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            m.put(key, value(depth + 1)); // a repeated key: the last one wins, as in Jackson and Go
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == '}') {
                pos++;
                return m;
            } else {
                throw error("',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> l = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return l;
        }
        while (true) {
            skipSpace();
            l.add(value(depth + 1));
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == ']') {
                pos++;
                return l;
            } else {
                throw error("',' or ']'");
            }
        }
    }

    private String string() {
        pos++; // the opening quote
        StringBuilder b = null;
        int start = pos;
        while (true) {
            if (pos >= s.length()) {
                throw error("a closing quote");
            }
            char c = s.charAt(pos);
            if (c == '"') {
                String out = b == null ? s.substring(start, pos) : b.append(s, start, pos).toString();
                pos++;
                return out;
            }
            if (c < 0x20) {
                throw error("no raw control character in a string (escape it)");
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (b == null) {
                b = new StringBuilder();
            }
            b.append(s, start, pos);
            pos++;
            char e = peek();
            pos++;
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (pos + 4 > s.length()) {
                        throw error("four hex digits after \\u");
                    }
                    try {
                        b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("four hex digits after \\u");
                    }
                    pos += 4;
                }
                default -> {
                    pos--;
                    throw error("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
                }
            }
            start = pos;
        }
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (peek() >= '1' && peek() <= '9') {
            digits();
        } else {
            throw error("a digit");
        }
        boolean fraction = false;
        if (peek() == '.') {
            pos++;
            fraction = true;
            if (!(peek() >= '0' && peek() <= '9')) {
                throw error("a digit after the decimal point");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            fraction = true;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!(peek() >= '0' && peek() <= '9')) {
                throw error("a digit in the exponent");
            }
            digits();
        }
        String n = s.substring(start, pos);
        if (fraction) {
            return Double.parseDouble(n);
        }
        if (n.length() <= 18) {
            long v = Long.parseLong(n);
            // Not a ?: of Integer and Long: that would unbox both and give a Long every time.
            if (v == (int) v) {
                return Integer.valueOf((int) v);
            }
            return Long.valueOf(v);
        }
        BigInteger big = new BigInteger(n);
        if (big.bitLength() <= 63) {
            return Long.valueOf(big.longValue());
        }
        return big;
    }

    private void digits() {
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
    }

    private Object literal(String word, Object value) {
        if (!s.startsWith(word, pos)) {
            throw error("a value");
        }
        pos += word.length();
        return value;
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private JsonException error(String expected) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < pos && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new JsonException("expected " + expected + " at line " + line + ", column " + col);
    }
}
