package io.jcharm.charms.microk8s;

import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Removing the nodes of departed units, as Canonical's charm-microk8s does (src/charm.py at
 * eb62df16: on_relation_departed and remove_departed_nodes): the leader queues each departed
 * unit's hostname in the peer app bag, and the queue is worked off by a control-plane unit, the
 * only kind MicroK8s lets run {@code remove-node} (a worker answers "acting as a node in a
 * cluster. Please use microk8s leave."). A leader that is a worker names a control-plane peer as
 * {@code remover}, which reports what it removed in its own bag. A unit never removes itself: a
 * departing leader queues its own hostname and the next leader finishes it on leader-elected.
 *
 * <pre>{@code
 * peer app bag:  remove-nodes=["machine-2"]  remover=microk8s/1
 * peer unit bag (microk8s/1): removed-nodes=["machine-2"]
 * }</pre>
 */
final class NodeRemovals {
    static final String QUEUE = "remove-nodes";
    static final String REMOVER = "remover";
    static final String REMOVED = "removed-nodes";
    /** Unit name to hostname of every peer this unit has seen, kept in state (bags vanish on departure). */
    static final String HOSTNAMES = "peer-hostnames";

    private final MicroK8sClient client;

    NodeRemovals(MicroK8sClient client) {
        this.client = client;
    }

    /** Every unit remembers its peers' hostnames, so a new leader knows who left while none led. */
    static Map<String, String> rememberHostnames(Model model, Relation rel) {
        @SuppressWarnings("unchecked")
        Map<String, String> before = model.state().get(HOSTNAMES, Map.class).orElse(Map.of());
        Map<String, String> now = new LinkedHashMap<>(before);
        for (String unit : rel.units()) {
            rel.unit(unit).get("hostname").ifPresent(h -> now.put(unit, h));
        }
        return now;
    }

    /** The leader: queues the departed, drops what a remover reported, works the queue or hands it on. */
    void lead(Model model, Relation rel, Map<String, String> hostnames) {
        String me = model.unit().name();
        Set<String> queue = new LinkedHashSet<>(queue(rel));
        Map<String, String> kept = new LinkedHashMap<>(hostnames);
        if (departingIsMe(model)) {
            // Nobody else removes a departing leader until the next leader reads this on leader-elected.
            queue.add(client.hostname());
            rel.localApp().putJson(QUEUE, List.copyOf(queue));
            return;
        }
        for (var e : hostnames.entrySet()) {
            // Gone from the relation: departed now, or while another unit (or none) led.
            if (!e.getKey().equals(me) && !rel.units().contains(e.getKey())) {
                queue.add(e.getValue());
                kept.remove(e.getKey());
                model.log().info("unit " + e.getKey() + " departed: queued its node " + e.getValue() + " for removal");
            }
        }
        for (String u : rel.units()) {
            reported(rel, u).forEach(queue::remove);
        }
        boolean worker = ClusterComponent.isWorkerNode(model);
        if (!worker) {
            queue.removeAll(work(model, queue));
            rel.localApp().remove(REMOVER);
        } else if (!queue.isEmpty()) {
            Optional<String> remover = rel.units().stream()
                    .filter(u -> "control-plane".equals(rel.unit(u).get(RefreshTurns.ROLE).orElse("")))
                    .min(java.util.Comparator.comparingInt(ClusterComponent::unitNumber));
            rel.localApp().put(REMOVER, remover.orElse(""));
            model.log().info(remover.map(r -> "node removals (" + String.join(", ", queue) + ") handed to " + r
                    + ": MicroK8s runs remove-node only on a control-plane node")
                    .orElse("node removals (" + String.join(", ", queue) + ") wait for a control-plane peer to lead"
                    + " or to join: MicroK8s runs remove-node only on a control-plane node"));
        }
        rel.localApp().putJson(QUEUE, List.copyOf(queue));
        if (queue.isEmpty()) {
            rel.localApp().remove(QUEUE);
        }
        if (!kept.equals(model.state().get(HOSTNAMES, Map.class).orElse(Map.of()))) {
            model.state().set(HOSTNAMES, kept);
        }
    }

    /** A control-plane follower named remover: removes the queued nodes and reports them in its bag. */
    void follow(Model model, Relation rel, Map<String, String> hostnames) {
        if (!model.state().get(HOSTNAMES, Map.class).orElse(Map.of()).equals(hostnames)) {
            model.state().set(HOSTNAMES, hostnames);
        }
        if (ClusterComponent.isWorkerNode(model)
                || !rel.localApp().get(REMOVER).filter(model.unit().name()::equals).isPresent()) {
            return;
        }
        Set<String> done = new LinkedHashSet<>(reported(rel, null));
        done.retainAll(queue(rel)); // forget what the leader already dropped
        List<String> todo = new ArrayList<>(queue(rel));
        todo.removeAll(done);
        done.addAll(work(model, todo));
        rel.localUnit().putJson(REMOVED, List.copyOf(done));
        if (done.isEmpty()) {
            rel.localUnit().remove(REMOVED);
        }
    }

    /** Runs remove-node for each hostname but this machine's; returns the ones now gone. */
    private List<String> work(Model model, java.util.Collection<String> hosts) {
        List<String> gone = new ArrayList<>();
        for (String host : hosts) {
            if (host.equals(client.hostname())) {
                continue; // the next leader removes this node once it has left
            }
            model.unit().setStatus(Status.maintenance("removing node " + host));
            boolean removed = client.removeNode(host);
            model.log().info(removed ? "removed node " + host : "node " + host + " was already gone");
            gone.add(host);
        }
        return gone;
    }

    static boolean departingIsMe(Model model) {
        return model.context().hookName().equals(ClusterComponent.PEER + "-relation-departed")
                && model.context().departingUnit().filter(model.unit().name()::equals).isPresent();
    }

    private static List<String> queue(Relation rel) {
        return rel.localApp().getJson(QUEUE, String[].class).map(Arrays::asList).orElse(List.of());
    }

    /** What a unit reported removed; {@code null} for this unit's own bag. */
    private static List<String> reported(Relation rel, String unit) {
        var bag = unit == null ? rel.localUnit() : rel.unit(unit);
        return bag.getJson(REMOVED, String[].class).map(Arrays::asList).orElse(List.of());
    }
}
