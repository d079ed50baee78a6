package io.jcharm.charms.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.jcharm.core.Status;
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

/**
 * istio upgraded from each shipped revision's settled state (src/test/resources/revisions/): the
 * cluster that revision applied is restored into the mock API server, then this build's
 * upgrade-charm and config-changed run over its unit state.
 */
@FaultMatrix(charm = "istio")
class IstioUpgradeTest extends IstioClusterTest {
    private static final String USERS_ROUTE = "networking.istio.io/v1/VirtualService/kubeflow/users-route";

    /** The ingress relations of the full bundle (mlflow-server, kfp, jupyter) and seldon-core's gateway-info. */
    private static List<RelationState> bundleRelations() {
        RelationState gw = RelationState.of("gateway-info", "seldon-core").withId(20);
        RelationState mlflow = ingress("mlflow-server", 21, "port: 5000\nprefix: /mlflow/\nrewrite: /\nservice: mlflow-server\n");
        RelationState kfp = ingress("kfp", 22, "port: 3000\nprefix: /pipeline\nrewrite: /pipeline\nservice: kfp\n");
        RelationState jupyter = ingress("jupyter", 23, "port: 5000\nprefix: /jupyter/\nrewrite: /\nservice: jupyter-ui\n");
        return List.of(gw, mlflow, kfp, jupyter);
    }

    private static RelationState ingress(String app, int id, String data) {
        return RelationState.of("ingress", app).withId(id).withRemoteAppData(Map.of("_supported_versions", "- v1\n", "data", data));
    }

    /** The deployment a revision settles: leader with TLS from a granted secret, the bundle's relations, a user's route. */
    private State settle() {
        GenericKubernetesResource vs = new GenericKubernetesResourceBuilder().withApiVersion("networking.istio.io/v1")
                .withKind("VirtualService").withNewMetadata().withName("users-route").withNamespace(NS).endMetadata()
                .addToAdditionalProperties("spec", Map.of("hosts", List.of("*"))).build();
        SecretState tls = SecretState.granted(Map.of("tls-crt", IstioCharmTest.CERT, "tls-key", IstioCharmTest.KEY));
        State s = Settle.deploy(ctx, base.withSecret(tls).withConfig(Map.of("tls-secret-id", tls.id())), bundleRelations());
        // The user's route, made once the CRDs exist.
        cluster.admin.genericKubernetesResources("networking.istio.io/v1", "VirtualService").inNamespace(NS).resource(vs).create();
        return s;
    }

    @Test
    @EnabledIfSystemProperty(named = Revisions.CAPTURE, matches = ".+")
    void capture() {
        State settled = settle();
        assertEquals(Status.active(), settled.unitStatus());
        Revisions.capture("istio", "leader in model kubeflow; tls-secret-id granted; ingress from mlflow-server, kfp and"
                + " jupyter, gateway-info to seldon-core; a user's VirtualService", settled, cluster.objects(),
                List.of(USERS_ROUTE), Map.of());
    }

    @Test
    void upgradesFromEachShippedRevision(FaultRecorder faults) {
        for (Snapshot old : Revisions.previous("istio", Map.of())) {
            cluster.restore(old.cluster());
            Map<String, String> users = Map.of(USERS_ROUTE, cluster.objects().get(USERS_ROUTE));
            Upgrade up = Upgrade.run(ctx, old, cluster.env(), cluster::objects, old.secretValues(),
                    () -> cluster.objects().values());
            assertEquals(Status.active(), up.settled().unitStatus());
            FaultChecks.assertKept(users, cluster.objects());
            up.assertRelationDataKept();
            faults.observed(FaultKind.UPGRADE, up.variant(), FaultChecks.outcome(up.settled())
                    + "; the user's VirtualService kept, the same data on every relation");
        }
    }
}
