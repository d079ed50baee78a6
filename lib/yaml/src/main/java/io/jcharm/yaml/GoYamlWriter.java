package io.jcharm.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes YAML the way Go's gopkg.in/yaml.v3 v3.0.1 {@code yaml.Marshal} does (the version
 * Pebble 1.32.1 builds with), which is how Pebble answers {@code GET /v1/plan}: four-space
 * indentation, sequences indented under their key, no line folding (v3.0.1's default width is unlimited), and yaml.v3's choice between plain,
 * single-quoted, double-quoted and literal scalars. Maps are written in the order given; callers
 * pass Go map contents through {@link #sortKeys}. Values are maps, lists, strings, whole numbers
 * ({@code Integer}, {@code Long}) and {@code Double}s; a {@code Boolean} is written as Go writes one.
 *
 * <pre>{@code
 * String yaml = GoYamlWriter.write(Map.of("services", Map.of("web", Map.of("command", "run"))));
 * }</pre>
 */
public final class GoYamlWriter {
    private static final int INDENT = 4;
    private static final Pattern FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final Pattern BASE60 = Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");
    private static final Pattern INT = Pattern.compile("^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$");
    private static final Pattern TIMESTAMP = Pattern.compile("^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?$");
    private static final List<String> NON_STRINGS = List.of("true", "True", "TRUE", "false", "False", "FALSE", "",
            "~", "null", "Null", "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
            "-.inf", "-.Inf", "-.INF", "<<");
    private static final List<String> OLD_BOOLS = List.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N",
            "no", "No", "NO", "off", "Off", "OFF");

    private GoYamlWriter() {
    }

    /** The document for a top-level mapping ({@code {}} when it is empty, as yaml.v3 writes it). */
    public static String write(Map<String, ?> document) {
        if (document.isEmpty()) {
            return "{}\n";
        }
        StringBuilder out = new StringBuilder();
        mapping(out, document, 0);
        return out.toString();
    }

    /** Go map keys in yaml.v3's order: runs of digits compare as numbers, letters before other characters. */
    public static List<String> sortKeys(Iterable<String> keys) {
        List<String> sorted = new ArrayList<>();
        keys.forEach(sorted::add);
        sorted.sort((a, b) -> less(a, b) ? -1 : less(b, a) ? 1 : 0);
        return sorted;
    }

    private static void mapping(StringBuilder out, Map<String, ?> map, int indent) {
        map.forEach((key, value) -> {
            out.append(" ".repeat(indent)).append(scalar(key, indent, true)).append(':');
            node(out, value, indent);
        });
    }

    private static void node(StringBuilder out, Object value, int indent) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            out.append('\n');
            @SuppressWarnings("unchecked")
            Map<String, ?> typed = (Map<String, ?>) map;
            mapping(out, typed, indent + INDENT);
        } else if (value instanceof Map<?, ?>) {
            out.append(" {}\n");
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            out.append('\n');
            for (Object item : list) {
                out.append(" ".repeat(indent + INDENT)).append('-');
                node(out, item, indent + INDENT);
            }
        } else if (value instanceof List<?>) {
            out.append(" []\n");
        } else {
            out.append(' ').append(scalar(value, indent, false)).append('\n');
        }
    }

    private static String scalar(Object value, int indent, boolean key) {
        if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Double d) {
            return floatText(d);
        }
        String s = String.valueOf(value);
        boolean plainResolvesToString = !NON_STRINGS.contains(s) && !OLD_BOOLS.contains(s)
                && !(BASE60.matcher(s).matches() && s.indexOf(':') > 0) && !numberOrTimestamp(s);
        Analysis a = Analysis.of(s);
        String style = s.contains("\n") ? "literal" : plainResolvesToString ? "plain" : "double";
        if (key && a.multiline) {
            style = "double";
        }
        if (style.equals("plain") && (!a.blockPlainAllowed || (s.isEmpty() && key))) {
            style = "single";
        }
        if (style.equals("single") && !a.singleQuotedAllowed) {
            style = "double";
        }
        if (style.equals("literal") && (!a.blockAllowed || key)) {
            style = "double";
        }
        return switch (style) {
            case "plain" -> s;
            case "single" -> "'" + s.replace("'", "''") + "'";
            case "literal" -> literal(s, indent);
            default -> doubleQuoted(s);
        };
    }

    private static boolean numberOrTimestamp(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        if (c == '.') {
            return FLOAT.matcher(s).matches();
        }
        if (!(c == '+' || c == '-' || Character.isDigit(c))) {
            return false;
        }
        String plain = s.replace("_", "");
        return INT.matcher(plain).matches() || FLOAT.matcher(plain).matches() || TIMESTAMP.matcher(s).matches();
    }

    private static String literal(String s, int indent) {
        StringBuilder out = new StringBuilder("|");
        if (s.startsWith(" ") || s.startsWith("\n")) {
            out.append(INDENT);
        }
        if (!s.endsWith("\n")) {
            out.append('-');
        } else if (s.length() == 1 || s.endsWith("\n\n")) {
            out.append('+');
        }
        String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        for (String line : body.split("\n", -1)) {
            out.append('\n');
            if (!line.isEmpty()) {
                out.append(" ".repeat(indent + INDENT)).append(line);
            }
        }
        return out.toString();
    }

    private static String doubleQuoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case 0 -> out.append("\\0");
                case 7 -> out.append("\\a");
                case 8 -> out.append("\\b");
                case 9 -> out.append("\\t");
                case 10 -> out.append("\\n");
                case 11 -> out.append("\\v");
                case 12 -> out.append("\\f");
                case 13 -> out.append("\\r");
                case 27 -> out.append("\\e");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 0x85 -> out.append("\\N");
                case 0xA0 -> out.append("\\_");
                case 0x2028 -> out.append("\\L");
                case 0x2029 -> out.append("\\P");
                default -> {
                    if (printable(cp) && cp != 0xFEFF) {
                        out.appendCodePoint(cp);
                    } else if (cp <= 0xFF) {
                        out.append(String.format("\\x%02X", cp));
                    } else if (cp <= 0xFFFF) {
                        out.append(String.format("\\u%04X", cp));
                    } else {
                        out.append(String.format("\\U%08X", cp));
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /** yaml.v3's is_printable. */
    private static boolean printable(int cp) {
        return cp == 0x0A || (cp >= 0x20 && cp <= 0x7E) || cp == 0x85 || (cp >= 0xA0 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF) || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /** Go's {@code strconv.FormatFloat(f, 'g', -1, 64)} ({@link GoFormat#formatFloat}) with yaml.v3's spellings of infinity and NaN. */
    public static String floatText(double d) {
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        return GoFormat.formatFloat(d);
    }

    private static boolean less(String a, String b) {
        int[] ar = a.codePoints().toArray();
        int[] br = b.codePoints().toArray();
        boolean digits = false;
        for (int i = 0; i < ar.length && i < br.length; i++) {
            if (ar[i] == br[i]) {
                digits = Character.isDigit(ar[i]);
                continue;
            }
            boolean al = Character.isLetter(ar[i]);
            boolean bl = Character.isLetter(br[i]);
            if (al && bl) {
                return ar[i] < br[i];
            }
            if (al || bl) {
                return digits ? al : bl;
            }
            long an = 0;
            long bn = 0;
            if (ar[i] == '0' || br[i] == '0') {
                for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
                    if (ar[j] != '0') {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            int ai = i;
            for (; ai < ar.length && Character.isDigit(ar[ai]); ai++) {
                an = an * 10 + (ar[ai] - '0');
            }
            int bi = i;
            for (; bi < br.length && Character.isDigit(br[bi]); bi++) {
                bn = bn * 10 + (br[bi] - '0');
            }
            if (an != bn) {
                return an < bn;
            }
            if (ai != bi) {
                return ai < bi;
            }
            return ar[i] < br[i];
        }
        return ar.length < br.length;
    }

    /** The parts of yaml.v3's yaml_emitter_analyze_scalar that matter in block context. */
    private record Analysis(boolean multiline, boolean blockPlainAllowed, boolean singleQuotedAllowed,
            boolean blockAllowed) {
        static Analysis of(String s) {
            if (s.isEmpty()) {
                return new Analysis(false, true, true, false);
            }
            boolean blockIndicators = s.startsWith("---") || s.startsWith("...");
            boolean lineBreaks = false;
            boolean special = false;
            boolean tabs = false;
            boolean leadingSpace = false;
            boolean leadingBreak = false;
            boolean trailingSpace = false;
            boolean trailingBreak = false;
            boolean breakSpace = false;
            boolean spaceBreak = false;
            boolean previousSpace = false;
            boolean previousBreak = false;
            boolean precededByWhitespace = true;
            int[] cps = s.codePoints().toArray();
            for (int i = 0; i < cps.length; i++) {
                int c = cps[i];
                boolean followedByWhitespace = i + 1 >= cps.length || blank(cps[i + 1]);
                if (i == 0) {
                    if ("#,[]{}&*!|>'\"%@`".indexOf(c) >= 0) {
                        blockIndicators = true;
                    } else if ((c == '?' || c == ':' || c == '-') && followedByWhitespace) {
                        blockIndicators = true;
                    }
                } else if ((c == ':' && followedByWhitespace) || (c == '#' && precededByWhitespace)) {
                    blockIndicators = true;
                }
                if (c == '\t') {
                    tabs = true;
                } else if (!printable(c)) {
                    special = true;
                }
                if (c == ' ') {
                    leadingSpace |= i == 0;
                    trailingSpace |= i == cps.length - 1;
                    breakSpace |= previousBreak;
                    previousSpace = true;
                    previousBreak = false;
                } else if (c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029) {
                    lineBreaks = true;
                    leadingBreak |= i == 0;
                    trailingBreak |= i == cps.length - 1;
                    spaceBreak |= previousSpace;
                    previousSpace = false;
                    previousBreak = true;
                } else {
                    previousSpace = false;
                    previousBreak = false;
                }
                precededByWhitespace = blank(c) || c == '\n' || c == '\r';
            }
            boolean plain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || breakSpace
                    || spaceBreak || tabs || special || lineBreaks || blockIndicators);
            boolean single = !(breakSpace || spaceBreak || tabs || special);
            boolean block = !(trailingSpace || spaceBreak || special);
            return new Analysis(lineBreaks, plain, single, block);
        }

        private static boolean blank(int c) {
            return c == ' ' || c == '\t';
        }
    }
}
