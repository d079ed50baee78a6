package io.jcharm.charms.mlflow;

import io.jcharm.kubernetes.PodDefault;
import io.jcharm.relations.ObjectStorage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Secrets and PodDefaults Charmed MLflow sends resource-dispatcher (on {@code secrets} and
 * {@code pod-defaults}), which copies them into every Kubeflow user namespace: the S3
 * credentials as {@code <app>-minio-artifact} and as Seldon's rclone configuration
 * {@code <app>-seldon-rclone-secret}; PodDefaults {@code <app>-access-minio} and
 * {@code <app>-minio} that give labelled pods the credentials, the S3 endpoint and the tracking URI.
 *
 * <pre>{@code
 * Manifests.secrets("mlflow-server", s3);                  // two Secrets, or none without object storage
 * Manifests.podDefaults("mlflow-server", s3, trackingUri);
 * }</pre>
 */
final class Manifests {
    private Manifests() {
    }

    static List<Map<String, Object>> secrets(String app, Optional<ObjectStorage> s3) {
        if (s3.isEmpty()) {
            return List.of();
        }
        ObjectStorage o = s3.get();
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("AWS_ACCESS_KEY_ID", o.accessKey());
        artifact.put("AWS_SECRET_ACCESS_KEY", o.secretKey());
        Map<String, Object> rclone = new LinkedHashMap<>();
        rclone.put("RCLONE_CONFIG_S3_TYPE", "s3");
        rclone.put("RCLONE_CONFIG_S3_PROVIDER", "minio");
        rclone.put("RCLONE_CONFIG_S3_ENV_AUTH", "false");
        rclone.put("RCLONE_CONFIG_S3_ACCESS_KEY_ID", o.accessKey());
        rclone.put("RCLONE_CONFIG_S3_SECRET_ACCESS_KEY", o.secretKey());
        rclone.put("RCLONE_CONFIG_S3_ENDPOINT", o.endpointUrl());
        return List.of(secret(app + "-minio-artifact", artifact), secret(app + "-seldon-rclone-secret", rclone));
    }

    static List<Map<String, Object>> podDefaults(String app, Optional<ObjectStorage> s3, String trackingUri) {
        if (s3.isEmpty()) {
            return List.of(new PodDefault(app + "-minio", "Allow access to MLFlow", "mlflow-server-minio",
                    List.of(PodDefault.env("MLFLOW_TRACKING_URI", trackingUri))).manifest());
        }
        String endpoint = s3.get().endpointUrl();
        return List.of(
                new PodDefault(app + "-access-minio", "Allow access to Minio", "access-minio", List.of(
                        PodDefault.fromRequiredSecret("AWS_ACCESS_KEY_ID", app + "-minio-artifact"),
                        PodDefault.fromRequiredSecret("AWS_SECRET_ACCESS_KEY", app + "-minio-artifact"),
                        PodDefault.env("MINIO_ENDPOINT_URL", endpoint))).manifest(),
                new PodDefault(app + "-minio", "Allow access to MLFlow", "mlflow-server-minio", List.of(
                        PodDefault.env("MLFLOW_S3_ENDPOINT_URL", endpoint),
                        PodDefault.env("MLFLOW_TRACKING_URI", trackingUri))).manifest());
    }

    private static Map<String, Object> secret(String name, Map<String, Object> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiVersion", "v1");
        m.put("kind", "Secret");
        m.put("metadata", Map.of("name", name));
        m.put("stringData", data);
        return m;
    }
}
