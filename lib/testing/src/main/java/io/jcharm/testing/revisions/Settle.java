package io.jcharm.testing.revisions;

import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import java.util.List;

/**
 * A first deployment in the order Juju runs its hooks, to settle the state a revision is captured
 * in: install, leader-elected (on the leader), config-changed, start, each container's
 * pebble-ready, then for each relation in turn created, joined and changed, and an update-status.
 * Between hooks the containers keep what the last hook left (the plan as a layer).
 *
 * <pre>{@code
 * State settled = Settle.deploy(ctx, State.empty().withLeader(true).withContainer(ContainerState.reachable("minio")),
 *         List.of(RelationState.of("object-storage", "mlflow-server")));
 * }</pre>
 */
public final class Settle {
    private Settle() {
    }

    /** Deploys {@code in} (relations already in it are settled first), then relates {@code relations} one by one. */
    public static State deploy(Context ctx, State in, List<RelationState> relations) {
        State s = Upgrade.carried(ctx.run(Events.install(), in));
        if (s.leader()) {
            s = Upgrade.carried(ctx.run(Events.leaderElected(), s));
        }
        s = Upgrade.carried(ctx.run(Events.configChanged(), s));
        s = Upgrade.carried(ctx.run(Events.start(), s));
        for (ContainerState c : in.containers()) {
            s = Upgrade.carried(ctx.run(Events.pebbleReady(c.name()), s));
        }
        for (RelationState r : relations) {
            s = relate(ctx, s, r);
        }
        return Upgrade.carried(ctx.run(Events.updateStatus(), s));
    }

    /** Adds relation {@code r} and runs its created, joined (when it has a remote unit) and changed hooks. */
    public static State relate(Context ctx, State in, RelationState r) {
        State s = Upgrade.carried(ctx.run(Events.relationCreated(r), in.withRelation(r)));
        if (!r.remoteUnitsData().isEmpty()) {
            s = Upgrade.carried(ctx.run(Events.relationJoined(s.relation(r.id())), s));
            return Upgrade.carried(ctx.run(Events.relationChanged(s.relation(r.id())), s));
        }
        return Upgrade.carried(ctx.run(Events.relationAppChanged(s.relation(r.id())), s));
    }
}
