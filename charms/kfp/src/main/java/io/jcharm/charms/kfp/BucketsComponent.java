package io.jcharm.charms.kfp;

import io.jcharm.core.Component;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.relations.ObjectStorage;
import io.jcharm.s3.Buckets;
import io.jcharm.s3.S3Endpoint;
import io.jcharm.s3.S3Exception;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Creates the pipelines' bucket ({@code object-store-bucket-name}) and, with argo=managed, Argo's
 * artifact bucket ({@code bucket}) when they are missing. The charm reaches the storage the way the
 * workloads do ({@link ObjectStorage#endpointUrl}).
 *
 * <pre>{@code
 * new BucketsComponent(config, storage);
 * }</pre>
 */
final class BucketsComponent implements Component<Void> {
    private final Component<KfpConfig> config;
    private final Component<ObjectStorage> storage;

    BucketsComponent(Component<KfpConfig> config, Component<ObjectStorage> storage) {
        this.config = config;
        this.storage = storage;
    }

    @Override
    public String name() {
        return "buckets";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(config, storage);
    }

    @Override
    public Void reconcile(Model model, Inputs inputs) throws StatusException {
        KfpConfig cfg = inputs.get(config);
        ObjectStorage s3 = inputs.get(storage);
        Set<String> wanted = new LinkedHashSet<>();
        wanted.add(cfg.objectStoreBucketName());
        if (cfg.managedArgo()) {
            wanted.add(cfg.bucket());
        }
        String url = s3.endpointUrl();
        try (Buckets buckets = Buckets.connect(new S3Endpoint(url, s3.accessKey(), s3.secretKey(), Optional.empty()))) {
            for (String bucket : wanted) {
                if (!buckets.exists(bucket)) {
                    buckets.create(bucket);
                    model.log().info("created bucket " + bucket + " at " + url);
                }
            }
            return null;
        } catch (S3Exception e) {
            throw e.toStatus();
        }
    }
}
