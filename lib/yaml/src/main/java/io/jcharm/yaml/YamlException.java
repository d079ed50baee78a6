package io.jcharm.yaml;

/**
 * YAML that go-yaml would refuse: the message is go-yaml's ({@code yaml: line 3: mapping values
 * are not allowed in this context}, {@code yaml: unknown anchor 'nope' referenced}).
 *
 * <pre>{@code
 * try { GoYaml.read(text, file); } catch (YamlException e) { e.document(); e.line(); }
 * }</pre>
 */
public final class YamlException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int document;
    private final int line;

    /**
     * @param document the index of the document that failed (Juju says "unmarshal document N")
     * @param line the 1-based line to point the user at, 0 when unknown (Go's own text may differ)
     */
    public YamlException(String goMessage, int document, int line, Throwable cause) {
        super(goMessage, cause);
        this.document = document;
        this.line = line;
    }

    public int document() {
        return document;
    }

    public int line() {
        return line;
    }
}
