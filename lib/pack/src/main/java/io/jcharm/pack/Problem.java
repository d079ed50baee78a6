package io.jcharm.pack;

/**
 * One thing wrong with a charm project, with the file and (when known) the 1-based YAML line.
 *
 * <pre>{@code
 * new Problem("charmcraft.yaml", 12, "bad action name Snapshot").toString()
 * // charmcraft.yaml:12: bad action name Snapshot
 * }</pre>
 *
 * @param file    the file the problem is in, relative to the project
 * @param line    1-based line, or 0 when the problem has no single line
 * @param message the message; for Juju's rules exactly Juju's text
 */
public record Problem(String file, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
