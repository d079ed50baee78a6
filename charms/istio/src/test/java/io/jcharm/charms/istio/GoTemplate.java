package io.jcharm.charms.istio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A strict evaluator for the part of Go's text/template language that the sidecar injection
 * template uses, so that tests can render it as istiod would: text with {@code {{- }}} and
 * {@code {{ -}}} trimming, comments, {@code if / else if / else}, {@code range} (lists, and maps
 * in key order), {@code with}, variables ({@code :=} and {@code =}), pipelines, parenthesised
 * pipelines, field chains on maps, and the functions of {@link InjectionFunctions}. Written from
 * the language's documentation (pkg.go.dev/text/template), not from istiod.
 *
 * <p>Stricter than Go where a mistake would otherwise pass silently: printing a missing value, a
 * field of a missing value, an unknown function or construct, all throw.
 *
 * <pre>{@code
 * String out = GoTemplate.parse("a: {{ .Values.x | quote }}").render(Map.of("Values", Map.of("x", 1)));
 * }</pre>
 */
final class GoTemplate {
    private final List<Node> nodes;
    private final Map<String, List<Node>> defined;

    private GoTemplate(List<Node> nodes, Map<String, List<Node>> defined) {
        this.nodes = nodes;
        this.defined = defined;
    }

    sealed interface Node permits Text, Action, If, Loop, Call {
    }

    /** {@code {{ template "name" pipeline }}}: a defined template run with the pipeline as dot. */
    record Call(String name, String pipeline) implements Node {
    }

    record Text(String text) implements Node {
    }

    /** {@code {{ pipeline }}}, or a declaration ({@code $x := p}) or assignment ({@code $x = p}). */
    record Action(List<String> vars, boolean declare, String pipeline) implements Node {
    }

    /** if/else-if chains and with: one branch per condition, then the else body. */
    record If(List<String> conditions, List<List<Node>> bodies, List<Node> otherwise, boolean with) implements Node {
    }

    record Loop(List<String> vars, String pipeline, List<Node> body) implements Node {
    }

    static GoTemplate parse(String source) {
        List<String[]> tokens = lex(source);
        int[] at = {0};
        Map<String, List<Node>> defined = new HashMap<>();
        List<Node> nodes = block(tokens, at, List.of(), defined);
        if (at[0] != tokens.size()) {
            throw new IllegalArgumentException("unexpected {{" + tokens.get(at[0])[1] + "}}");
        }
        return new GoTemplate(nodes, defined);
    }

    String render(Object data) {
        StringBuilder out = new StringBuilder();
        Deque<Map<String, Object>> scopes = new ArrayDeque<>();
        scopes.push(new HashMap<>(Map.of("$", box(data))));
        run(nodes, data, scopes, out);
        return out.toString();
    }

    // ---- lexing: alternating ["text", s] and ["action", s], with trim markers applied ----

    private static List<String[]> lex(String s) {
        List<String[]> out = new ArrayList<>();
        int i = 0;
        boolean trimNext = false;
        while (i < s.length()) {
            int open = s.indexOf("{{", i);
            String text = open < 0 ? s.substring(i) : s.substring(i, open);
            if (trimNext) {
                text = text.stripLeading();
            }
            if (open < 0) {
                out.add(new String[] {"text", text});
                break;
            }
            int close = s.indexOf("}}", open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed {{ at " + open);
            }
            String inner = s.substring(open + 2, close);
            if (inner.startsWith("- ") || inner.startsWith("-\n")) {
                text = text.stripTrailing();
                inner = inner.substring(1);
            }
            trimNext = inner.endsWith(" -") || inner.endsWith("\n-");
            if (trimNext) {
                inner = inner.substring(0, inner.length() - 1);
            }
            out.add(new String[] {"text", text});
            inner = inner.strip();
            if (!(inner.startsWith("/*") && inner.endsWith("*/"))) {
                out.add(new String[] {"action", inner});
            }
            i = close + 2;
        }
        out.removeIf(t -> t[0].equals("text") && t[1].isEmpty());
        return out;
    }

    // ---- parsing into nodes ----

    private static List<Node> block(List<String[]> t, int[] at, List<String> enders, Map<String, List<Node>> defined) {
        List<Node> out = new ArrayList<>();
        while (at[0] < t.size()) {
            String[] tok = t.get(at[0]);
            if (tok[0].equals("text")) {
                out.add(new Text(tok[1]));
                at[0]++;
                continue;
            }
            String a = tok[1];
            String word = a.split("\\s+", 2)[0];
            if (enders.contains(word)) {
                return out;
            }
            at[0]++;
            switch (word) {
                case "if", "with" -> out.add(conditional(t, at, word.equals("with"), rest(a), defined));
                case "range" -> {
                    String spec = rest(a);
                    List<String> vars = List.of();
                    int decl = spec.indexOf(":=");
                    if (decl >= 0) {
                        vars = List.of(spec.substring(0, decl).replace(" ", "").split(","));
                        spec = spec.substring(decl + 2).strip();
                    }
                    List<Node> body = block(t, at, List.of("end"), defined);
                    expect(t, at, "end");
                    out.add(new Loop(vars, spec, body));
                }
                case "define" -> {
                    String name = rest(a).replace("\"", "");
                    defined.put(name, block(t, at, List.of("end"), defined));
                    expect(t, at, "end");
                }
                case "template" -> {
                    String[] p = rest(a).split("\\s+", 2);
                    out.add(new Call(p[0].replace("\"", ""), p.length > 1 ? p[1] : "."));
                }
                case "block", "break", "continue" ->
                        throw new IllegalArgumentException("{{" + word + "}} is not supported by this evaluator");
                default -> out.add(action(a));
            }
        }
        if (!enders.isEmpty()) {
            throw new IllegalArgumentException("missing {{end}}");
        }
        return out;
    }

    private static If conditional(List<String[]> t, int[] at, boolean with, String first,
                                  Map<String, List<Node>> defined) {
        List<String> conditions = new ArrayList<>(List.of(first));
        List<List<Node>> bodies = new ArrayList<>();
        bodies.add(block(t, at, List.of("else", "end"), defined));
        List<Node> otherwise = List.of();
        while (t.get(at[0])[1].startsWith("else")) {
            String a = t.get(at[0])[1];
            at[0]++;
            if (a.startsWith("else if ")) {
                conditions.add(a.substring("else if ".length()).strip());
                bodies.add(block(t, at, List.of("else", "end"), defined));
            } else if (a.equals("else")) {
                otherwise = block(t, at, List.of("end"), defined);
                break;
            } else {
                throw new IllegalArgumentException("{{" + a + "}} is not supported");
            }
        }
        expect(t, at, "end");
        return new If(conditions, bodies, otherwise, with);
    }

    private static Action action(String a) {
        int decl = a.indexOf(":=");
        if (a.startsWith("$") && decl > 0 && !inString(a, decl)) {
            return new Action(List.of(a.substring(0, decl).strip()), true, a.substring(decl + 2).strip());
        }
        int eq = a.indexOf(" = ");
        if (a.startsWith("$") && eq > 0 && !inString(a, eq)) {
            return new Action(List.of(a.substring(0, eq).strip()), false, a.substring(eq + 3).strip());
        }
        return new Action(List.of(), false, a);
    }

    private static boolean inString(String a, int pos) {
        int quotes = 0;
        for (int i = 0; i < pos; i++) {
            if (a.charAt(i) == '"' || a.charAt(i) == '`') {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }

    private static void expect(List<String[]> t, int[] at, String word) {
        if (at[0] >= t.size() || !t.get(at[0])[1].equals(word)) {
            throw new IllegalArgumentException("expected {{" + word + "}}");
        }
        at[0]++;
    }

    private static String rest(String a) {
        String[] p = a.split("\\s+", 2);
        return p.length > 1 ? p[1].strip() : "";
    }

    // ---- execution ----

    private void run(List<Node> nodes, Object dot, Deque<Map<String, Object>> scopes, StringBuilder out) {
        for (Node n : nodes) {
            if (n instanceof Text t) {
                out.append(t.text());
            } else if (n instanceof Action a) {
                Object v = new Pipeline(a.pipeline(), dot, scopes).evaluate();
                if (a.vars().isEmpty()) {
                    out.append(InjectionFunctions.print(v));
                } else if (a.declare()) {
                    scopes.peek().put(a.vars().get(0), box(v));
                } else {
                    assign(scopes, a.vars().get(0), v);
                }
            } else if (n instanceof If f) {
                boolean done = false;
                for (int i = 0; i < f.conditions().size() && !done; i++) {
                    Object c = new Pipeline(f.conditions().get(i), dot, scopes).evaluate();
                    if (InjectionFunctions.truth(c)) {
                        scoped(f.bodies().get(i), f.with() ? c : dot, scopes, out);
                        done = true;
                    }
                }
                if (!done) {
                    scoped(f.otherwise(), dot, scopes, out);
                }
            } else if (n instanceof Loop l) {
                loop(l, dot, scopes, out);
            } else if (n instanceof Call c) {
                List<Node> body = defined.get(c.name());
                if (body == null) {
                    throw new IllegalArgumentException("no template \"" + c.name() + "\" defined");
                }
                Object arg = new Pipeline(c.pipeline(), dot, scopes).evaluate();
                Deque<Map<String, Object>> own = new ArrayDeque<>();
                own.push(new HashMap<>(Map.of("$", box(arg))));
                run(body, arg, own, out);
            }
        }
    }

    private void loop(Loop l, Object dot, Deque<Map<String, Object>> scopes, StringBuilder out) {
        Object over = new Pipeline(l.pipeline(), dot, scopes).evaluate();
        List<Object[]> items = new ArrayList<>();
        if (over instanceof Map<?, ?> m) {
            new TreeMap<>(m).forEach((k, v) -> items.add(new Object[] {k, v}));
        } else if (over instanceof Collection<?> c) {
            int i = 0;
            for (Object v : c) {
                items.add(new Object[] {i++, v});
            }
        } else if (over != null) {
            throw new IllegalArgumentException("range can't iterate over " + over);
        }
        for (Object[] item : items) {
            scopes.push(new HashMap<>());
            if (l.vars().size() == 1) {
                scopes.peek().put(l.vars().get(0), box(item[1]));
            } else if (l.vars().size() == 2) {
                scopes.peek().put(l.vars().get(0), box(item[0]));
                scopes.peek().put(l.vars().get(1), box(item[1]));
            }
            run(l.body(), item[1], scopes, out);
            scopes.pop();
        }
    }

    private void scoped(List<Node> body, Object dot, Deque<Map<String, Object>> scopes, StringBuilder out) {
        scopes.push(new HashMap<>());
        run(body, dot, scopes, out);
        scopes.pop();
    }

    private static void assign(Deque<Map<String, Object>> scopes, String name, Object v) {
        for (Map<String, Object> s : scopes) {
            if (s.containsKey(name)) {
                s.put(name, box(v));
                return;
            }
        }
        throw new IllegalArgumentException("undefined variable " + name);
    }

    /** Variables may hold null; HashMap values are boxed so that presence is kept. */
    static Object box(Object v) {
        return v == null ? Pipeline.NIL : v;
    }
}
