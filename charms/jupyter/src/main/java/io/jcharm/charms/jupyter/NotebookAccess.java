package io.jcharm.charms.jupyter;

import io.jcharm.relations.K8sService;
import io.jcharm.relations.ObjectStorage;
import io.jcharm.relations.TrackingEndpoint;
import java.util.Optional;

/**
 * What notebooks are given access to, from the relations: the MLflow tracking endpoint, S3
 * (from object-storage, else from the tracking endpoint's credentials secret) and Kubeflow
 * Pipelines. {@link AccessObjects} turns it into PodDefaults and a Secret.
 *
 * <pre>{@code
 * NotebookAccess a = new NotebookAccess(Optional.of(tracking), Optional.empty(), Optional.empty());
 * a.s3();  // the tracking endpoint's S3 endpoint and credentials, when it has them
 * }</pre>
 *
 * @param tracking the mlflow relation's endpoint
 * @param objectStorage the object-storage relation's storage
 * @param pipelines the kfp-api relation's Service
 */
record NotebookAccess(Optional<TrackingEndpoint> tracking, Optional<ObjectStorage> objectStorage,
                      Optional<K8sService> pipelines) {

    /** S3 as notebooks see it: endpoint URL, access key, secret key. */
    record S3(String endpoint, String accessKey, String secretKey) {
        @Override
        public String toString() {
            return "S3[" + endpoint + ", " + accessKey + ", ***]";
        }
    }

    /** object-storage's S3 when related, else the tracking endpoint's; empty when neither has one. */
    Optional<S3> s3() {
        if (objectStorage.isPresent()) {
            ObjectStorage o = objectStorage.get();
            return Optional.of(new S3(o.endpointUrl(), o.accessKey(), o.secretKey()));
        }
        return tracking.filter(t -> t.s3().isPresent() && t.s3Endpoint().filter(e -> !e.isEmpty()).isPresent())
                .map(t -> new S3(t.s3Endpoint().get(), t.s3().get().accessKey(), t.s3().get().secretKey()));
    }

    /** Whether there is anything to give. */
    boolean isEmpty() {
        return tracking.isEmpty() && s3().isEmpty() && pipelines.isEmpty();
    }
}
