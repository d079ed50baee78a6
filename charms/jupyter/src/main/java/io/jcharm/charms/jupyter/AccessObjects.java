package io.jcharm.charms.jupyter;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.jcharm.kubernetes.PodDefault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-notebook configuration, as PodDefaults in the notebooks' namespace that the webhook
 * applies to every notebook pod carrying their label (the spawner and create-notebook set the
 * labels of default-poddefaults): {@value #MLFLOW} gives MLFLOW_TRACKING_URI,
 * MLFLOW_S3_ENDPOINT_URL and the S3 credentials, read from the Secret {@code <app>-s3-credentials}
 * (never as literal values); {@value #PIPELINES} gives the pipelines endpoint and a projected
 * service-account token for it (KFP's PodDefault of the same name: audience
 * pipelines.kubeflow.org, mounted at /var/run/secrets/kubeflow/pipelines, from kubeflow/pipelines
 * backend/src/apiserver and the profile controller's sync.py at 2.x).
 *
 * <pre>{@code
 * List<HasMetadata> objs = AccessObjects.desired("jupyter", "kubeflow", access);
 * }</pre>
 */
final class AccessObjects {
    static final String MLFLOW = "access-mlflow";
    static final String PIPELINES = "access-ml-pipeline";
    static final String TOKEN_DIR = "/var/run/secrets/kubeflow/pipelines";
    static final String TOKEN_AUDIENCE = "pipelines.kubeflow.org";
    static final String ACCESS_KEY = "AWS_ACCESS_KEY_ID";
    static final String SECRET_KEY = "AWS_SECRET_ACCESS_KEY";

    private AccessObjects() {
    }

    /** The Secret holding the S3 credentials notebooks read. */
    static String secretName(String app) {
        return app + "-s3-credentials";
    }

    static List<HasMetadata> desired(String app, String notebooks, NotebookAccess access) {
        List<HasMetadata> out = new ArrayList<>();
        List<Map<String, Object>> env = new ArrayList<>();
        access.tracking().ifPresent(t -> env.add(PodDefault.env("MLFLOW_TRACKING_URI", t.trackingUri())));
        access.s3().ifPresent(s3 -> {
            Map<String, String> data = new LinkedHashMap<>();
            data.put(ACCESS_KEY, s3.accessKey());
            data.put(SECRET_KEY, s3.secretKey());
            Secret secret = new SecretBuilder().withMetadata(new ObjectMetaBuilder().withName(secretName(app))
                    .withNamespace(notebooks).build()).withType("Opaque").withStringData(data).build();
            out.add(secret);
            env.add(PodDefault.env("MLFLOW_S3_ENDPOINT_URL", s3.endpoint()));
            env.add(PodDefault.fromSecret(ACCESS_KEY, secretName(app)));
            env.add(PodDefault.fromSecret(SECRET_KEY, secretName(app)));
        });
        // The web app offers a PodDefault by the first key of its matchLabels: each is selected by its own name.
        if (!env.isEmpty()) {
            out.add(new PodDefault(MLFLOW, "Allow access to MLflow and its S3 artifact store", MLFLOW, env).resource(notebooks));
        }
        access.pipelines().ifPresent(kfp -> out.add(new PodDefault(PIPELINES, "Allow access to Kubeflow Pipelines", PIPELINES,
                List.of(PodDefault.env("KF_PIPELINES_SA_TOKEN_PATH", TOKEN_DIR + "/token"),
                        PodDefault.env("KF_PIPELINES_ENDPOINT", "http://" + kfp.serviceName() + ":" + kfp.servicePort())),
                List.of(Map.of("name", "volume-kf-pipeline-token", "projected", Map.of("sources", List.of(Map.of(
                        "serviceAccountToken", Map.of("path", "token", "expirationSeconds", 7200,
                                "audience", TOKEN_AUDIENCE)))))),
                List.of(Map.of("mountPath", TOKEN_DIR, "name", "volume-kf-pipeline-token", "readOnly", true)))
                .resource(notebooks)));
        return out;
    }
}
