package io.jcharm.charms.microk8s;

import io.jcharm.core.process.CommandResult;
import io.jcharm.core.process.Commands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        commands.check(List.of("microk8s", "disable", addon.repository().map(r -> r + "/").orElse("") + addon.name()),
                ADDON);
    }

    /** Registers a join token usable by several nodes until it expires. */
    void addNode(String token) {
        commands.check(List.of("microk8s", "add-node", "--token", token, "--token-ttl",
                Long.toString(TOKEN_TTL.toSeconds())), QUICK);
    }

    CommandResult join(String url, boolean worker) {
        List<String> argv = new ArrayList<>(List.of("microk8s", "join", url));
        if (worker) {
            argv.add("--worker");
        }
        return commands.run(argv, CLUSTER);
    }

    /**
     * {@code microk8s remove-node <host> --force}.
     *
     * @return false when the node was already gone (microk8s says so only on stderr)
     * @throws io.jcharm.core.process.CommandException when it failed for another reason
     */
    boolean removeNode(String host) {
        CommandResult r = commands.run(List.of("microk8s", "remove-node", host, "--force"), CLUSTER);
        String err = r.stderr().toLowerCase(java.util.Locale.ROOT);
        if (!r.ok() && !(err.contains("not found") || err.contains("does not exist") || err.contains("not part of"))) {
            r.orThrow();
        }
        return r.ok();
    }

    void leave() {
        commands.check(List.of("microk8s", "leave"), CLUSTER);
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
