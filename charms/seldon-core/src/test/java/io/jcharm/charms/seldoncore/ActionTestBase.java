package io.jcharm.charms.seldoncore;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.jcharm.kubernetes.Manifest;
import io.jcharm.kubernetes.testing.MockCluster;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.State;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the actions' tests share: fabric8's mock API server (CRUD) with the CRD the leader
 * installed earlier, a unit of model {@value #NS} (actions run on any unit), and serve-model.
 *
 * <pre>{@code
 * State out = serve("iris", "gs://seldon-models/v1.17.1/sklearn/iris", "SKLEARN_SERVER", "replicas", 2);
 * }</pre>
 */
abstract class ActionTestBase {
    static final String NS = "kubeflow";

    @TempDir
    Path tmp;
    MockCluster cluster;
    // Actions close the client they open (SeldonCoreCharm.onAction); no hook runs here.
    final Context ctx = Context.of(() -> new SeldonCoreCharm(SeldonKubernetesTest.FAST));
    State state;

    @BeforeEach
    void start() {
        cluster = new MockCluster(tmp);
        cluster.admin.apiextensions().v1().customResourceDefinitions().resource(
                Manifest.load(OperatorObjects.class, "crd.yaml").single(CustomResourceDefinition.class)).create();
        state = State.empty().withModel(NS, "5f1c7e2a-0000-4000-8000-00000000000c").withEnvironment(cluster.env());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** Runs serve-model with these parameters and more as name, value pairs. */
    State serve(String name, String uri, String server, Object... more) {
        Map<String, Object> params = new LinkedHashMap<>(Map.of("name", name, "model-uri", uri, "server", server));
        for (int i = 0; i < more.length; i += 2) {
            params.put((String) more[i], more[i + 1]);
        }
        return ctx.run(Events.action("serve-model", params), state);
    }

    GenericKubernetesResource sdep(String name) {
        return cluster.admin.genericKubernetesResources(SeldonKubernetesTest.SELDON_DEPLOYMENTS).inNamespace(NS)
                .withName(name).get();
    }
}
