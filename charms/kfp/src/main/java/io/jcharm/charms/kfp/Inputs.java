package io.jcharm.charms.kfp;

import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import io.jcharm.relations.MysqlClient;
import io.jcharm.relations.ObjectStorage;
import io.jcharm.relations.TrackingEndpoint;
import java.util.Optional;

/**
 * What the charm reads from its relations: the database and the object storage it cannot run
 * without (Blocked naming the endpoint when not related, Waiting while the provider has not
 * answered), and the optional MLflow tracking endpoint.
 *
 * <pre>{@code
 * MysqlClient db = Inputs.database(model);          // asks for "mlpipeline" (leader) and reads the answer
 * ObjectStorage s3 = Inputs.objectStorage(model);
 * Optional<TrackingEndpoint> t = Inputs.tracking(model);
 * }</pre>
 */
final class Inputs {
    static final String RELATIONAL_DB = "relational-db";
    static final String OBJECT_STORAGE = "object-storage";
    static final String MLFLOW = "mlflow";
    /** The database Charmed Kubeflow's kfp-api asks for (upstream's pipelineDb). */
    static final String DATABASE = "mlpipeline";
    static final String NO_DATABASE = "relate a MySQL database (for example mysql-k8s) to relational-db";
    static final String NO_OBJECT_STORAGE = "relate object storage (for example minio) to object-storage";

    private Inputs() {
    }

    static MysqlClient database(Model model) throws StatusException {
        Relation r = model.relation(RELATIONAL_DB).orElseThrow(() -> StatusException.blocked(NO_DATABASE));
        MysqlClient.request(r, DATABASE);
        return MysqlClient.read(model, r).orElseThrow(() -> StatusException.waiting("waiting for relational-db relation data from "
                + r.remoteAppName().orElse("the provider")));
    }

    static ObjectStorage objectStorage(Model model) throws StatusException {
        Relation r = model.relation(OBJECT_STORAGE).orElseThrow(() -> StatusException.blocked(NO_OBJECT_STORAGE));
        return ObjectStorage.read(r).orElseThrow(() -> StatusException.waiting("waiting for object-storage relation data from "
                + r.remoteAppName().orElse("the provider")));
    }

    /** Empty when not related or not sent yet: pipelines run without MLflow. */
    static Optional<TrackingEndpoint> tracking(Model model) throws StatusException {
        Optional<Relation> r = model.relation(MLFLOW);
        return r.isEmpty() ? Optional.empty() : TrackingEndpoint.read(model, r.get());
    }
}
