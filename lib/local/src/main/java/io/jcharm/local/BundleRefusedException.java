package io.jcharm.local;

import java.util.List;

/**
 * A bundle that fails verification (or names charms the local model cannot run) is refused
 * before anything runs; every problem is listed.
 *
 * <pre>{@code
 * catch (BundleRefusedException e) { e.problems().forEach(System.err::println); }
 * }</pre>
 */
public final class BundleRefusedException extends LocalModelException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public BundleRefusedException(String bundle, List<String> problems, String hint) {
        super("bundle " + bundle + " refused, nothing was deployed (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  " + String.join("\n  ", problems) + "\n", hint);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
