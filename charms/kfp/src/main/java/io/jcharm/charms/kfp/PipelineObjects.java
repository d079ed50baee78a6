package io.jcharm.charms.kfp;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.jcharm.relations.ObjectStorage;
import io.jcharm.relations.TrackingEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The namespace's Kubernetes objects (kubeflow/pipelines 2.5.0 manifests/kustomize and Argo
 * v3.5.14's namespace install, reduced to what a single-user install in one pod needs): the runner
 * service account and its Role, the Services upstream clients find by name ({@code ml-pipeline},
 * {@code metadata-grpc-service}, {@code metadata-envoy-service}, {@code minio-service}), the
 * artifact Secret, Argo's config map with the artifact repository, and, with MLflow related, the
 * Secret pipeline steps read the tracking URI and S3 credentials from.
 *
 * <pre>{@code
 * List<HasMetadata> objects = PipelineObjects.of(new PipelineObjects.Wanted(app, ns, cfg, s3, tracking));
 * }</pre>
 */
final class PipelineObjects {
    static final String ML_PIPELINE = "ml-pipeline";
    static final String MLMD_SERVICE = "metadata-grpc-service";
    static final String ENVOY_SERVICE = "metadata-envoy-service";
    static final String MINIO_SERVICE = "minio-service";
    static final String ARTIFACT_SECRET = "mlpipeline-minio-artifact";
    static final String MLFLOW_SECRET = "mlpipeline-mlflow";
    /** The label Juju puts on the application's pods. */
    static final String POD_LABEL = "app.kubernetes.io/name";

    /** What the objects are built from. */
    record Wanted(String app, String namespace, KfpConfig config, ObjectStorage s3, Optional<TrackingEndpoint> tracking) {
    }

    private PipelineObjects() {
    }

    static List<HasMetadata> of(Wanted w) {
        List<HasMetadata> out = new ArrayList<>();
        KfpConfig cfg = w.config();
        String runner = cfg.runnerSa();
        out.add(new ServiceAccountBuilder().withNewMetadata().withName(runner).endMetadata().build());
        out.add(new RoleBuilder().withNewMetadata().withName(runner).endMetadata().withRules(runnerRules()).build());
        out.add(new RoleBindingBuilder().withNewMetadata().withName(runner).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(runner).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(runner).withNamespace(w.namespace()).endSubject().build());
        out.add(artifactSecret(w.s3()));
        if (cfg.managedArgo()) {
            out.add(new ConfigMapBuilder().withNewMetadata().withName(Workloads.ARGO_CONFIGMAP).endMetadata()
                    .withData(argoConfig(cfg, w.s3(), w.namespace())).build());
        }
        w.tracking().ifPresent(t -> out.add(mlflowSecret(t)));
        out.add(service(ML_PIPELINE, w.app(), port("http", cfg.httpPortNumber()), port("grpc", cfg.grpcPortNumber())));
        out.add(service(MLMD_SERVICE, w.app(), port("grpc-api", Workloads.MLMD_PORT)));
        out.add(service(ENVOY_SERVICE, w.app(), port("md-envoy", Workloads.ENVOY_PORT)));
        // The v2 launcher's minio:// pipeline root resolves minio-service in the run's namespace.
        out.add(new ServiceBuilder().withNewMetadata().withName(MINIO_SERVICE).endMetadata().withNewSpec()
                .withType("ExternalName").withExternalName(w.s3().service() + "." + w.s3().namespace().orElse(w.namespace())
                        + ".svc.cluster.local")
                .withPorts(port("http", w.s3().port())).endSpec().build());
        return out;
    }

    /** Argo's artifact repository (key {@code artifactRepository}, a YAML document) and executor settings. */
    static Map<String, String> argoConfig(KfpConfig cfg, ObjectStorage s3, String namespace) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("artifactRepository", "archiveLogs: true\ns3:\n"
                + "  endpoint: \"" + Workloads.s3Host(s3) + ":" + s3.port() + "\"\n"
                + "  bucket: \"" + cfg.bucket() + "\"\n"
                + "  keyFormat: \"" + cfg.keyFormat().replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n"
                + "  insecure: " + !s3.secure() + "\n"
                + "  accessKeySecret:\n    name: " + ARTIFACT_SECRET + "\n    key: accesskey\n"
                + "  secretKeySecret:\n    name: " + ARTIFACT_SECRET + "\n    key: secretkey\n");
        data.put("executor", "imagePullPolicy: IfNotPresent\n");
        return data;
    }

    private static HasMetadata artifactSecret(ObjectStorage s3) {
        return new SecretBuilder().withNewMetadata().withName(ARTIFACT_SECRET).endMetadata()
                .withStringData(Map.of("accesskey", s3.accessKey(), "secretkey", s3.secretKey())).build();
    }

    /** What a pipeline step needs to log to MLflow, for {@code kubernetes.use_secret_as_env}. */
    private static HasMetadata mlflowSecret(TrackingEndpoint t) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("MLFLOW_TRACKING_URI", t.trackingUri());
        t.s3Endpoint().filter(e -> !e.isEmpty()).ifPresent(e -> data.put("MLFLOW_S3_ENDPOINT_URL", e));
        t.s3().ifPresent(c -> {
            data.put("AWS_ACCESS_KEY_ID", c.accessKey());
            data.put("AWS_SECRET_ACCESS_KEY", c.secretKey());
        });
        return new SecretBuilder().withNewMetadata().withName(MLFLOW_SECRET).endMetadata().withStringData(data).build();
    }

    private static HasMetadata service(String name, String app, ServicePort... ports) {
        return new ServiceBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withType("ClusterIP")
                .withSelector(Map.of(POD_LABEL, app)).withPorts(ports).endSpec().build();
    }

    private static ServicePort port(String name, int port) {
        return new ServicePortBuilder().withName(name).withPort(port).withTargetPort(new IntOrString(port))
                .withProtocol("TCP").build();
    }

    /**
     * Upstream's pipeline-runner Role (2.5.0 manifests/kustomize/base/pipeline/pipeline-runner-role.yaml),
     * plus what Argo's emissary executor writes for the pods it runs (workflowtaskresults).
     */
    private static List<PolicyRule> runnerRules() {
        return List.of(
                rule(List.of(""), List.of("secrets"), List.of("get")),
                rule(List.of(""), List.of("configmaps"), List.of("get", "watch", "list")),
                rule(List.of(""), List.of("persistentvolumes", "persistentvolumeclaims"), List.of("*")),
                rule(List.of("snapshot.storage.k8s.io"), List.of("volumesnapshots"), List.of("create", "delete", "get")),
                rule(List.of("argoproj.io"), List.of("workflows"), List.of("get", "list", "watch", "update", "patch")),
                rule(List.of("argoproj.io"), List.of("workflowtaskresults"), List.of("create", "patch")),
                rule(List.of(""), List.of("pods", "pods/exec", "pods/log", "services"), List.of("*")),
                rule(List.of("", "apps", "extensions"), List.of("deployments", "replicasets"), List.of("*")),
                rule(List.of("kubeflow.org"), List.of("*"), List.of("*")),
                rule(List.of("batch"), List.of("jobs"), List.of("*")),
                rule(List.of("machinelearning.seldon.io"), List.of("seldondeployments"), List.of("*")));
    }

    private static PolicyRule rule(List<String> groups, List<String> resources, List<String> verbs) {
        return new PolicyRuleBuilder().withApiGroups(groups).withResources(resources).withVerbs(verbs).build();
    }
}
