package io.jcharm.charms.kfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.jcharm.core.Status;
import io.jcharm.s3.Buckets;
import io.jcharm.s3.S3Endpoint;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The charm against fabric8's mock API server and a real S3 server: what it applies, creates, prunes and removes. */
class KfpKubernetesTest extends KfpTestBase {
    static final String NS = KfpFixture.NS;
    static final Set<String> ARGO_CRDS = Set.of("workflows.argoproj.io", "workflowtemplates.argoproj.io",
            "cronworkflows.argoproj.io", "clusterworkflowtemplates.argoproj.io", "workfloweventbindings.argoproj.io",
            "workflowtasksets.argoproj.io", "workflowtaskresults.argoproj.io", "workflowartifactgctasks.argoproj.io");

    private Set<String> crdNames() {
        return f.cluster.admin.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
                .map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
    }

    private Service service(String name) {
        return f.cluster.admin.services().inNamespace(NS).withName(name).get();
    }

    private String secretValue(String secret, String key) {
        Secret s = f.cluster.admin.secrets().inNamespace(NS).withName(secret).get();
        String plain = s.getStringData() == null ? null : s.getStringData().get(key);
        return plain != null ? plain : new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
    }

    @Test
    void appliesCrdsRunnerRbacServicesAndArgosArtifactRepository() {
        State out = f.ctx.run(Events.configChanged(), f.related());
        assertEquals(Status.active(), out.unitStatus());

        Set<String> crds = crdNames();
        assertTrue(crds.contains("scheduledworkflows.kubeflow.org") && crds.containsAll(ARGO_CRDS), crds.toString());
        assertFalse(crds.contains("viewers.kubeflow.org"), "no viewer controller runs, so no Viewer CRD");

        Service mlPipeline = service("ml-pipeline");
        assertEquals(Map.of("app.kubernetes.io/name", "kfp"), mlPipeline.getSpec().getSelector());
        assertEquals(Map.of("http", 8888, "grpc", 8887), mlPipeline.getSpec().getPorts().stream()
                .collect(Collectors.toMap(ServicePort::getName, ServicePort::getPort)));
        assertEquals(8080, service("metadata-grpc-service").getSpec().getPorts().get(0).getPort());
        assertEquals(9090, service("metadata-envoy-service").getSpec().getPorts().get(0).getPort());
        Service minio = service("minio-service");
        assertEquals("ExternalName", minio.getSpec().getType());
        assertEquals("localhost." + NS + ".svc.cluster.local", minio.getSpec().getExternalName());
        assertEquals(Set.of("http:8888", "grpc:8887", "ui:3000"), service("kfp").getSpec().getPorts().stream()
                .map(p -> p.getName() + ":" + p.getPort()).collect(Collectors.toSet()));

        assertNotNull(f.cluster.admin.serviceAccounts().inNamespace(NS).withName("pipeline-runner").get());
        Role role = f.cluster.admin.rbac().roles().inNamespace(NS).withName("pipeline-runner").get();
        assertTrue(role.getRules().stream().anyMatch(r -> r.getResources().contains("workflowtaskresults")
                && r.getVerbs().contains("create")), role.getRules().toString());
        RoleBinding binding = f.cluster.admin.rbac().roleBindings().inNamespace(NS).withName("pipeline-runner").get();
        assertEquals("pipeline-runner", binding.getSubjects().get(0).getName());
        assertTrue(f.cluster.admin.rbac().clusterRoles().withLabel("app.juju.is/created-by", "kfp").list().getItems().isEmpty(),
                "every role is scoped to the namespace");

        assertEquals("minio", secretValue("mlpipeline-minio-artifact", "accesskey"));
        assertEquals(KfpFixture.S3_KEY, secretValue("mlpipeline-minio-artifact", "secretkey"));
        ConfigMap argo = f.cluster.admin.configMaps().inNamespace(NS).withName("workflow-controller-configmap").get();
        assertEquals("archiveLogs: true\ns3:\n  endpoint: \"localhost:" + s3.port() + "\"\n  bucket: \"mlpipeline\"\n"
                + "  keyFormat: \"artifacts/{{workflow.name}}/{{workflow.creationTimestamp.Y}}/{{workflow.creationTimestamp.m}}"
                + "/{{workflow.creationTimestamp.d}}/{{pod.name}}\"\n  insecure: true\n"
                + "  accessKeySecret:\n    name: mlpipeline-minio-artifact\n    key: accesskey\n"
                + "  secretKeySecret:\n    name: mlpipeline-minio-artifact\n    key: secretkey\n",
                argo.getData().get("artifactRepository"));
        assertEquals("kfp", argo.getMetadata().getLabels().get("app.juju.is/created-by"));
    }

    @Test
    void theBucketsAreCreatedOnTheObjectStorageWhenMissing() {
        State out = f.ctx.run(Events.configChanged(), f.related().withConfig(Map.of("bucket", "argo-artifacts")));
        assertEquals(Status.active(), out.unitStatus());
        try (Buckets b = Buckets.connect(new S3Endpoint("http://localhost:" + s3.port(), "minio", KfpFixture.S3_KEY,
                Optional.empty()))) {
            assertTrue(b.exists("mlpipeline") && b.exists("argo-artifacts"), b.list().toString());
        } catch (io.jcharm.s3.S3Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void wrongS3CredentialsBlockSayingSo() {
        RelationState wrong = RelationState.of("object-storage", "minio").withRemoteAppData(Map.of("_supported_versions",
                "- v1\n", "data", "access-key: minio\nport: " + s3.port() + "\nsecret-key: not-the-key\nsecure: false\nservice: localhost\n"));
        State out = f.ctx.run(Events.relationChanged(wrong), f.leader.withRelation(f.mysql).withSecret(f.dbUser).withRelation(wrong));
        assertEquals("blocked", out.unitStatus().name());
        assertTrue(out.unitStatus().message().startsWith("[buckets] ")
                && out.unitStatus().message().endsWith("; check the object-storage credentials"), out.unitStatus().message());
    }

    @Test
    void mlflowGivesPipelineStepsATrackingSecretThatGoesWithTheRelation() {
        SecretState creds = SecretState.granted(Map.of("access-key", "minio", "secret-key", "mlflow-s3-key"));
        RelationState mlflow = RelationState.of("mlflow", "mlflow-server").withRemoteAppData(Map.of("version", "1",
                "tracking-uri", "http://mlflow-server.pipelines.svc.cluster.local:5000", "artifact-root", "s3://mlflow/",
                "s3-endpoint", "http://minio.pipelines:9000", "s3-credentials-secret", creds.id()));
        State out = f.ctx.run(Events.relationChanged(mlflow), f.related().withRelation(mlflow).withSecret(creds));
        assertEquals(Status.active(), out.unitStatus());
        assertEquals("http://mlflow-server.pipelines.svc.cluster.local:5000", secretValue("mlpipeline-mlflow", "MLFLOW_TRACKING_URI"));
        assertEquals("http://minio.pipelines:9000", secretValue("mlpipeline-mlflow", "MLFLOW_S3_ENDPOINT_URL"));
        assertEquals("minio", secretValue("mlpipeline-mlflow", "AWS_ACCESS_KEY_ID"));
        assertEquals("mlflow-s3-key", secretValue("mlpipeline-mlflow", "AWS_SECRET_ACCESS_KEY"));

        State gone = f.ctx.run(Events.relationBroken(mlflow), KfpFixture.carried(out).withoutRelation(mlflow.id()));
        assertEquals(Status.active(), gone.unitStatus());
        assertNull(f.cluster.admin.secrets().inNamespace(NS).withName("mlpipeline-mlflow").get(), "pruned with the relation");
    }

    @Test
    void argoExternalRunsNoControllerAndAppliesNoArgoObjects() {
        State out = f.ctx.run(Events.install(), f.related().withConfig(Map.of("argo", "external")));
        assertEquals(Status.active(), out.unitStatus());
        assertTrue(crdNames().contains("scheduledworkflows.kubeflow.org"));
        assertTrue(crdNames().stream().noneMatch(ARGO_CRDS::contains), crdNames().toString());
        assertNull(f.cluster.admin.configMaps().inNamespace(NS).withName("workflow-controller-configmap").get());
        assertEquals(io.jcharm.pebble.layer.Startup.DISABLED, KfpFixture.service(out, Workloads.ARGO).startup());

        State changed = f.ctx.run(Events.configChanged(), KfpFixture.carried(out).withConfig(Map.of("argo", "managed")));
        assertEquals(Status.blocked("[argo] argo was external when the charm was deployed and cannot change (it decides"
                + " who owns Argo's CRDs and the workflows in them): set argo=external again, or deploy a new application"
                + " to change it"), changed.unitStatus());
        assertTrue(crdNames().stream().noneMatch(ARGO_CRDS::contains), "nothing was taken over");
    }

    @Test
    void removeDeletesWhatTheCharmCreatedButKeepsTheCrdsUnlessPurged() {
        State out = f.ctx.run(Events.configChanged(), f.related());
        State removed = f.ctx.run(Events.remove(), KfpFixture.carried(out).withPlannedUnits(0));
        assertNull(service("ml-pipeline"));
        assertNull(f.cluster.admin.configMaps().inNamespace(NS).withName("workflow-controller-configmap").get());
        assertNull(f.cluster.admin.serviceAccounts().inNamespace(NS).withName("pipeline-runner").get());
        assertTrue(crdNames().containsAll(ARGO_CRDS) && crdNames().contains("scheduledworkflows.kubeflow.org"),
                "users' workflows and recurring runs stay");
        assertEquals("maintenance", removed.unitStatus().name());
        assertNull(f.cluster.admin.configMaps().inNamespace(NS).withName("jcharm-kfp-crds").get(),
                "the kept CRDs' inventory goes with the application");

        // Deployed again (the CRDs are adopted), then removed with purge-on-remove.
        State again = f.ctx.run(Events.configChanged(), f.related());
        State purged = f.ctx.run(Events.remove(), KfpFixture.carried(again).withPlannedUnits(0)
                .withConfig(Map.of("purge-on-remove", true)));
        assertEquals("maintenance", purged.unitStatus().name());
        assertTrue(crdNames().isEmpty(), crdNames().toString());
    }

    @Test
    void aScaleDownRemovesNothing() {
        State out = f.ctx.run(Events.configChanged(), f.related());
        f.ctx.run(Events.remove(), KfpFixture.carried(out).withPlannedUnits(1));
        assertNotNull(service("ml-pipeline"));
    }

    @Test
    void withoutTrustTheTokenRequestIsRefusedAndTheControllersDoNotStart() throws java.io.IOException {
        try (KfpFixture untrusted = new KfpFixture(java.nio.file.Files.createDirectories(tmp.resolve("untrusted")), s3, 403)) {
            State out = untrusted.ctx.run(Events.configChanged(), untrusted.related());
            assertEquals(Status.blocked("[sa-tokens] Kubernetes refused a token for service account kfp (HTTP 403):"
                    + " juju trust kfp --scope=cluster"), out.unitStatus());
            assertTrue(out.container(Workloads.PERSISTENCE_AGENT).planOrFail().services().isEmpty());
            assertTrue(KfpFixture.service(out, Workloads.API_SERVER).command().startsWith("/bin/apiserver"));
        }
    }

    @Test
    void anApiServerWithoutTokenRequestsBlocksSayingWhatItAnswered() throws java.io.IOException {
        try (KfpFixture other = new KfpFixture(java.nio.file.Files.createDirectories(tmp.resolve("other")), s3, 422)) {
            State out = other.ctx.run(Events.configChanged(), other.related());
            assertEquals(Status.blocked("[sa-tokens] Kubernetes refused a token for service account kfp (HTTP 422:"
                    + " TokenRequest is invalid); the persistence agent and the scheduled-workflow controller need one"),
                    out.unitStatus());
        }
    }
}
