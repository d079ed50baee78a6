package io.jcharm.controller.table;

import java.util.List;

/**
 * One way of reaching the controller: lib/testing in process, lib/local through its hook-tool
 * server and client script, or Jujuc directly.
 *
 * <pre>{@code
 * Outcome o = adapter.run(Caller.hook("hello/0", "update-status"), List.of("is-leader", "--format=json"), null, null);
 * }</pre>
 */
public interface ToolTableAdapter {

    /**
     * Seeds a fresh copy of {@link Fixture}'s world, runs {@code argv} (with {@code stdin}, or
     * none when null) as {@code caller}; if it exits 0, commits the hook as a successful one and,
     * when {@code then} is given, runs {@code then.argv()} as {@code caller} in a new hook.
     *
     * @return the first call's outcome, then the second's when there was one
     */
    List<Outcome> run(Caller caller, List<String> argv, String stdin, List<String> then);
}
