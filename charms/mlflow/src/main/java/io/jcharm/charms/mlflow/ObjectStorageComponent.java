package io.jcharm.charms.mlflow;

import io.jcharm.core.Component;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import io.jcharm.relations.ObjectStorage;
import java.util.Optional;

/**
 * Reads the object-storage relation: empty when not related (artifacts then stay on Juju
 * storage: a missing optional relation is not a wait), Waiting only while a related provider
 * has not sent its data.
 *
 * <pre>{@code
 * Component<Optional<ObjectStorage>> s3 = new ObjectStorageComponent();
 * }</pre>
 */
final class ObjectStorageComponent implements Component<Optional<ObjectStorage>> {
    static final String ENDPOINT = "object-storage";

    @Override
    public String name() {
        return ENDPOINT;
    }

    @Override
    public Optional<ObjectStorage> reconcile(Model model, Inputs inputs) throws StatusException {
        return read(model);
    }

    /** The provider's storage; empty when not related. */
    static Optional<ObjectStorage> read(Model model) throws StatusException {
        Optional<Relation> relation = model.relation(ENDPOINT);
        if (relation.isEmpty()) {
            return Optional.empty();
        }
        Optional<ObjectStorage> read = ObjectStorage.read(relation.get());
        if (read.isEmpty()) {
            throw StatusException.waiting("waiting for object-storage relation data from "
                    + relation.get().remoteAppName().orElse("the provider"));
        }
        return read;
    }
}
