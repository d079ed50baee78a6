package io.jcharm.charms.seldoncore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.jcharm.core.Status;
import io.jcharm.kubernetes.certs.WebhookCerts;
import io.jcharm.kubernetes.testing.MockClusterExtension;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import io.jcharm.testing.faults.FaultChecks;
import io.jcharm.testing.faults.FaultKind;
import io.jcharm.testing.faults.FaultMatrix;
import io.jcharm.testing.faults.FaultRecorder;
import io.jcharm.testing.revisions.Revisions;
import io.jcharm.testing.revisions.Settle;
import io.jcharm.testing.revisions.Snapshot;
import io.jcharm.testing.revisions.Upgrade;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * seldon-core upgraded from each shipped revision's settled state (src/test/resources/revisions/):
 * the revision's cluster restored, its unit state (webhook certificates secret, Pebble plan and
 * certificate files) under this build's upgrade-charm and config-changed.
 */
@FaultMatrix(charm = "seldon-core")
class SeldonCoreUpgradeTest {
    private static final String NS = SeldonKubernetesTest.NS;
    private static final String C = SeldonCoreCharm.CONTAINER;
    private static final String USER_SDEP = "machinelearning.seldon.io/v1/SeldonDeployment/kubeflow/users-model";

    @RegisterExtension
    final MockClusterExtension k8s = new MockClusterExtension();
    final Context ctx = Context.of(() -> new SeldonCoreCharm(SeldonKubernetesTest.FAST));

    /** The deployment a revision settles: leader, gateway-info from istio, mlflow related with its S3 secret, a user's model. */
    private State settle() {
        k8s.cluster().jujuService(NS, SeldonKubernetesTest.APP);
        RelationState gw = RelationState.of("gateway-info", "istio").withRemoteAppData(Map.of(
                "gateway_name", "kubeflow-gateway", "gateway_namespace", NS, "gateway_up", "true"));
        SecretState s3 = SecretState.granted(Map.of("access-key", "minio", "secret-key", "minio-s3cr3t-9"));
        RelationState mlflow = RelationState.of("mlflow", "mlflow-server").withRemoteAppData(Map.of("version", "1",
                "tracking-uri", "http://mlflow-server.kubeflow.svc.cluster.local:5000", "artifact-root", "s3://mlflow/",
                "s3-endpoint", "http://minio.kubeflow.svc.cluster.local:9000", "s3-credentials-secret", s3.id()));
        State s = Settle.deploy(ctx, State.empty().withLeader(true).withModel(NS, "5f1c7e2a-0000-4000-8000-00000000000d")
                .withEnvironment(k8s.cluster().env()).withContainer(ContainerState.reachable(C)).withSecret(s3), List.of(gw, mlflow));
        GenericKubernetesResource sdep = new GenericKubernetesResourceBuilder().withApiVersion("machinelearning.seldon.io/v1")
                .withKind("SeldonDeployment").withNewMetadata().withName("users-model").withNamespace(NS).endMetadata()
                .addToAdditionalProperties("spec", Map.of("predictors", List.of(Map.of("name", "default")))).build();
        k8s.cluster().admin.genericKubernetesResources(SeldonKubernetesTest.SELDON_DEPLOYMENTS).inNamespace(NS).resource(sdep).create();
        return s;
    }

    @Test
    @EnabledIfSystemProperty(named = Revisions.CAPTURE, matches = ".+")
    void capture() {
        State settled = settle();
        assertEquals(Status.active(), settled.unitStatus());
        Revisions.capture("seldon-core", "leader in model kubeflow; gateway-info from istio; mlflow from mlflow-server with"
                + " a granted S3 secret; webhook certificates generated; a user's SeldonDeployment", settled,
                k8s.cluster().objects(), List.of(USER_SDEP), Map.of());
    }

    @Test
    void upgradesFromEachShippedRevision(FaultRecorder faults) {
        for (Snapshot old : Revisions.previous("seldon-core", Map.of())) {
            k8s.cluster().restore(old.cluster());
            Map<String, String> users = Map.of(USER_SDEP, k8s.cluster().objects().get(USER_SDEP));
            Map<String, String> certs = old.state().secretByLabel(WebhookCerts.LABEL).orElseThrow().content();
            Upgrade up = Upgrade.run(ctx, old, k8s.cluster().env(), k8s.cluster()::objects, old.secretValues(),
                    () -> k8s.cluster().objects().values());
            assertEquals(Status.active(), up.settled().unitStatus());
            FaultChecks.assertKept(users, k8s.cluster().objects());
            assertEquals(certs, up.settled().secretByLabel(WebhookCerts.LABEL).orElseThrow().content(),
                    "the webhook certificates were regenerated");
            assertEquals(old.state().container(C).files(), up.settled().container(C).files(), "the certificate files changed");
            faults.observed(FaultKind.UPGRADE, up.variant(), FaultChecks.outcome(up.settled())
                    + "; same webhook certificates, the user's SeldonDeployment kept");
        }
    }
}
