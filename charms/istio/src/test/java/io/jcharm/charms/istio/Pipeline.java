package io.jcharm.charms.istio;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * One Go template pipeline ({@code cmd arg | cmd arg}) evaluated against the dot and the
 * variables in scope: the expression half of {@link GoTemplate}.
 *
 * <pre>{@code
 * Object v = new Pipeline(".Values.tag | default \"latest\"", data, scopes).evaluate();
 * }</pre>
 */
final class Pipeline {
    /** A variable or value that is present but nil. */
    static final Object NIL = new Object() {
        @Override
        public String toString() {
            return "<nil>";
        }
    };

    private final List<String> tokens;
    private final Object dot;
    private final Deque<Map<String, Object>> scopes;
    private int at;

    Pipeline(String source, Object dot, Deque<Map<String, Object>> scopes) {
        this.tokens = tokenize(source);
        this.dot = dot;
        this.scopes = scopes;
    }

    Object evaluate() {
        Object v;
        try {
            v = pipeline();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("in {{ " + String.join(" ", tokens) + " }}: " + e.getMessage(), e);
        }
        if (at != tokens.size()) {
            throw new IllegalArgumentException("unexpected " + tokens.get(at) + " in " + tokens);
        }
        return v;
    }

    private Object pipeline() {
        Object result = null;
        boolean first = true;
        while (true) {
            List<Object> terms = new ArrayList<>();
            String fn = null;
            if (at < tokens.size() && Character.isLetter(tokens.get(at).charAt(0)) && !isLiteralWord(tokens.get(at))) {
                fn = tokens.get(at++);
            }
            while (at < tokens.size() && !tokens.get(at).equals("|") && !tokens.get(at).equals(")")) {
                terms.add(term());
            }
            if (!first) {
                terms.add(result);
            }
            if (fn != null) {
                result = fn.equals("and") || fn.equals("or") ? logic(fn, terms) : InjectionFunctions.call(fn, terms);
            } else if (terms.size() == 1) {
                result = terms.get(0);
            } else {
                throw new IllegalArgumentException("can't give arguments to a non-function: " + tokens);
            }
            first = false;
            if (at < tokens.size() && tokens.get(at).equals("|")) {
                at++;
                continue;
            }
            return result;
        }
    }

    /** and/or return the deciding operand, as Go's do. */
    private static Object logic(String fn, List<Object> args) {
        for (Object a : args) {
            boolean t = InjectionFunctions.truth(a);
            if (fn.equals("and") != t) {
                return a;
            }
        }
        return args.get(args.size() - 1);
    }

    private Object term() {
        String t = tokens.get(at++);
        Object v;
        if (t.equals("(")) {
            v = pipeline();
            if (at >= tokens.size() || !tokens.get(at).equals(")")) {
                throw new IllegalArgumentException("missing ) in " + tokens);
            }
            at++;
            // (pipeline).Field, written without a space; the tokenizer marks such a chain with '~'.
            while (at < tokens.size() && tokens.get(at).startsWith("~.")) {
                v = fields(v, tokens.get(at++).substring(1));
            }
            return v;
        }
        if (t.startsWith("\"")) {
            return unquote(t);
        }
        if (t.startsWith("`")) {
            return t.substring(1, t.length() - 1);
        }
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        if (t.equals("nil")) {
            return null;
        }
        if (Character.isDigit(t.charAt(0)) || t.charAt(0) == '-') {
            return t.contains(".") ? Double.parseDouble(t) : Long.parseLong(t);
        }
        if (t.equals(".")) {
            return unbox(dot);
        }
        if (t.startsWith(".")) {
            return fields(dot, t);
        }
        if (t.startsWith("$")) {
            int dotAt = t.indexOf('.');
            String name = dotAt < 0 ? t : t.substring(0, dotAt);
            Object base = variable(name);
            return dotAt < 0 ? base : fields(base, t.substring(dotAt));
        }
        if (Character.isLetter(t.charAt(0))) {
            // A function used as an argument: a call without arguments.
            return InjectionFunctions.call(t, List.of());
        }
        throw new IllegalArgumentException("unexpected " + t);
    }

    private Object variable(String name) {
        for (Map<String, Object> s : scopes) {
            if (s.containsKey(name)) {
                return unbox(s.get(name));
            }
        }
        throw new IllegalArgumentException("undefined variable " + name);
    }

    /** {@code .A.B} on a value: map keys, Go field names matched to JSON names, and two methods. */
    private static Object fields(Object base, String chain) {
        Object v = unbox(base);
        String path = "";
        for (String f : chain.substring(1).split("\\.")) {
            path += "." + f;
            if (f.equals("GetValue") && (v == null || v instanceof Boolean)) {
                v = Boolean.TRUE.equals(v); // protobuf wrapper getter: false on nil
                continue;
            }
            if (f.equals("String") && v instanceof String) {
                continue; // a Go enum's String method
            }
            if (!(v instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("nil pointer or non-map evaluating " + path + " (got " + v + ")");
            }
            if (m.containsKey(f)) {
                v = m.get(f);
            } else {
                String json = Character.toLowerCase(f.charAt(0)) + f.substring(1);
                v = m.containsKey(json) ? m.get(json) : InjectionFunctions.missing(m);
            }
        }
        return v;
    }

    static Object unbox(Object v) {
        return v == NIL ? null : v;
    }

    private static boolean isLiteralWord(String t) {
        return t.equals("true") || t.equals("false") || t.equals("nil");
    }

    private static String unquote(String t) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < t.length() - 1; i++) {
            char c = t.charAt(i);
            if (c == '\\') {
                char n = t.charAt(++i);
                b.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int j = i + 1;
                while (s.charAt(j) != '"') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                out.add(s.substring(i, j + 1));
                i = j + 1;
            } else if (c == '`') {
                int j = s.indexOf('`', i + 1);
                out.add(s.substring(i, j + 1));
                i = j + 1;
            } else if (c == '(' || c == ')' || c == '|') {
                out.add(String.valueOf(c));
                i++;
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && "()|\"`".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                boolean chained = i > 0 && s.charAt(i - 1) == ')' && c == '.';
                out.add((chained ? "~" : "") + s.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
