package io.jcharm.charms.microk8s;

import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One unit refreshes the snap at a time, control-plane units first, so the cluster keeps a
 * quorum and workers never run a newer kubelet than the API server. Every unit publishes its
 * tracking channel and role in its peer bag; the leader hands the turn to the first unit not yet
 * on the wanted channel (app bag {@code refresh-turn}); a unit refreshes only on its turn.
 *
 * <pre>{@code
 * peer unit bag: channel=1.32/stable  node-role=control-plane
 * peer app bag:  refresh-turn={"channel": "1.33/stable", "unit": "microk8s/1"}
 * }</pre>
 */
final class RefreshTurns {
    static final String TURN = "refresh-turn";
    static final String CHANNEL = "channel";
    static final String ROLE = "node-role";

    /** The turn the leader hands out. */
    record Turn(String channel, String unit) {
    }

    private RefreshTurns() {
    }

    /**
     * Returns when this unit may refresh to {@code want} now: it has no peers, or the turn is
     * its own (the leader hands it out first).
     *
     * @throws StatusException Waiting, naming the unit whose turn it is
     */
    static void awaitTurn(Model model, InstalledSnap snap, Channel want) throws StatusException {
        Optional<Relation> peer = model.relation(ClusterComponent.PEER);
        if (peer.isEmpty() || peer.get().units().isEmpty()) {
            return;
        }
        Relation rel = peer.get();
        String me = model.unit().name();
        rel.localUnit().put(CHANNEL, snap.trackingChannel()); // the leader sees this unit is behind
        if (model.isLeader()) {
            handOut(model, rel, want);
        }
        Optional<Turn> turn = rel.localApp().getJson(TURN, Turn.class);
        if (turn.filter(t -> t.channel().equals(want.toString()) && t.unit().equals(me)).isPresent()) {
            return;
        }
        throw StatusException.waiting("waiting for its turn to refresh microk8s to " + want + " (one unit at a time,"
                + " control plane first" + turn.filter(t -> t.channel().equals(want.toString()))
                .map(t -> "; now: " + t.unit()).orElse("") + ")");
    }

    /** Publishes this unit's channel and role; the leader then moves the turn on. */
    static void publish(Model model, InstalledSnap snap, Channel want) {
        Optional<Relation> peer = model.relation(ClusterComponent.PEER);
        if (peer.isEmpty()) {
            return;
        }
        Relation rel = peer.get();
        rel.localUnit().put(CHANNEL, snap.trackingChannel());
        rel.localUnit().put(ROLE, ClusterComponent.isWorkerNode(model) ? "worker" : "control-plane");
        if (model.isLeader()) {
            handOut(model, rel, want);
        }
    }

    /** The leader: the turn stays with a unit until its bag shows the wanted channel. */
    private static void handOut(Model model, Relation rel, Channel want) {
        String me = model.unit().name();
        Map<String, String> mine = rel.localUnit().asMap();
        List<String[]> pending = new ArrayList<>(); // unit, role
        // A unit that has published no channel yet installs the configured one anyway.
        if (mine.containsKey(CHANNEL) && !want.toString().equals(mine.get(CHANNEL))) {
            pending.add(new String[] {me, ClusterComponent.isWorkerNode(model) ? "worker" : "control-plane"});
        }
        for (String u : rel.units()) {
            Map<String, String> bag = rel.unit(u).asMap();
            if (bag.containsKey(CHANNEL) && !want.toString().equals(bag.get(CHANNEL))) {
                pending.add(new String[] {u, bag.getOrDefault(ROLE, "control-plane")});
            }
        }
        Optional<Turn> current = rel.localApp().getJson(TURN, Turn.class);
        boolean currentPending = current.filter(t -> t.channel().equals(want.toString())
                && pending.stream().anyMatch(p -> p[0].equals(t.unit()))).isPresent();
        if (currentPending) {
            return;
        }
        if (pending.isEmpty()) {
            if (current.isPresent()) {
                rel.localApp().remove(TURN);
            }
            return;
        }
        pending.sort(Comparator.comparing((String[] p) -> p[1].equals("worker"))
                .thenComparing(p -> ClusterComponent.unitNumber(p[0])));
        Turn next = new Turn(want.toString(), pending.get(0)[0]);
        rel.localApp().putJson(TURN, next);
        model.log().info("refresh turn to " + want + ": " + next.unit());
    }
}
