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
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Clustering over the {@code peer} relation: every unit publishes its hostname; the first
 * leader is the seed and keeps a join token (in an application-owned secret, its id in the app
 * bag) valid while units wait to join; followers join once; the leader removes departed nodes.
 *
 * <pre>{@code
 * peer app bag:  seed=microk8s/0  join-secret=secret:...   (content: token, join-urls)
 * peer unit bag: hostname=node-1  joined=true
 * }</pre>
 */
final class ClusterComponent implements Component<Void> {
    static final String PEER = "peer";
    static final String SECRET_LABEL = "microk8s-join";
    private static final String JOINED = "joined";
    private static final String TOKEN_EXPIRES = "token-expires";
    private static final String HOSTNAMES = "peer-hostnames";

    private final MicroK8sClient client;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Component<MicroK8sConfig> config;
    private final Component<?> snap;

    ClusterComponent(MicroK8sClient client, Clock clock, Component<MicroK8sConfig> config, Component<?> snap) {
        this.config = config;
        this.snap = snap;
        this.client = client;
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
        if (model.isLeader()) {
            Map<String, String> hostnames = rememberHostnames(model, rel);
            removeDeparted(model, hostnames);
            if (!isWorkerNode(model)) {
                issueToken(model, rel);
            }
        }
    }

    private void join(Model model, MicroK8sConfig cfg, Relation rel, String seed) throws StatusException {
        Optional<String> id = rel.localApp().get("join-secret");
        if (id.isEmpty()) {
            throw StatusException.waiting("waiting for a join token from the leader (seed " + seed + ")");
        }
        Map<String, String> content;
        try {
            content = model.secrets().byId(id.get()).refresh(); // redacts the token from every log line
        } catch (SecretNotFoundException e) {
            throw StatusException.waiting("waiting for the join token secret " + id.get() + " to become readable");
        }
        boolean worker = cfg.role().equals("worker");
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

    private Map<String, String> rememberHostnames(Model model, Relation rel) {
        @SuppressWarnings("unchecked")
        Map<String, String> before = model.state().get(HOSTNAMES, Map.class).orElse(Map.of());
        Map<String, String> now = new LinkedHashMap<>(before);
        for (String unit : rel.units()) {
            rel.unit(unit).get("hostname").ifPresent(h -> now.put(unit, h));
        }
        if (!now.equals(before)) {
            model.state().set(HOSTNAMES, now);
        }
        return now;
    }

    private void removeDeparted(Model model, Map<String, String> hostnames) {
        if (!model.context().hookName().equals(PEER + "-relation-departed")) {
            return;
        }
        String departing = model.context().departingUnit().orElse("");
        if (departing.isEmpty() || departing.equals(model.unit().name())) {
            return;
        }
        // The departing unit's bag may already be gone; the hostname remembered in state is not.
        Optional<String> host = model.eventRelation().flatMap(r -> r.unit(departing).get("hostname"))
                .or(() -> Optional.ofNullable(hostnames.get(departing)));
        if (host.isEmpty()) {
            model.log().warning("unit " + departing + " left without a known hostname; remove its node by hand:"
                    + " microk8s remove-node <hostname> --force");
            return;
        }
        model.unit().setStatus(Status.maintenance("removing node " + host.get()));
        boolean removed = client.removeNode(host.get());
        model.log().info(removed ? "removed node " + host.get() + " of departed unit " + departing
                : "node " + host.get() + " of departed unit " + departing + " was already gone");
        Map<String, String> rest = new LinkedHashMap<>(hostnames);
        rest.remove(departing);
        model.state().set(HOSTNAMES, rest);
    }

    /** Keeps one token valid while some peer has not joined; renewed when a third of its life is left. */
    private void issueToken(Model model, Relation rel) throws StatusException {
        boolean waiting = rel.units().stream().anyMatch(u -> rel.unit(u).get("joined").isEmpty());
        if (!waiting) {
            return;
        }
        long now = clock.instant().getEpochSecond();
        long expires = model.state().get(TOKEN_EXPIRES, Long.class).orElse(0L);
        Optional<String> id = rel.localApp().get("join-secret");
        if (id.isPresent() && expires - now > MicroK8sClient.TOKEN_TTL.toSeconds() / 3) {
            return;
        }
        List<String> addresses = model.network(PEER).ingressAddresses();
        if (addresses.isEmpty()) {
            throw StatusException.waiting("the peer binding has no ingress address yet; units cannot join");
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes); // add-node wants exactly 32 characters
        String urls = String.join(" ", addresses.stream()
                .map(a -> (a.contains(":") ? "[" + a + "]" : a) + ":25000/" + token).toList());
        Map<String, String> content = Map.of("token", token, "join-urls", urls);
        // Store first: Secret redacts the values from every later log line, add-node's argv included.
        // App-owned: every unit of this application can read it without a grant.
        if (id.isPresent()) {
            model.secrets().byId(id.get()).setContent(content);
        } else {
            Secret s = model.secrets().addForApp(content, SECRET_LABEL);
            rel.localApp().put("join-secret", s.id());
        }
        client.addNode(token);
        model.state().set(TOKEN_EXPIRES, now + MicroK8sClient.TOKEN_TTL.toSeconds());
        model.log().info("issued a join token valid for " + MicroK8sClient.TOKEN_TTL.toSeconds() + " s");
    }
}
