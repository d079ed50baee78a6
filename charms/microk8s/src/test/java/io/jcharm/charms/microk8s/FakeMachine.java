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
    /** The addons state of a leader that enabled the edge profile's addons. */
    static final String EDGE_MANAGED = "{\"dns\":\"dns\",\"hostpath-storage\":\"hostpath-storage\",\"rbac\":\"rbac\"}";
    /** Addons the fake channel has, in the order microk8s status lists them. */
    static final String KNOWN = "community dns ha-cluster helm helm3 hostpath-storage ingress metallb rbac registry";

    private static final String SCRIPT = """
            #!/bin/sh
            # Answers as the MicroK8s 1.31-1.33 snap's wrappers do (canonical/microk8s tags v1.31-v1.33,
            # microk8s-resources/wrappers/*.wrapper and scripts/wrappers/*.py; the hostpath-storage and
            # helm addons from canonical/microk8s-core-addons f6898115): messages on stdout where the
            # real tool prints them there, the same exit codes, the lock files under SNAP_DATA/var/lock.
            d="$FAKE_DIR"
            t=$(basename "$0")
            lock="$JCHARM_MACHINE_ROOT/var/snap/microk8s/current/var/lock"
            notrunning="microk8s is not running. Use microk8s inspect for a deeper inspection."
            CSR='[ req_ext ]
            subjectAltName = @alt_names

            [ alt_names ]
            DNS.1 = kubernetes
            IP.1 = 127.0.0.1
            #MOREIPS
            '

            if [ $# -gt 0 ]; then line="$t $*"; else line="$t"; fi
            echo "$line" >> "$d/calls"; echo "$line" >> "$d/history"
            if [ -f "$d/rc.$t.$1.$2" ]; then
              cat "$d/err.$t.$1.$2" >&2
              exit "$(cat "$d/rc.$t.$1.$2")"
            fi
            if [ -f "$d/rc.$t.$1" ]; then
              cat "$d/err.$t.$1" >&2
              exit "$(cat "$d/rc.$t.$1")"
            fi
            case "$t" in
              hostname) cat "$d/hostname" ;;
              sysctl) ;;
              unit-get) cat "$d/public-address" ;;
              snap)
                case "$1" in
                  list)
                    if [ ! -f "$d/channel" ]; then echo "error: no matching snaps installed" >&2; exit 1; fi
                    echo "Name      Version  Rev   Tracking     Publisher   Notes"
                    echo "microk8s  $(cat "$d/version")  7964  $(cat "$d/channel")  canonical**  classic" ;;
                  info)
                    echo "name:      microk8s"
                    echo "summary:   Kubernetes for workstations and appliances"
                    [ -f "$d/channel" ] && echo "tracking:     $(cat "$d/channel")"
                    echo "channels:"
                    while read -r ch v; do printf '  %-16s %s\n' "$ch:" "$v"; done < "$d/store"
                    [ -f "$d/channel" ] && echo "installed:          $(cat "$d/version")             (7964) 172MB classic" ;;
                  install|refresh)
                    for a in "$@"; do ch="$a"; done
                    v=$(awk -v c="$ch" '$1 == c { print $2 }' "$d/store")
                    case "$v" in v*) ;; *) echo "error: requested channel \"$ch\" is not available" >&2; exit 1 ;; esac
                    echo "$ch" > "$d/channel"
                    echo "$v" > "$d/version"
                    : > "$d/restarting"
                    if [ "$1" = install ]; then
                      mkdir -p "$d/addons" "$JCHARM_MACHINE_ROOT/var/snap/microk8s/current/certs"; echo on > "$d/addons/ha-cluster"
                      printf '%s' "$CSR" > "$JCHARM_MACHINE_ROOT/var/snap/microk8s/current/certs/csr.conf.template"
                    fi ;;
                  restart)
                    # kubelite takes a while to serve again; status --wait-ready waits for it.
                    if [ "$2" = microk8s.daemon-kubelite ]; then
                      : > "$d/restarting"
                      [ -f "$d/stays-down" ] && : > "$d/not-ready"
                    fi ;;
                  remove) rm -f "$d/channel" ;;
                esac ;;
              microk8s)
                case "$1" in
                  status)
                    if [ "$2" = "--wait-ready" ]; then
                      if [ -f "$d/not-ready" ]; then echo "$notrunning"; exit 1; fi
                      rm -f "$d/restarting"
                      exit 0
                    fi
                    echo "microk8s:"
                    if [ -f "$d/restarting" ] || [ -f "$d/not-ready" ]; then
                      printf '  running: False\nhigh-availability:\n  enabled: False\n  message: %s\n' "$notrunning"
                      exit 1
                    fi
                    echo "  running: True"
                    echo "high-availability:"
                    echo "  enabled: False"
                    echo "addons:"
                    for a in $(cat "$d/known"); do
                      r=core; n="$a"
                      case "$a" in */*) r="${a%%/*}"; n="${a#*/}" ;; esac
                      s=disabled
                      # helm and helm3 check for ${SNAP}/bin/helm, which the snap always ships.
                      case "$n" in helm|helm3) s=enabled ;; esac
                      [ -f "$d/addons/$n" ] && s=enabled
                      printf '  - name: %s\n    repository: %s\n    description: the %s addon\n    version: 1.0.0\n    status: %s\n' "$n" "$r" "$n" "$s"
                    done ;;
                  enable)
                    n="${2%%:*}"; n="${n#*/}"
                    case " $(cat "$d/known") " in *" $n "*|*"/$n "*) ;; *)
                      case "$2" in */*) echo "Addon $2 not found"; exit 0 ;; esac
                      echo "Addon $n was not found in any repository" >&2; exit 1 ;; esac
                    mkdir -p "$d/addons"; echo "$2" > "$d/addons/$n"
                    if [ "$n" = community ]; then echo "community/argocd" >> "$d/known"; fi ;;
                  disable)
                    n="${2#*/}"
                    rm -f "$d/addons/$n"
                    case "$n" in
                      helm|helm3) echo "Helm comes pre-installed with MicroK8s" ;;
                      hostpath-storage)
                        echo "Disabling hostpath storage."
                        echo "Storage removed."
                        if [ "$3" = destroy-storage ]; then echo "Storage space reclaimed."; exit 0; fi
                        read -r confirm || exit 1
                        case "$confirm" in [yY]|[yY][eE][sS]) echo "Storage space reclaimed." ;; *) exit 1 ;; esac ;;
                    esac ;;
                  join)
                    ep="${2%%/*}"; rest="${2#*/}"
                    case "$ep" in *:*:*|*[!0-9.:]*) ep=bad ;; esac
                    case "$rest" in ""|"$2"|*/*/*) ep=bad ;; esac
                    if [ "$ep" = bad ]; then
                      echo "Invalid connection: Expected format: <master_IP>:<master_PORT>/<token>[/<fingerprint>]"; exit 1
                    fi
                    mkdir -p "$lock"; : > "$lock/no-cert-reissue"
                    if [ "$3" = --worker ]; then : > "$lock/clustered.lock"; : > "$lock/no-k8s-dqlite"; fi ;;
                  leave)
                    if [ $# -gt 1 ]; then echo "Error: No such option: $2" >&2; exit 2; fi
                    if [ ! -f "$lock/no-cert-reissue" ]; then
                      echo "This MicroK8s deployment is not acting as a node in a cluster."; exit 1
                    fi
                    if [ -f "$d/only-voter" ]; then
                      echo "This node currently holds the only copy of the Kubernetes database so it cannot leave the cluster."
                      echo "To remove this node you can either first remove all other nodes with 'microk8s remove-node' or"
                      echo "form a highly available cluster by adding at least three nodes."
                      exit 3
                    fi
                    rm -f "$lock/no-cert-reissue" "$lock/clustered.lock" "$lock/no-k8s-dqlite" ;;
                  remove-node)
                    if [ -f "$lock/clustered.lock" ]; then
                      echo "This MicroK8s deployment is acting as a node in a cluster. Please use microk8s leave."; exit 1
                    fi
                    if [ -d "$d/nodes" ] && [ ! -f "$d/nodes/$2" ]; then
                      echo "Node $2 does not exist in Kubernetes."
                      [ "$3" = --force ] && echo "Attempting to remove $2 from dqlite."
                      exit 1
                    fi
                    rm -f "$d/nodes/$2" ;;
                  add-node)
                    # add_token.py: --token or a new token_hex(16), kept in SNAP_DATA/credentials (left out here);
                    # --format token prints the token alone.
                    tok=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
                    prev=""; for a in "$@"; do [ "$prev" = --token ] && tok="$a"; prev="$a"; done
                    case " $* " in
                      *" --format token "*) echo "$tok" ;;
                      *) echo "From the node you wish to join to this cluster, run the following:"
                         echo "microk8s join 10.1.0.10:25000/$tok/2b6e6d1e4f3a" ;;
                    esac ;;
                  config)
                    printf 'apiVersion: v1\nclusters:\n- cluster:\n    server: https://10.1.0.10:16443\n  name: microk8s-cluster\nusers:\n- name: admin\n  user:\n    token: KUBECONFIG-SECRET-TOKEN\n' ;;
                  kubectl)
                    if [ -f "$d/restarting" ]; then
                      echo "The connection to the server 127.0.0.1:16443 was refused - did you specify the right host or port?" >&2; exit 1
                    fi
                    printf '%s   %s   <none>   3d   v1.32.3\n' "$4" "$(cat "$d/node-condition")" ;;
                esac ;;
            esac
            exit 0
            """;

    /**
     * What the fake snap store holds, as {@code snap info microk8s} lists channels: latest/stable
     * lags the newest numbered track, as it did in 2025; ↑ is a closed channel following the one
     * above it.
     */
    static final String STORE = """
            latest/stable v1.32.3
            latest/edge v1.34.0
            1.34/stable v1.34.1
            1.33/stable v1.33.3
            1.33/candidate ↑
            1.33/edge v1.33.5
            1.32/stable v1.32.3
            1.32-strict/stable v1.32.3
            1.31/stable v1.31.7
            1.30/stable v1.30.9
            """;

    /** The part of the snap's certs/csr.conf.template that extra-sans adds to (canonical/microk8s v1.32). */
    static final String CSR_TEMPLATE = """
            [ req_ext ]
            subjectAltName = @alt_names

            [ alt_names ]
            DNS.1 = kubernetes
            IP.1 = 127.0.0.1
            #MOREIPS
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
            for (String tool : List.of("snap", "microk8s", "hostname", "sysctl", "unit-get")) {
                Files.createSymbolicLink(bin.resolve(tool), script.getFileName());
            }
            Files.writeString(dir.resolve("known"), KNOWN + "\n");
            Files.writeString(dir.resolve("hostname"), "Machine-0\n");
            Files.writeString(dir.resolve("node-condition"), "Ready\n");
            Files.writeString(dir.resolve("calls"), "");
            Files.writeString(dir.resolve("public-address"), "203.0.113.10\n");
            Files.writeString(dir.resolve("store"), STORE);
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
        try {
            Path csr = root.resolve(ExtraSansComponent.CSR_TEMPLATE.substring(1));
            Files.createDirectories(csr.getParent());
            Files.writeString(csr, CSR_TEMPLATE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** The next calls of {@code tool sub arg} (only with that first argument) exit {@code rc} with {@code stderr}. */
    FakeMachine fail(String tool, String sub, String arg, int rc, String stderr) {
        return fail(tool, sub + "." + arg, rc, stderr);
    }

    /** Every injected failure ({@link #fail}) and a not-ready API server are gone: the next calls succeed. */
    FakeMachine heal() {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("rc.") || n.startsWith("err.") || n.equals("not-ready") || n.equals("stays-down")) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * What the machine holds: every file the charm or the fake tools wrote (the machine root and
     * the fake snap's state: channel, addons, nodes, locks), by path, without the command logs.
     */
    Map<String, String> snapshot() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Path base : List.of(root, dir)) {
            try (var walk = Files.walk(base)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    if (!p.equals(dir.resolve("calls")) && !p.equals(dir.resolve("history"))) {
                        out.put(p.toString(), Files.readString(p));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** kubelite never serves again after its next restart. */
    FakeMachine kubeliteStaysDown() {
        write("stays-down", "");
        return this;
    }

    FakeMachine notReady() {
        write("not-ready", "");
        return this;
    }

    /** Kubernetes knows only these nodes: remove-node of any other answers as for a node already gone. */
    FakeMachine nodes(String... names) {
        write("nodes/.keep", "");
        for (String n : names) {
            write("nodes/" + n, "");
        }
        return this;
    }

    boolean hasNode(String name) {
        return Files.exists(dir.resolve("nodes").resolve(name));
    }

    /** This node is the only dqlite voter of a cluster with other nodes: leave refuses with exit 3. */
    FakeMachine onlyVoter() {
        write("only-voter", "");
        return this;
    }

    /** This node already joined a cluster (the lock files join.py leaves), as a worker or not. */
    FakeMachine clustered(boolean worker) {
        try {
            Path lock = Files.createDirectories(root.resolve("var/snap/microk8s/current/var/lock"));
            Files.writeString(lock.resolve("no-cert-reissue"), "");
            if (worker) {
                Files.writeString(lock.resolve("clustered.lock"), "");
                Files.writeString(lock.resolve("no-k8s-dqlite"), "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Whether the machine is still in a cluster (join.py's no-cert-reissue lock is there). */
    boolean isClustered() {
        return Files.exists(root.resolve("var/snap/microk8s/current/var/lock/no-cert-reissue"));
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

    /** Every command run on this machine since it was made (as {@link #takeCalls}, never forgotten). */
    List<String> history() {
        try {
            Path h = dir.resolve("history");
            return Files.exists(h) ? Files.readAllLines(h, StandardCharsets.UTF_8) : List.of();
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
