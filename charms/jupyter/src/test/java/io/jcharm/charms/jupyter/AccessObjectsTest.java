package io.jcharm.charms.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.jcharm.relations.K8sService;
import io.jcharm.relations.ObjectStorage;
import io.jcharm.relations.TrackingEndpoint;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notebooks' Secret and PodDefaults pinned whole, as fabric8 serialises them for the API
 * server: no {@code optional} on the secret references, the namespace in the metadata.
 */
class AccessObjectsTest {
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void trackingObjectStorageAndPipelinesGiveOneSecretAndTwoPodDefaults() {
        NotebookAccess access = new NotebookAccess(
                Optional.of(new TrackingEndpoint("http://mlflow-server.kubeflow.svc.cluster.local:5000", "s3://mlflow/",
                        Optional.empty(), Optional.empty())),
                Optional.of(new ObjectStorage("minio", "s3cr3t", "minio", 9000, false, Optional.of("store"))),
                Optional.of(new K8sService("kfp-api.kubeflow", "8888")));
        assertEquals(json.readTree("""
                [{"apiVersion": "v1", "kind": "Secret",
                  "metadata": {"name": "jupyter-s3-credentials", "namespace": "team-a"},
                  "stringData": {"AWS_ACCESS_KEY_ID": "minio", "AWS_SECRET_ACCESS_KEY": "s3cr3t"}, "type": "Opaque"},
                 {"apiVersion": "kubeflow.org/v1alpha1", "kind": "PodDefault",
                  "metadata": {"name": "access-mlflow", "namespace": "team-a"},
                  "spec": {"desc": "Allow access to MLflow and its S3 artifact store",
                           "selector": {"matchLabels": {"access-mlflow": "true"}},
                           "env": [{"name": "MLFLOW_TRACKING_URI", "value": "http://mlflow-server.kubeflow.svc.cluster.local:5000"},
                                   {"name": "MLFLOW_S3_ENDPOINT_URL", "value": "http://minio.store:9000"},
                                   {"name": "AWS_ACCESS_KEY_ID", "valueFrom": {"secretKeyRef":
                                      {"name": "jupyter-s3-credentials", "key": "AWS_ACCESS_KEY_ID"}}},
                                   {"name": "AWS_SECRET_ACCESS_KEY", "valueFrom": {"secretKeyRef":
                                      {"name": "jupyter-s3-credentials", "key": "AWS_SECRET_ACCESS_KEY"}}}]}},
                 {"apiVersion": "kubeflow.org/v1alpha1", "kind": "PodDefault",
                  "metadata": {"name": "access-ml-pipeline", "namespace": "team-a"},
                  "spec": {"desc": "Allow access to Kubeflow Pipelines",
                           "selector": {"matchLabels": {"access-ml-pipeline": "true"}},
                           "env": [{"name": "KF_PIPELINES_SA_TOKEN_PATH", "value": "/var/run/secrets/kubeflow/pipelines/token"},
                                   {"name": "KF_PIPELINES_ENDPOINT", "value": "http://kfp-api.kubeflow:8888"}],
                           "volumes": [{"name": "volume-kf-pipeline-token", "projected": {"sources": [{"serviceAccountToken":
                                          {"path": "token", "expirationSeconds": 7200, "audience": "pipelines.kubeflow.org"}}]}}],
                           "volumeMounts": [{"mountPath": "/var/run/secrets/kubeflow/pipelines",
                                             "name": "volume-kf-pipeline-token", "readOnly": true}]}}]
                """), json.readTree(Serialization.asJson(AccessObjects.desired("jupyter", "team-a", access))));
    }
}
