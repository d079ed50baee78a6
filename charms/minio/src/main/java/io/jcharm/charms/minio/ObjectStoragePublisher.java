package io.jcharm.charms.minio;

import io.jcharm.core.Component;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import io.jcharm.relations.ObjectStorage;
import io.jcharm.core.Inputs;
import java.util.List;
import java.util.Optional;

/**
 * Gives every application related on {@code object-storage} the S3 credentials and address
 * (leader only): one consumer that cannot be served yet (no versions listed, none in common)
 * does not keep the others from theirs; the worst of their problems is the status. Named as
 * Charmed Kubeflow's component, so its statuses read the same.
 *
 * <pre>{@code
 * new ObjectStoragePublisher(config, secretKey, tls).after(leader);
 * }</pre>
 */
final class ObjectStoragePublisher implements Component<Void> {
    static final String ENDPOINT = "object-storage";
    private final Component<MinioConfig> config;
    private final Component<String> secretKey;
    private final Component<Optional<TlsFiles>> tls;

    ObjectStoragePublisher(Component<MinioConfig> config, Component<String> secretKey, Component<Optional<TlsFiles>> tls) {
        this.config = config;
        this.secretKey = secretKey;
        this.tls = tls;
    }

    @Override
    public String name() {
        return "relation:object_storage";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(config, secretKey, tls);
    }

    @Override
    public Void reconcile(Model model, Inputs inputs) throws StatusException {
        MinioConfig cfg = inputs.get(config);
        ObjectStorage mine = new ObjectStorage(cfg.accessKey(), inputs.get(secretKey), model.app().name(), cfg.port(),
                inputs.get(tls).isPresent(), Optional.of(model.name()));
        StatusException worst = null;
        for (Relation r : model.relations(ENDPOINT)) {
            try {
                ObjectStorage.publish(r, mine);
            } catch (StatusException e) {
                if (worst == null || e.status().priority() > worst.status().priority()) {
                    worst = e;
                }
            }
        }
        if (worst != null) {
            throw worst;
        }
        return null;
    }
}
