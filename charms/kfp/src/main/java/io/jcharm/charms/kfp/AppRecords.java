package io.jcharm.charms.kfp;

import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import java.util.Optional;

/**
 * What the application remembers beyond one unit: the argo mode it was deployed with and the KFP
 * version its database was last run with. Unit state alone is not enough: when leadership moves,
 * the new leader is another unit with a state of its own, and would take an argo change or a
 * downgrade for a first deploy (pruning Argo's CRDs, and every workflow, or running an older API
 * server on a newer database). So the leader also keeps them in the application bag of the peer
 * relation {@value #PEERS}, which every unit reads and which outlives any one leader; unit state
 * is read when that bag has nothing yet (a revision without the peer relation wrote only there).
 *
 * <pre>{@code
 * AppRecords.get(model, KfpVersion.RECORDED);          // Optional["2.5.0"]
 * AppRecords.keep(model, KfpVersion.RECORDED, "2.5.0"); // the leader, in both places, when not there yet
 * }</pre>
 */
final class AppRecords {
    /** The peer endpoint in charmcraft.yaml. */
    static final String PEERS = "kfp-peers";

    private AppRecords() {
    }

    /** The application's value, else this unit's (what an older revision stored). */
    static Optional<String> get(Model model, String key) {
        Optional<String> shared = model.relation(PEERS).flatMap(r -> r.localApp().get(key));
        return shared.isPresent() ? shared : model.state().get(key, String.class);
    }

    /** Stores {@code value} where it is not yet: unit state, and (leader) the peer application bag. */
    static void keep(Model model, String key, String value) {
        if (!model.state().get(key, String.class).filter(value::equals).isPresent()) {
            model.state().set(key, value);
        }
        Optional<Relation> peers = model.relation(PEERS);
        if (peers.isPresent() && model.isLeader() && !peers.get().localApp().get(key).filter(value::equals).isPresent()) {
            peers.get().localApp().put(key, value);
        }
    }
}
