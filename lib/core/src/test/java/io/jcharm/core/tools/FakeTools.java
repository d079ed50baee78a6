package io.jcharm.core.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fake Juju hook tools as real executables: one POSIX sh script ("fake-jujuc") with a symlink
 * per tool name, as Juju installs jujuc. Each call records its argv (NUL-separated, so empty
 * and multi-line arguments survive), stdin, JUJU_CONTEXT_ID and, for {@code key#file=} args,
 * the file's mode and bytes as seen during the call; then it prints the canned answer the test
 * chose for that tool.
 */
final class FakeTools {

    static final List<String> TOOLS = List.of("relation-ids", "relation-list", "relation-get", "relation-set",
            "relation-model-get", "config-get", "is-leader", "status-get", "status-set", "application-version-set",
            "juju-log", "resource-get", "storage-get", "storage-list", "storage-add", "action-get", "action-set",
            "action-log", "action-fail", "open-port", "close-port", "opened-ports", "state-get", "state-set",
            "state-delete", "secret-add", "secret-get", "secret-info-get", "secret-set", "secret-grant",
            "secret-revoke", "secret-remove", "secret-ids", "credential-get", "goal-state", "network-get",
            "juju-reboot");

    private static final String SCRIPT = """
            #!/bin/sh
            d="$JCHARM_FAKE_STATE"
            t=$(basename "$0")
            n=$(( $(cat "$d/count" 2>/dev/null || echo 0) + 1 ))
            echo "$n" > "$d/count"
            c="$d/call.$n"
            printf '%s' "$t" > "$c.tool"
            printf '%s' "$#" > "$c.argc"
            printf '%s\\0' "$@" > "$c.argv"
            printf '%s' "${JUJU_CONTEXT_ID-<unset>}" > "$c.context"
            cat > "$c.stdin"
            for a in "$@"; do
              case "$a" in
                *'#file='*)
                  k="${a%%#file=*}"
                  f="${a#*#file=}"
                  stat -c %a "$f" > "$c.mode.$k"
                  cp "$f" "$c.value.$k"
                  ;;
              esac
            done
            if [ -f "$d/hang.$t" ]; then exec sleep 30; fi
            if [ -f "$d/out.$t" ]; then cat "$d/out.$t"; fi
            if [ -f "$d/err.$t" ]; then cat "$d/err.$t" >&2; fi
            exit "$(cat "$d/rc.$t" 2>/dev/null || echo 0)"
            """;

    /** One recorded call. */
    record Call(String tool, List<String> args, String stdin, String contextId, Map<String, String> fileModes,
                Map<String, String> fileValues) {
    }

    final Path bin;
    final Path state;
    final Map<String, String> env;

    FakeTools(Path tmp) {
        try {
            bin = Files.createDirectories(tmp.resolve("fake bin")); // a space: no quoting must happen
            state = Files.createDirectories(tmp.resolve("state"));
            Path script = bin.resolve("fake-jujuc");
            Files.writeString(script, SCRIPT);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String tool : TOOLS) {
                Files.createSymbolicLink(bin.resolve(tool), script.getFileName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> e = new LinkedHashMap<>();
        e.put("PATH", bin + ":/usr/bin:/bin"); // the JVM's own PATH has no hook tools
        e.put("JUJU_CONTEXT_ID", "app/0-install-123");
        e.put("JCHARM_FAKE_STATE", state.toString());
        env = Map.copyOf(e);
    }

    /** The next calls of {@code tool} print {@code stdout} and exit 0. */
    FakeTools answer(String tool, String stdout) {
        write("out." + tool, stdout);
        return this;
    }

    /** The next calls of {@code tool} print {@code stderr} and exit {@code rc}. */
    FakeTools fail(String tool, int rc, String stderr) {
        write("err." + tool, stderr);
        write("rc." + tool, Integer.toString(rc));
        return this;
    }

    /** The next calls of {@code tool} never finish by themselves. */
    FakeTools hang(String tool) {
        write("hang." + tool, "");
        return this;
    }

    /** Takes {@code tool} off the PATH. */
    FakeTools remove(String tool) {
        try {
            Files.delete(bin.resolve(tool));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    List<Call> calls() {
        try {
            Path count = state.resolve("count");
            int n = Files.exists(count) ? Integer.parseInt(Files.readString(count).strip()) : 0;
            List<Call> calls = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                String c = "call." + i;
                int argc = Integer.parseInt(read(c + ".argc"));
                List<String> args = argc == 0 ? List.of()
                        : Arrays.asList(read(c + ".argv").split("\0", -1)).subList(0, argc);
                Map<String, String> modes = new LinkedHashMap<>();
                Map<String, String> values = new LinkedHashMap<>();
                try (var files = Files.list(state)) {
                    for (Path p : files.sorted().toList()) {
                        String name = p.getFileName().toString();
                        if (name.startsWith(c + ".mode.")) {
                            modes.put(name.substring((c + ".mode.").length()), Files.readString(p).strip());
                        } else if (name.startsWith(c + ".value.")) {
                            values.put(name.substring((c + ".value.").length()), Files.readString(p));
                        }
                    }
                }
                calls.add(new Call(read(c + ".tool"), List.copyOf(args), read(c + ".stdin"), read(c + ".context"),
                        modes, values));
            }
            return calls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one call made so far, checked to be of {@code tool}. */
    Call only(String tool) {
        List<Call> calls = calls();
        assertEquals(1, calls.size(), "calls: " + calls);
        assertEquals(tool, calls.get(0).tool());
        return calls.get(0);
    }

    /** Asserts exactly one call, of {@code tool} with {@code args}, nothing on stdin; returns it. */
    Call expect(String tool, String... args) {
        Call call = only(tool);
        assertEquals(List.of(args), call.args());
        assertEquals("", call.stdin());
        return call;
    }

    private void write(String name, String text) {
        try {
            Files.writeString(state.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String read(String name) throws IOException {
        return Files.readString(state.resolve(name), StandardCharsets.UTF_8);
    }
}
