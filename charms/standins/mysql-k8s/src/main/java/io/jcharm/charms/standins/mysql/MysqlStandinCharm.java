package io.jcharm.charms.standins.mysql;

import io.jcharm.core.Charm;
import io.jcharm.core.Component;
import io.jcharm.core.Components;
import io.jcharm.core.Container;
import io.jcharm.core.Gates;
import io.jcharm.core.Model;

/**
 * Stands in for Charmhub's mysql-k8s: once its workload container answers, the leader answers
 * every database request on {@code database} as the real charm does ({@link DatabaseProvider}),
 * and the leader shows "Primary" as the real primary does. No MySQL runs: the answer names the
 * primary Service and credentials a real server would have been given. Config the real charm's
 * validators refuse fails every hook, as it does there ({@link CharmConfig}).
 *
 * <pre>{@code
 * juju deploy mysql-k8s --channel 8.0/stable --trust   # on the local model, this charm answers
 * }</pre>
 */
public final class MysqlStandinCharm implements Charm {
    /** The workload container, as in the real charm's metadata. */
    static final String CONTAINER = "mysql";

    @Override
    public Components components(Model model) {
        // As the real charm: a value its CharmConfig refuses fails the hook (Juju retries it), not a status.
        CharmConfig.validate(model.rawConfig());
        Component<Container> mysql = Gates.container(CONTAINER);
        return Components.of(
                mysql,
                Component.of("database", mysql, (m, c) -> new DatabaseProvider(m).answerAll()),
                Component.of("primary", mysql, (m, c) -> primary(m)));
    }

    private static void primary(Model model) {
        model.unit().setWorkloadVersion(DatabaseProvider.VERSION);
        // The real charm's active message: "Primary" on the cluster's primary (the leader here), "" elsewhere.
        if (model.isLeader()) {
            model.setActiveMessage("Primary");
        }
    }
}
