package io.jcharm.charms.mlflow;

import io.jcharm.core.Component;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import io.jcharm.relations.MysqlClient;
import java.util.Optional;

/**
 * Asks the relational-db provider for the {@value #DATABASE} database (leader) and reads its
 * answer: empty when not related (the server then uses sqlite), Waiting while a related provider
 * has not answered.
 *
 * <pre>{@code
 * Component<Optional<MysqlClient>> db = new DatabaseComponent();
 * }</pre>
 */
final class DatabaseComponent implements Component<Optional<MysqlClient>> {
    static final String ENDPOINT = "relational-db";
    /** The database Charmed MLflow asks for. */
    static final String DATABASE = "mlflow";

    @Override
    public String name() {
        return ENDPOINT;
    }

    /** Whether relational-db is related (whatever its data). */
    static boolean related(Model model) {
        return model.relation(ENDPOINT).isPresent();
    }

    @Override
    public Optional<MysqlClient> reconcile(Model model, Inputs inputs) throws StatusException {
        Optional<Relation> relation = model.relation(ENDPOINT);
        if (relation.isEmpty()) {
            return Optional.empty();
        }
        MysqlClient.request(relation.get(), DATABASE);
        Optional<MysqlClient> read = MysqlClient.read(model, relation.get());
        if (read.isEmpty()) {
            throw StatusException.waiting("waiting for relational-db relation data from "
                    + relation.get().remoteAppName().orElse("the provider"));
        }
        return read;
    }
}
