package io.jcharm.charms.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcharm.kubernetes.certs.WebhookCerts;
import io.jcharm.kubernetes.testing.MockClusterExtension;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
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
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * jupyter upgraded from each shipped revision's settled state (src/test/resources/revisions/):
 * the revision's cluster restored with a user's Notebook (made by the create-notebook action),
 * its workspace volume and a PodDefault; this build's upgrade-charm and config-changed must keep
 * them and the webhook certificates.
 */
@FaultMatrix(charm = "jupyter")
class JupyterUpgradeTest {
    private static final String NS = JupyterKubernetesTest.NS;

    @RegisterExtension
    final MockClusterExtension k8s = new MockClusterExtension();
    final Context ctx = Context.of(() -> new JupyterCharm(JupyterKubernetesTest.FAST));

    /** As bundles/full relates jupyter: mlflow (with its S3 secret), kfp-api, ingress and gateway-info from istio. */
    private static List<RelationState> relations(SecretState s3) {
        return List.of(
                RelationState.of("mlflow", "mlflow-server").withId(40).withRemoteAppData(Map.of("version", "1",
                        "tracking-uri", "http://mlflow-server.kubeflow.svc.cluster.local:5000", "artifact-root",
                        "s3://mlflow/", "s3-endpoint", "http://minio.kubeflow:9000", "s3-credentials-secret", s3.id())),
                RelationState.of("kfp-api", "kfp").withId(41).withRemoteAppData(Map.of("_supported_versions", "- v1\n",
                        "data", "service-name: kfp-api.kubeflow\nservice-port: '8888'\n")),
                RelationState.of("ingress", "istio").withId(42).withRemoteAppData(Map.of("_supported_versions", "- v1\n- v2\n")),
                RelationState.of("gateway-info", "istio").withId(43).withRemoteAppData(Map.of(
                        "gateway_name", "kubeflow-gateway", "gateway_namespace", NS, "gateway_up", "true")));
    }

    /** The deployment a revision settles, then the user's objects. */
    private State settle() {
        k8s.cluster().jujuService(NS, JupyterKubernetesTest.APP);
        SecretState s3 = SecretState.granted(Map.of("access-key", "minio", "secret-key", JupyterKubernetesTest.S3_SECRET));
        State s = State.empty().withLeader(true).withModel(NS, "5f1c7e2a-0000-4000-8000-00000000003a")
                .withEnvironment(k8s.cluster().env()).withSecret(s3).withContainers(List.of(
                        ContainerState.reachable(Layers.CONTROLLER), ContainerState.reachable(Layers.UI),
                        ContainerState.reachable(Layers.WEBHOOK)));
        s = Settle.deploy(ctx, s, relations(s3));
        State made = ctx.run(Events.action("create-notebook", Map.of("name", "scratch")), s);
        assertEquals("scratch", made.actionResults().get("name"), made.actionFailure().orElse(""));
        JupyterKubernetesTest.createUsersPodDefault(k8s.cluster());
        return Upgrade.carried(made);
    }

    /** The user's objects: the Notebook, its workspace volume and the PodDefault. */
    private static List<String> users(Map<String, String> objects) {
        List<String> keys = objects.keySet().stream().filter(k -> k.endsWith("/Notebook/" + NS + "/scratch")
                || k.endsWith("/PersistentVolumeClaim/" + NS + "/scratch-workspace")
                || k.endsWith("/PodDefault/" + NS + "/users-gpu-env")).toList();
        assertEquals(3, keys.size(), "the user's objects: " + keys);
        return keys;
    }

    @Test
    @EnabledIfSystemProperty(named = Revisions.CAPTURE, matches = ".+")
    void capture() {
        State settled = settle();
        assertEquals("active", settled.unitStatus().name(), settled.unitStatus().toString());
        Map<String, String> objects = k8s.cluster().objects();
        Revisions.capture("jupyter", "leader in model kubeflow; mlflow (granted S3 secret), kfp-api, ingress and gateway-info"
                + " related; webhook certificates generated; a Notebook made by create-notebook, its workspace, a user's"
                + " PodDefault", settled, objects, users(objects), Map.of());
    }

    @Test
    void upgradesFromEachShippedRevision(FaultRecorder faults) {
        for (Snapshot old : Revisions.previous("jupyter", Map.of())) {
            k8s.cluster().restore(old.cluster());
            Map<String, String> users = new TreeMap<>();
            old.userObjects().forEach(k -> users.put(k, k8s.cluster().objects().get(k)));
            Map<String, String> certs = old.state().secretByLabel(WebhookCerts.LABEL).orElseThrow().content();
            // The webhook's private key shows nowhere; the S3 key goes to the notebooks' Kubernetes Secret on
            // purpose, and nowhere else (certificates are public, the access key "minio" also names the host).
            Upgrade up = Upgrade.run(ctx, old, k8s.cluster().env(), k8s.cluster()::objects, List.of(certs.get("tls-key")),
                    () -> k8s.cluster().objects().values());
            up.assertNoSecretInLogsOrStatuses(List.of(JupyterKubernetesTest.S3_SECRET));
            assertEquals("active", up.settled().unitStatus().name(), up.settled().unitStatus().toString());
            FaultChecks.assertKept(users, k8s.cluster().objects());
            assertEquals(certs, up.settled().secretByLabel(WebhookCerts.LABEL).orElseThrow().content(),
                    "the webhook certificates were regenerated");
            faults.observed(FaultKind.UPGRADE, up.variant(), FaultChecks.outcome(up.settled())
                    + "; same webhook certificates; the user's Notebook, workspace and PodDefault kept");
        }
    }
}
