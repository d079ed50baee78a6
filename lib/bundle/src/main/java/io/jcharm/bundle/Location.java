package io.jcharm.bundle;

import java.nio.file.Path;

/**
 * Where something was written: a file and a 1-based line (0 when the line is unknown).
 *
 * <pre>{@code
 * new Location(Path.of("bundles/edge/bundle.yaml"), 12).toString();  // bundles/edge/bundle.yaml:12
 * }</pre>
 */
public record Location(Path file, int line) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file.toString();
    }
}
