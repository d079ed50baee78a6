package io.jcharm.charms.microk8s;

import io.jcharm.core.process.CommandException;
import io.jcharm.core.process.CommandResult;
import io.jcharm.core.process.Commands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The snap and microk8s commands the charm runs, each with its own timeout; one instance per
 * hook (it caches the hostname and the status report).
 *
 * <pre>{@code
 * MicroK8sClient mk = new MicroK8sClient(new ExecCommands(env));
 * if (mk.installed().isEmpty()) mk.install(Channel.parse("1.32/stable"));
 * }</pre>
 */
final class MicroK8sClient {
    /** How long {@code microk8s status --wait-ready} may wait in one hook; update-status checks again. */
    static final int READY_TIMEOUT_SECONDS = 300;
    /** Validity of a join token; the leader makes a new one when less than a third of it is left. */
    static final Duration TOKEN_TTL = Duration.ofHours(2);

    /** The addon whose disable asks a question; its data directory, which the charm keeps. */
    static final String HOSTPATH = "hostpath-storage";
    static final String HOSTPATH_DATA = "/var/snap/microk8s/common/default-storage";

    private static final Duration QUICK = Duration.ofSeconds(60);
    private static final Duration SNAP = Duration.ofMinutes(20);
    private static final Duration ADDON = Duration.ofMinutes(10);
    private static final Duration CLUSTER = Duration.ofMinutes(10);

    private final Commands commands;
    private String hostname;
    private MicroK8sStatus status;

    MicroK8sClient(Commands commands) {
        this.commands = commands;
    }

    /** The installed snap: {@code snap list microk8s} (exit 1 when it is not installed). */
    Optional<InstalledSnap> installed() {
        CommandResult r = commands.run(List.of("snap", "list", "microk8s"), QUICK);
        if (!r.ok()) {
            if (r.stderr().contains("no matching snaps")) {
                return Optional.empty();
            }
            r.orThrow();
        }
        return InstalledSnap.parse(r.stdout());
    }

    void install(Channel channel) {
        List<String> argv = new ArrayList<>(List.of("snap", "install", "microk8s"));
        if (!channel.strict()) {
            argv.add("--classic");
        }
        argv.addAll(List.of("--channel", channel.toString()));
        commands.check(argv, SNAP);
    }

    void refresh(Channel channel) {
        commands.check(List.of("snap", "refresh", "microk8s", "--channel", channel.toString()), SNAP);
    }

    void removeSnap() {
        commands.check(List.of("snap", "remove", "microk8s", "--purge"), SNAP);
    }

    void restart(String service) {
        commands.check(List.of("snap", "restart", service), Duration.ofMinutes(5));
    }

    /** Waits (bounded) until the node is ready; the result says whether it became ready. */
    CommandResult waitReady() {
        return commands.run(List.of("microk8s", "status", "--wait-ready", "--timeout",
                Integer.toString(READY_TIMEOUT_SECONDS)), Duration.ofSeconds(READY_TIMEOUT_SECONDS + 60));
    }

    /** The status report, cached until an addon changes. */
    MicroK8sStatus status() {
        if (status == null) {
            status = MicroK8sStatus.parse(commands.check(List.of("microk8s", "status", "--format", "yaml"),
                    Duration.ofMinutes(2)).stdout());
        }
        return status;
    }

    void enable(Addon addon) {
        status = null;
        commands.check(List.of("microk8s", "enable", addon.spec()), ADDON);
    }

    void disable(Addon addon) {
        status = null;
        List<String> argv = List.of("microk8s", "disable", addon.repository().map(r -> r + "/").orElse("") + addon.name());
        if (!addon.name().equals(HOSTPATH)) {
            commands.check(argv, ADDON);
            return;
        }
        // hostpath-storage removes its provisioner, then reads "Remove PVC storage at ...? (Y/N)" from
        // stdin and exits 1 on anything but yes (microk8s-core-addons addons/hostpath-storage/disable).
        // "N" keeps the volumes' data; the addon is disabled when status says so.
        CommandResult r = commands.run(argv, "N\n".getBytes(StandardCharsets.UTF_8), ADDON);
        if (!r.ok() && status().isEnabled(addon)) {
            throw failed(r);
        }
    }

    /**
     * Registers a new join token, usable by several nodes until it expires, and returns it.
     * MicroK8s makes the token itself and prints it ({@code --format token}, scripts/wrappers/add_token.py
     * in 1.31-1.33), so it never is on a command line of this machine, where any local user could
     * read it in the process list.
     *
     * @throws CommandException when add-node fails, or prints something that is not a token (not quoted: it might be one)
     */
    String addNode() {
        CommandResult r = commands.check(List.of("microk8s", "add-node", "--token-ttl", Long.toString(TOKEN_TTL.toSeconds()),
                "--format", "token"), QUICK);
        String token = r.stdout().strip();
        if (!token.matches("[0-9a-f]{32}")) {
            throw new CommandException(r.argv(), r.exitCode(), "", "`" + String.join(" ", r.argv()) + "` printed "
                    + token.length() + " characters, not a 32-character hexadecimal token; check the microk8s snap's"
                    + " version (snap list microk8s): this charm expects 1.31 to 1.33");
        }
        return token;
    }

    CommandResult join(String url, boolean worker) {
        List<String> argv = new ArrayList<>(List.of("microk8s", "join", url));
        if (worker) {
            argv.add("--worker");
        }
        return commands.run(argv, CLUSTER);
    }

    /** What {@code microk8s leave} did. */
    enum Leave {
        /** The node left; it is a standalone MicroK8s again. */
        LEFT,
        /** Exit 1, "not acting as a node in a cluster": there was nothing to leave. */
        NOT_IN_CLUSTER,
        /** Exit 3: this node holds the only copy of the cluster database (the only dqlite voter). */
        ONLY_VOTER
    }

    /**
     * {@code microk8s remove-node <host> --force}: --force also drops the node from dqlite, which
     * a dead node cannot do itself. The wrapper prints its refusals on stdout, so both streams are
     * read (canonical/microk8s v1.31-v1.33: microk8s-remove-node.wrapper, scripts/wrappers/remove_node.py).
     *
     * @return false when the node was already gone
     * @throws io.jcharm.core.process.CommandException when it failed for another reason, quoting
     *     what the command printed (for example "acting as a node in a cluster" on a worker)
     */
    boolean removeNode(String host) {
        CommandResult r = commands.run(List.of("microk8s", "remove-node", host, "--force"), CLUSTER);
        String out = (r.stdout() + "\n" + r.stderr()).toLowerCase(Locale.ROOT);
        if (!r.ok() && !(out.contains("does not exist") || out.contains("not found") || out.contains("not part of"))) {
            throw failed(r);
        }
        return r.ok();
    }

    /**
     * {@code microk8s leave}. It has no --force in 1.31-1.33 (scripts/wrappers/leave.py takes no
     * option), so the only voter cannot leave at all: the caller decides what that means.
     *
     * @throws io.jcharm.core.process.CommandException for any other failure, quoting its output
     */
    Leave leave() {
        CommandResult r = commands.run(List.of("microk8s", "leave"), CLUSTER);
        if (r.ok()) {
            return Leave.LEFT;
        }
        if (r.exitCode() == 3) {
            return Leave.ONLY_VOTER;
        }
        if (r.exitCode() == 1 && r.stdout().contains("not acting as a node in a cluster")) {
            return Leave.NOT_IN_CLUSTER;
        }
        throw failed(r);
    }

    /**
     * A failure of a microk8s command whose output holds no secret, quoting stdout too: the
     * wrappers print most of their errors there.
     */
    static CommandException failed(CommandResult r) {
        String said = (r.stdout().strip() + "\n" + r.stderr().strip()).strip();
        if (said.length() > 2000) {
            said = said.substring(0, 2000) + " ...";
        }
        return new CommandException(r.argv(), r.exitCode(), r.stderr(), "command `" + String.join(" ", r.argv())
                + "` failed with exit code " + r.exitCode() + ": " + (said.isEmpty() ? "(no output)" : said.replace('\n', ' '))
                + "; check that error on the machine (juju ssh), for example by running the command by hand");
    }

    /** The unit's public address as Juju reports it ({@code unit-get public-address}, a hook tool on PATH). */
    String publicAddress() {
        return commands.check(List.of("unit-get", "public-address"), QUICK).stdout().strip();
    }

    /** Re-issues the API server's certificate from csr.conf.template (its SANs). */
    void refreshServerCert() {
        commands.check(List.of("microk8s", "refresh-certs", "-e", "server.crt"), Duration.ofMinutes(5));
    }

    /** {@code snap info microk8s}: what each channel of the store holds. */
    SnapInfo info() {
        return SnapInfo.parse(commands.check(List.of("snap", "info", "microk8s"), QUICK).stdout());
    }

    /** {@code microk8s config}: admin credentials, for the kubeconfig action only. */
    CommandResult kubeconfig() {
        return commands.run(List.of("microk8s", "config"), QUICK);
    }

    /** This node's line in {@code kubectl get node}: NAME STATUS ROLES AGE VERSION. */
    CommandResult node(String host) {
        return commands.run(List.of("microk8s", "kubectl", "get", "node", host, "--no-headers"), QUICK);
    }

    /** The machine's hostname, lowercased as Kubernetes names the node. */
    String hostname() {
        if (hostname == null) {
            hostname = commands.check(List.of("hostname"), Duration.ofSeconds(10)).stdout().strip()
                    .toLowerCase(java.util.Locale.ROOT);
        }
        return hostname;
    }

    /** Applies one sysctl drop-in now (it is applied at every boot anyway). */
    void sysctlLoad(String file) {
        commands.check(List.of("sysctl", "-p", file), Duration.ofSeconds(30));
    }
}
