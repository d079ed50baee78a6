package io.jcharm.charms.microk8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fake machine for state-transition tests: real executables named snap, microk8s, hostname
 * and sysctl (one POSIX sh script) on PATH, which append their argv to a calls file and answer
 * like the real tools from a small state directory; plus the machine root the charm writes
 * files under.
 */
final class FakeMachine {
    /** Addons the fake channel has, in the order microk8s status lists them. */
    static final String KNOWN = "dns ha-cluster helm3 hostpath-storage ingress metallb rbac registry";

    private static final String SCRIPT = """
            #!/bin/sh
            d="$FAKE_DIR"
            t=$(basename "$0")
            if [ $# -gt 0 ]; then echo "$t $*" >> "$d/calls"; else echo "$t" >> "$d/calls"; fi
            if [ -f "$d/rc.$t.$1" ]; then
              cat "$d/err.$t.$1" >&2
              exit "$(cat "$d/rc.$t.$1")"
            fi
            case "$t" in
              hostname) cat "$d/hostname" ;;
              sysctl) ;;
              snap)
                case "$1" in
                  list)
                    if [ ! -f "$d/channel" ]; then echo "error: no matching snaps installed" >&2; exit 1; fi
                    echo "Name      Version  Rev   Tracking     Publisher   Notes"
                    echo "microk8s  $(cat "$d/version")  7964  $(cat "$d/channel")  canonical**  classic" ;;
                  install|refresh)
                    for a in "$@"; do ch="$a"; done
                    echo "$ch" > "$d/channel"
                    case "$ch" in [0-9]*) echo "v${ch%%/*}.3" | sed 's/-strict//' > "$d/version" ;; *) echo v1.33.0 > "$d/version" ;; esac
                    if [ "$1" = install ]; then mkdir -p "$d/addons"; echo on > "$d/addons/ha-cluster"; fi ;;
                  remove) rm -f "$d/channel" ;;
                esac ;;
              microk8s)
                case "$1" in
                  status)
                    if [ "$2" = "--wait-ready" ]; then
                      if [ -f "$d/not-ready" ]; then echo "microk8s is not running. Use microk8s inspect for a deeper inspection."; exit 1; fi
                      exit 0
                    fi
                    echo "microk8s:"
                    echo "  running: True"
                    echo "high-availability:"
                    echo "  enabled: False"
                    echo "addons:"
                    for a in $(cat "$d/known"); do
                      s=disabled; [ -f "$d/addons/$a" ] && s=enabled
                      printf '  - name: %s\\n    repository: core\\n    description: the %s addon\\n    version: 1.0.0\\n    status: %s\\n' "$a" "$a" "$s"
                    done ;;
                  enable)
                    n="${2%%:*}"; n="${n#*/}"
                    case " $(cat "$d/known") " in *" $n "*) ;; *) echo "Addon $n was not found in any repository" >&2; exit 1 ;; esac
                    mkdir -p "$d/addons"; echo "$2" > "$d/addons/$n" ;;
                  disable) rm -f "$d/addons/${2#*/}" ;;
                  config)
                    printf 'apiVersion: v1\\nclusters:\\n- cluster:\\n    server: https://10.1.0.10:16443\\n  name: microk8s-cluster\\nusers:\\n- name: admin\\n  user:\\n    token: KUBECONFIG-SECRET-TOKEN\\n' ;;
                  kubectl) printf '%s   %s   <none>   3d   v1.32.3\\n' "$4" "$(cat "$d/node-condition")" ;;
                esac ;;
            esac
            exit 0
            """;

    final Path bin;
    final Path dir;
    final Path root;

    FakeMachine(Path tmp) {
        try {
            bin = Files.createDirectories(tmp.resolve("bin"));
            dir = Files.createDirectories(tmp.resolve("fake"));
            root = Files.createDirectories(tmp.resolve("root"));
            Path script = bin.resolve("fake-tool");
            Files.writeString(script, SCRIPT);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String tool : List.of("snap", "microk8s", "hostname", "sysctl")) {
                Files.createSymbolicLink(bin.resolve(tool), script.getFileName());
            }
            Files.writeString(dir.resolve("known"), KNOWN + "\n");
            Files.writeString(dir.resolve("hostname"), "Machine-0\n");
            Files.writeString(dir.resolve("node-condition"), "Ready\n");
            Files.writeString(dir.resolve("calls"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hook environment: fake tools first on PATH, the fake's state dir and the machine root. */
    Map<String, String> env() {
        return Map.of("PATH", bin + ":" + System.getenv("PATH"), "FAKE_DIR", dir.toString(),
                MachineFiles.ROOT_VARIABLE, root.toString());
    }

    /** microk8s already installed from {@code channel}, reporting {@code version}, with these addons enabled. */
    FakeMachine installed(String channel, String version, String... enabledAddons) {
        write("channel", channel + "\n");
        write("version", version + "\n");
        for (String a : enabledAddons) {
            write("addons/" + a, a + "\n");
        }
        return this;
    }

    /** The next calls of {@code tool sub} exit {@code rc} with {@code stderr}. */
    FakeMachine fail(String tool, String sub, int rc, String stderr) {
        write("err." + tool + "." + sub, stderr + "\n");
        write("rc." + tool + "." + sub, rc + "\n");
        return this;
    }

    FakeMachine notReady() {
        write("not-ready", "");
        return this;
    }

    FakeMachine nodeCondition(String condition) {
        write("node-condition", condition + "\n");
        return this;
    }

    boolean addonEnabled(String name) {
        return Files.exists(dir.resolve("addons").resolve(name));
    }

    /** Every command run so far, one "tool arg arg..." line each; then forgets them. */
    List<String> takeCalls() {
        try {
            List<String> calls = Files.readAllLines(dir.resolve("calls"), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("calls"), "");
            return calls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file the charm wrote, by its machine path. */
    Optional<String> file(String absolute) {
        Path p = root.resolve(absolute.substring(1));
        try {
            return Files.exists(p) ? Optional.of(Files.readString(p)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    void write(String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
