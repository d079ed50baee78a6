package io.jcharm.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The hook-tool calls the hooks of a {@link Context} made, each as the tool's argv (secret values
 * travel in files and relation data on stdin, so none is here), in call order: each call is a
 * process in a real unit, and a test may hold a hook to the calls it needs.
 *
 * <pre>{@code
 * ToolCalls calls = new ToolCalls();
 * Context.of(MyCharm::new).recordingCalls(calls).run(Events.updateStatus(), state);
 * assertEquals(List.of(), calls.repeats("secret-get"));
 * calls.count("juju-log");  // 2
 * }</pre>
 */
public final class ToolCalls {
    private final List<List<String>> calls = new ArrayList<>();

    synchronized void record(List<String> argv) {
        calls.add(List.copyOf(argv));
    }

    /** Every call so far, argv with the tool's name first. */
    public synchronized List<List<String>> all() {
        return List.copyOf(calls);
    }

    /** How many calls of {@code tool} (e.g. {@code "secret-get"}) so far. */
    public synchronized long count(String tool) {
        return calls.stream().filter(c -> c.get(0).equals(tool)).count();
    }

    /** The calls of {@code tool} with the same argv as an earlier call, one entry per repeat. */
    public synchronized List<List<String>> repeats(String tool) {
        Set<List<String>> seen = new HashSet<>();
        return calls.stream().filter(c -> c.get(0).equals(tool) && !seen.add(c)).toList();
    }

    /** Forgets the calls so far, e.g. to count only the next hook's. */
    public synchronized void clear() {
        calls.clear();
    }
}
