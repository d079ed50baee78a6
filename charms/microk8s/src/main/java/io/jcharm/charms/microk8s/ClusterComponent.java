package io.jcharm.charms.microk8s;

import io.jcharm.core.Component;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.Secret;
import io.jcharm.core.Status;
import io.jcharm.core.StatusException;
import io.jcharm.core.process.CommandException;
import io.jcharm.core.tools.SecretNotFoundException;
import io.jcharm.core.tools.SecretPermissionDeniedException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Clustering over the {@code peer} relation: every unit publishes its hostname; the first
 * leader is the seed and keeps a join token (in an application-owned secret, its id in the app
 * bag) valid while units wait to join; followers join once (a retry after a failed hook sees
 * join's lock file); a departing unit leaves, and {@link NodeRemovals} removes departed nodes.
 *
 * <pre>{@code
 * peer app bag:  seed=microk8s/0  join-secret=secret:...   (content: token, join-urls)
 * peer unit bag: hostname=node-1  joined=true  node-role=control-plane
 * }</pre>
 */
final class ClusterComponent implements Component<Void> {
    static final String PEER = "peer";
    static final String SECRET_LABEL = "microk8s-join";
    private static final String JOINED = "joined";
    private static final String TOKEN_EXPIRES = "token-expires";
    private static final String LEFT = "left";
    /** join.py leaves this lock on every node that joined a cluster (leave.py removes it). */
    static final String JOINED_LOCK = "/var/snap/microk8s/current/var/lock/no-cert-reissue";
    /** ...and this one on a node that joined as a worker. */
    static final String WORKER_LOCK = "/var/snap/microk8s/current/var/lock/clustered.lock";

    private final MicroK8sClient client;
    private final MachineFiles files;
    private final NodeRemovals removals;
    private final Clock clock;
    private final Component<MicroK8sConfig> config;
    private final Component<?> snap;

    ClusterComponent(MicroK8sClient client, MachineFiles files, Clock clock, Component<MicroK8sConfig> config,
                     Component<?> snap) {
        this.config = config;
        this.snap = snap;
        this.client = client;
        this.files = files;
        this.removals = new NodeRemovals(client);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(config, snap);
    }

    /** How this unit joined ("worker" or "control-plane"), remembered in state; empty for the seed or a lone unit. */
    static Optional<String> joinedAs(Model model) {
        return model.state().get(JOINED, String.class);
    }

    static boolean isWorkerNode(Model model) {
        return joinedAs(model).filter("worker"::equals).isPresent();
    }

    @Override
    public Void reconcile(Model model, Inputs inputs) throws StatusException {
        apply(model, inputs.get(config));
        return null;
    }

    private void apply(Model model, MicroK8sConfig cfg) throws StatusException {
        Optional<Relation> peer = model.relation(PEER);
        if (peer.isEmpty()) {
            return; // a lone unit is its own cluster
        }
        Relation rel = peer.get();
        String me = model.unit().name();
        if (NodeRemovals.departingIsMe(model)) {
            // Upstream's order: the departing node leaves first, then a remaining one runs remove-node.
            leave(model, client);
            if (model.isLeader()) {
                removals.lead(model, rel, Map.of());
            }
            throw StatusException.maintenance("left the microk8s cluster; this unit is being removed");
        }
        rel.localUnit().put("hostname", client.hostname());
        Optional<String> seed = rel.localApp().get("seed");
        if (seed.isEmpty() && model.isLeader()) {
            rel.localApp().put("seed", me);
            seed = Optional.of(me);
        }
        if (seed.isEmpty()) {
            throw StatusException.waiting("waiting for the leader to start the cluster");
        }
        if (!seed.get().equals(me) && joinedAs(model).isEmpty()) {
            join(model, cfg, rel, seed.get());
        }
        rel.localUnit().put("joined", "true");
        rel.localUnit().put(RefreshTurns.ROLE, isWorkerNode(model) ? "worker" : "control-plane");
        Map<String, String> hostnames = NodeRemovals.rememberHostnames(model, rel);
        if (model.isLeader()) {
            removals.lead(model, rel, hostnames);
            if (!isWorkerNode(model)) {
                issueToken(model, rel);
            }
        } else {
            removals.follow(model, rel, hostnames);
        }
    }

    /**
     * {@code microk8s leave}, once. The only dqlite voter cannot leave (exit 3; there is no
     * --force for leave in 1.31-1.33): that is logged and the removal goes on, since keeping the
     * unit would not save the cluster either. Any other failure is logged and does not keep the
     * unit from going away; the remaining leader's {@code remove-node --force} cleans up after it.
     */
    static void leave(Model model, MicroK8sClient client) {
        if (model.state().get(LEFT, Boolean.class).orElse(false)) {
            return;
        }
        model.unit().setStatus(Status.maintenance("leaving the microk8s cluster"));
        try {
            switch (client.leave()) {
                case LEFT -> model.log().info("left the microk8s cluster");
                case NOT_IN_CLUSTER -> model.log().info("this node is not in a microk8s cluster: nothing to leave");
                case ONLY_VOTER -> model.log().warning("this node holds the only copy of the cluster database (the only"
                        + " dqlite voter), so `microk8s leave` refuses (exit 3) and has no --force: the remaining nodes"
                        + " lose their datastore with it. Next time remove the other units first, or grow the cluster to"
                        + " three control-plane units before removing one");
            }
        } catch (CommandException e) {
            model.log().warning("could not leave the microk8s cluster, going on with the removal: " + e.getMessage());
        }
        model.state().set(LEFT, true);
    }

    private void join(Model model, MicroK8sConfig cfg, Relation rel, String seed) throws StatusException {
        Optional<String> id = rel.localApp().get("join-secret");
        if (id.isEmpty()) {
            throw StatusException.waiting("waiting for a join token from the leader (seed " + seed + ")");
        }
        Map<String, String> content;
        try {
            content = model.secrets().byId(id.get()).refresh(); // redacts the token from every log line
        } catch (SecretNotFoundException | SecretPermissionDeniedException e) {
            // Removed, or not this application's: the leader issues a new token in a new secret.
            throw StatusException.waiting("waiting for the join token secret " + id.get() + " to become readable ("
                    + (e instanceof SecretNotFoundException ? "not found" : "permission denied") + "); the leader"
                    + " replaces a removed one");
        }
        boolean worker = cfg.role().equals("worker");
        if (files.read(JOINED_LOCK).isPresent()) {
            // An earlier try joined, then the hook failed and Juju dropped its state: never join twice.
            String as = files.read(WORKER_LOCK).isPresent() ? "worker" : "control-plane";
            model.state().set(JOINED, as);
            model.log().info("already joined the microk8s cluster as " + as + " (" + JOINED_LOCK + " is there)");
            return;
        }
        model.unit().setStatus(Status.maintenance("joining the microk8s cluster" + (worker ? " as a worker" : "")));
        CommandException last = null;
        for (String url : content.getOrDefault("join-urls", "").trim().split("\\s+")) {
            if (url.isEmpty()) {
                continue;
            }
            try {
                client.join(url, worker).orThrow();
                model.state().set(JOINED, worker ? "worker" : "control-plane");
                // Only the address: the path is the token.
                model.log().info("joined the microk8s cluster through " + url.substring(0, Math.max(0, url.indexOf('/')))
                        + (worker ? " as a worker" : ""));
                return;
            } catch (CommandException e) {
                model.log().warning(e.getMessage());
                last = e;
            }
        }
        if (last == null) {
            throw StatusException.waiting("the join token secret " + id.get() + " has no join-urls yet");
        }
        throw last; // the hook fails and Juju retries it; the leader renews the token before it expires
    }

    /**
     * The addresses a join URL can carry: IPv4 only. MicroK8s 1.31-1.33 splits the URL's
     * {@code <ip>:<port>} at every colon and wants exactly two parts, then an IP address
     * (scripts/wrappers/common/cluster/utils.py get_valid_connection_parts), so neither a bare
     * nor a bracketed IPv6 address gets through, and neither does a host name.
     */
    static List<String> joinAddresses(List<String> ingress) {
        return ingress.stream().filter(a -> a.matches("\\d{1,3}(\\.\\d{1,3}){3}")).toList();
    }

    static int unitNumber(String unit) {
        try {
            return Integer.parseInt(unit.substring(unit.lastIndexOf('/') + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /**
     * Whether the join secret is still there: someone may have run {@code juju remove-secret} on
     * it, and the units waiting to join would then wait for a secret nobody replaces.
     */
    private static boolean exists(Model model, String id) {
        try {
            model.secrets().byId(id).info();
            return true;
        } catch (SecretNotFoundException e) {
            model.log().warning("the join token secret " + id + " is gone (removed?): issuing a new token in a new secret");
            return false;
        }
    }

    /**
     * Keeps one token valid while some peer has not joined; renewed when a third of its life is
     * left, and at once in a new secret when the published one was removed.
     */
    private void issueToken(Model model, Relation rel) throws StatusException {
        boolean waiting = rel.units().stream().anyMatch(u -> rel.unit(u).get("joined").isEmpty());
        if (!waiting) {
            return;
        }
        long now = clock.instant().getEpochSecond();
        long expires = model.state().get(TOKEN_EXPIRES, Long.class).orElse(0L);
        Optional<String> id = rel.localApp().get("join-secret").filter(s -> exists(model, s));
        if (id.isPresent() && expires - now > MicroK8sClient.TOKEN_TTL.toSeconds() / 3) {
            return;
        }
        List<String> all = model.network(PEER).ingressAddresses();
        if (all.isEmpty()) {
            throw StatusException.waiting("the peer binding has no ingress address yet; units cannot join");
        }
        List<String> addresses = joinAddresses(all);
        if (addresses.isEmpty()) {
            throw StatusException.blocked("the peer binding has only IPv6 addresses (" + String.join(", ", all)
                    + ") and `microk8s join` takes only <IPv4>:<port>/<token>; bind the peer endpoint to a space with"
                    + " IPv4 addresses (juju deploy ... --bind peer=<space>)");
        }
        String token = client.addNode(); // made by MicroK8s: never on this machine's command lines
        String urls = String.join(" ", addresses.stream().map(a -> a + ":25000/" + token).toList());
        Map<String, String> content = Map.of("token", token, "join-urls", urls);
        // App-owned: every unit of this application can read it without a grant. If this fails, the
        // token registered above is never handed out and expires unused.
        if (id.isPresent()) {
            model.secrets().byId(id.get()).setContent(content);
        } else {
            Secret s = model.secrets().addForApp(content, SECRET_LABEL);
            rel.localApp().put("join-secret", s.id());
        }
        model.state().set(TOKEN_EXPIRES, now + MicroK8sClient.TOKEN_TTL.toSeconds());
        model.log().info("issued a join token valid for " + MicroK8sClient.TOKEN_TTL.toSeconds() + " s");
    }
}
