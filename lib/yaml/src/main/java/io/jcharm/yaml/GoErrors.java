package io.jcharm.yaml;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.ComposerException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * snakeyaml's syntax errors in go-yaml's words and with go-yaml's line rule: a scanner error
 * names the 1-based line of the problem, a parser error the 0-based one (so the line before,
 * or the context's when that is 0), and an unknown alias is the decoder's
 * {@code unknown anchor 'x' referenced}, without a line.
 */
final class GoErrors {
    /** snakeyaml problem prefix to libyaml problem text. */
    private static final List<Map.Entry<String, String>> SCANNER = List.of(
            Map.entry("found character", "found character that cannot start any token"),
            Map.entry("mapping values are not allowed", "mapping values are not allowed in this context"),
            Map.entry("could not find expected ':'", "could not find expected ':'"),
            Map.entry("found unexpected end of stream", "found unexpected end of stream"),
            Map.entry("found unknown escape character", "found unknown escape character"),
            Map.entry("expected alphabetic or numeric character", "did not find expected alphabetic or numeric character"),
            Map.entry("found unexpected document separator", "found unexpected document indicator"),
            Map.entry("expected a comment or a line break", "did not find expected comment or line break"),
            Map.entry("found a tab character", "found a tab character that violates indentation"));

    private GoErrors() {
    }

    static YamlException scanner(MarkedYamlEngineException e, int document) {
        int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
        String text = translate(e.getProblem(), SCANNER);
        return new YamlException("yaml: " + (line > 0 ? "line " + line + ": " : "") + text, document, line, e);
    }

    static YamlException parser(MarkedYamlEngineException e, int document) {
        int problem = e.getProblemMark().map(Mark::getLine).orElse(0);
        int context = e.getContextMark().map(Mark::getLine).orElse(0);
        int goLine = problem != 0 ? problem : context;
        String text = parserText(Optional.ofNullable(e.getContext()).orElse(""), e.getProblem());
        int real = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
        return new YamlException("yaml: " + (goLine > 0 ? "line " + goLine + ": " : "") + text, document, real, e);
    }

    static YamlException composer(ComposerException e, int document) {
        String problem = e.getProblem();
        int real = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
        if (problem.startsWith("found undefined alias ")) {
            String name = problem.substring("found undefined alias ".length()).trim();
            return new YamlException("yaml: unknown anchor '" + name + "' referenced", document, real, e);
        }
        return parser(e, document);
    }

    private static String parserText(String context, String problem) {
        if (problem.startsWith("expected <block end>")) {
            return context.contains("collection") || context.contains("sequence")
                    ? "did not find expected '-' indicator" : "did not find expected key";
        }
        if (problem.startsWith("expected ',' or '}'")) {
            return "did not find expected ',' or '}'";
        }
        if (problem.startsWith("expected ',' or ']'")) {
            return "did not find expected ',' or ']'";
        }
        if (problem.startsWith("expected the node content")) {
            return "did not find expected node content";
        }
        if (problem.startsWith("expected '<document start>'")) {
            return "did not find expected <document start>";
        }
        return problem;
    }

    private static String translate(String problem, List<Map.Entry<String, String>> table) {
        for (Map.Entry<String, String> e : table) {
            if (problem.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return problem;
    }
}
