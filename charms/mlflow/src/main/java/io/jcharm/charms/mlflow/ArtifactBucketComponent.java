package io.jcharm.charms.mlflow;

import io.jcharm.core.Component;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.relations.ObjectStorage;
import io.jcharm.s3.Buckets;
import io.jcharm.s3.S3Endpoint;
import io.jcharm.s3.S3Exception;
import java.util.List;
import java.util.Optional;

/**
 * Makes sure the default artifact bucket exists on the related object storage, creating it when
 * {@code create_default_artifact_root_if_missing} allows. Nothing depends on it: the server runs
 * (tracking works) while the bucket is being sorted out, and the status says what is wrong,
 * rather than a working server shown as broken after a restart (mlflow-operator#226).
 *
 * <pre>{@code
 * new ArtifactBucketComponent(config, objectStorage);
 * }</pre>
 */
final class ArtifactBucketComponent implements Component<Void> {
    private final Component<MlflowConfig> config;
    private final Component<Optional<ObjectStorage>> objectStorage;

    ArtifactBucketComponent(Component<MlflowConfig> config, Component<Optional<ObjectStorage>> objectStorage) {
        this.config = config;
        this.objectStorage = objectStorage;
    }

    @Override
    public String name() {
        return "artifact-bucket";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(config, objectStorage);
    }

    @Override
    public Void reconcile(Model model, Inputs inputs) throws StatusException {
        Optional<ObjectStorage> storage = inputs.get(objectStorage);
        if (storage.isEmpty()) {
            return null;
        }
        MlflowConfig cfg = inputs.get(config);
        String bucket = cfg.defaultArtifactRoot();
        ObjectStorage s3 = storage.get();
        try (Buckets buckets = Buckets.connect(new S3Endpoint(s3.endpointUrl(), s3.accessKey(), s3.secretKey(),
                Optional.empty()))) {
            if (buckets.exists(bucket)) {
                return null;
            }
            if (!cfg.createDefaultArtifactRootIfMissing()) {
                throw StatusException.blocked("bucket " + bucket + " does not exist at " + s3.endpointUrl()
                        + ": create it, or set create_default_artifact_root_if_missing=true");
            }
            buckets.create(bucket);
            model.log().info("created the artifact bucket " + bucket + " at " + s3.endpointUrl());
            return null;
        } catch (S3Exception e) {
            throw e.toStatus();
        }
    }
}
