package io.jcharm.charms.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcharm.relations.ObjectStorage;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PodDefaults sent to resource-dispatcher, pinned whole: the shape of Charmed MLflow's
 * manifests (plain objects, {@code optional: false} on each secret reference).
 */
class ManifestsTest {
    private final JsonMapper json = JsonMapper.builder().build();

    private JsonNode tree(Object o) {
        return json.readTree(json.writeValueAsString(o));
    }

    @Test
    void withObjectStorageBothPodDefaultsReadTheArtifactSecret() {
        ObjectStorage s3 = new ObjectStorage("minio", "s3cr3t", "minio", 9000, false, Optional.of("kubeflow"));
        assertEquals(json.readTree("""
                [{"apiVersion": "kubeflow.org/v1alpha1", "kind": "PodDefault",
                  "metadata": {"name": "mlflow-server-access-minio"},
                  "spec": {"desc": "Allow access to Minio",
                           "selector": {"matchLabels": {"access-minio": "true"}},
                           "env": [{"name": "AWS_ACCESS_KEY_ID", "valueFrom": {"secretKeyRef":
                                      {"name": "mlflow-server-minio-artifact", "key": "AWS_ACCESS_KEY_ID", "optional": false}}},
                                   {"name": "AWS_SECRET_ACCESS_KEY", "valueFrom": {"secretKeyRef":
                                      {"name": "mlflow-server-minio-artifact", "key": "AWS_SECRET_ACCESS_KEY", "optional": false}}},
                                   {"name": "MINIO_ENDPOINT_URL", "value": "http://minio.kubeflow:9000"}]}},
                 {"apiVersion": "kubeflow.org/v1alpha1", "kind": "PodDefault",
                  "metadata": {"name": "mlflow-server-minio"},
                  "spec": {"desc": "Allow access to MLFlow",
                           "selector": {"matchLabels": {"mlflow-server-minio": "true"}},
                           "env": [{"name": "MLFLOW_S3_ENDPOINT_URL", "value": "http://minio.kubeflow:9000"},
                                   {"name": "MLFLOW_TRACKING_URI", "value": "http://mlflow-server.kubeflow.svc.cluster.local:5000"}]}}]
                """), tree(Manifests.podDefaults("mlflow-server", Optional.of(s3),
                "http://mlflow-server.kubeflow.svc.cluster.local:5000")));
    }

    @Test
    void withoutObjectStorageOnlyTheTrackingUri() {
        assertEquals(json.readTree("""
                [{"apiVersion": "kubeflow.org/v1alpha1", "kind": "PodDefault",
                  "metadata": {"name": "mlflow-server-minio"},
                  "spec": {"desc": "Allow access to MLFlow",
                           "selector": {"matchLabels": {"mlflow-server-minio": "true"}},
                           "env": [{"name": "MLFLOW_TRACKING_URI", "value": "http://mlflow-server.kubeflow.svc.cluster.local:5000"}]}}]
                """), tree(Manifests.podDefaults("mlflow-server", Optional.empty(),
                "http://mlflow-server.kubeflow.svc.cluster.local:5000")));
    }
}
