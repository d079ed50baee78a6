package io.jcharm.core;

import java.util.List;

/**
 * Ready-made gates: components that check a precondition and hand on what they checked.
 *
 * <pre>{@code
 * Component<Void> leader = Gates.leader();
 * Component<Container> workload = Gates.container("mlflow");
 * Components.of(leader, workload, Component.of("files", workload, (m, c) -> c.push(...)).after(leader));
 * }</pre>
 */
public final class Gates {
    private Gates() {
    }

    /** Proceeds only on the leader unit; others wait ("waiting for leadership"). */
    public static Component<Void> leader() {
        return Component.of("leader", model -> {
            if (!model.isLeader()) {
                throw StatusException.waiting("waiting for leadership");
            }
        });
    }

    /**
     * Proceeds only when the endpoint has a relation, handing on its relations; else Blocked
     * "missing relation &lt;ep&gt;".
     */
    public static Component<List<Relation>> relation(String endpoint) {
        return Component.providing("relation:" + endpoint, model -> {
            List<Relation> relations = model.relations(endpoint);
            if (relations.isEmpty()) {
                throw StatusException.blocked("missing relation " + endpoint + ": juju integrate "
                        + model.app().name() + ":" + endpoint + " <provider>");
            }
            return relations;
        });
    }

    /** Proceeds only when the container's Pebble answers, handing on the container; else waiting. */
    public static Component<Container> container(String container) {
        return Component.providing("container:" + container, model -> {
            Container c = model.container(container);
            if (!c.canConnect()) {
                throw StatusException.waiting("waiting for the " + container + " container (Pebble not reachable yet)");
            }
            return c;
        });
    }
}
