package io.jcharm.core.warm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one hook's environment as dispatch wrote it (bash's exported variables, or {@code env -0}):
 * NAME=VALUE entries, each ended by a NUL, so that values may hold newlines.
 *
 * <pre>{@code
 * Map<String, String> env = HookEnvironment.read(Path.of(".jcharm-warm/h.42/env"));
 * }</pre>
 */
final class HookEnvironment {
    private HookEnvironment() {
    }

    static Map<String, String> read(Path file) throws IOException {
        String all = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, String> env = new LinkedHashMap<>();
        int start = 0;
        while (start < all.length()) {
            int end = all.indexOf('\0', start);
            if (end < 0) {
                throw new IllegalArgumentException(file + " does not end with a NUL: dispatch ends every NAME=VALUE entry with one");
            }
            String entry = all.substring(start, end);
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(file + " has an entry without NAME=: " + entry);
            }
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
            start = end + 1;
        }
        return Map.copyOf(env);
    }
}
