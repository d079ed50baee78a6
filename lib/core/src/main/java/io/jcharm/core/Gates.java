package io.jcharm.core;

/**
 * Ready-made gates: components that only check a precondition.
 *
 * <pre>{@code
 * List.of(Gates.leader(), Gates.relation("database"), new MyWorkloadComponent(...))
 * }</pre>
 */
public final class Gates {
    private Gates() {
    }

    /** Proceeds only on the leader unit; others wait ("waiting for leadership"). */
    public static Component leader() {
        return Component.of("leader", model -> {
            if (!model.isLeader()) {
                throw StatusException.waiting("waiting for leadership");
            }
        });
    }

    /** Proceeds only when the endpoint has a relation; else Blocked "missing relation <ep>". */
    public static Component relation(String endpoint) {
        return Component.of("relation:" + endpoint, model -> {
            if (model.relations(endpoint).isEmpty()) {
                throw StatusException.blocked("missing relation " + endpoint + ": juju integrate "
                        + model.app().name() + ":" + endpoint + " <provider>");
            }
        });
    }

    /** Proceeds only when the container's Pebble answers; else waiting. */
    public static Component container(String container) {
        return Component.of("container:" + container, model -> {
            if (!model.container(container).canConnect()) {
                throw StatusException.waiting("waiting for the " + container + " container (Pebble not reachable yet)");
            }
        });
    }
}
