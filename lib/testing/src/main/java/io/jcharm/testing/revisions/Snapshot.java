package io.jcharm.testing.revisions;

import io.jcharm.testing.State;
import java.util.List;
import java.util.Map;

/**
 * What one revision of a charm left behind once settled, as {@link Revisions#capture} wrote it:
 * the unit's controller-side state and containers, and the Kubernetes objects in the cluster.
 *
 * <pre>{@code
 * Snapshot old = Revisions.previous("minio", Map.of()).get(0);
 * cluster.restore(old.cluster());
 * State upgraded = ctx.run(Events.upgradeCharm(), old.state().withEnvironment(cluster.env()));
 * }</pre>
 *
 * @param charm the charm's name (charmcraft.yaml)
 * @param revision the commit whose code ran the hooks (as given to {@code -Djcharm.revision.capture})
 * @param scenario in words, the deployment the hooks settled
 * @param state the unit as the next hook sees it: containers carried over (the plan as a layer,
 *        active services running), no environment, logs or action outputs
 * @param cluster every object the API server stored, by {@code apiVersion/kind/namespace/name}, as JSON
 * @param userObjects the keys of {@code cluster} that a user created, which no revision may touch
 * @param machine for a machine charm, the text files on its machine (relative path to text) that
 *        outlive a charm refresh: what the charm wrote and what its workload keeps
 */
public record Snapshot(String charm, String revision, String scenario, State state, Map<String, String> cluster,
                       List<String> userObjects, Map<String, String> machine) {
    public Snapshot {
        cluster = Map.copyOf(cluster);
        userObjects = List.copyOf(userObjects);
        machine = Map.copyOf(machine);
    }

    /** The users' objects as they were in the revision's cluster, for {@code FaultChecks.assertKept}. */
    public Map<String, String> userObjectsBefore() {
        Map<String, String> out = new java.util.TreeMap<>();
        userObjects.forEach(k -> out.put(k, cluster.get(k)));
        return out;
    }

    /** Every secret value in the revision's state (generated keys, passwords, certificates). */
    public List<String> secretValues() {
        return state.secrets().stream().flatMap(s -> s.content().values().stream()).filter(v -> !v.isBlank())
                .distinct().toList();
    }
}
