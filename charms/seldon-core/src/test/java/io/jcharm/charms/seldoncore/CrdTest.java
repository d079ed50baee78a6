package io.jcharm.charms.seldoncore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.jcharm.core.Status;
import io.jcharm.kubernetes.Manifest;
import io.jcharm.kubernetes.testing.MockCluster;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.State;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SeldonDeployment CRD as upstream Seldon Core 1.17.1 serves it (helm-charts/seldon-core-operator,
 * customresourcedefinition_v1_seldondeployments...yaml): v1 stored, v1alpha2 and v1alpha3
 * served, the scale subresource, a structural schema requiring spec.predictors; and replacing
 * an older CRD whose status.storedVersions the API server holds it to.
 */
class CrdTest {
    static final String CRD = "seldondeployments.machinelearning.seldon.io";

    @TempDir
    Path tmp;
    MockCluster cluster;
    final Context ctx = Context.of(() -> new SeldonCoreCharm(SeldonKubernetesTest.FAST));
    State leader;

    @BeforeEach
    void start() {
        cluster = new MockCluster(tmp);
        cluster.jujuService("kubeflow", "seldon-core");
        leader = State.empty().withLeader(true).withModel("kubeflow", "5f1c7e2a-0000-4000-8000-0000000000f1")
                .withEnvironment(cluster.env()).withContainer(ContainerState.reachable(SeldonCoreCharm.CONTAINER));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    CustomResourceDefinition crd() {
        return cluster.admin.apiextensions().v1().customResourceDefinitions().withName(CRD).get();
    }

    /** As the API server does, create ignores status: it is written through the status subresource. */
    void createWithStatus(CustomResourceDefinition crd) {
        CustomResourceDefinition made = cluster.admin.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        made.setStatus(crd.getStatus());
        cluster.admin.apiextensions().v1().customResourceDefinitions().resource(made).updateStatus();
    }

    @Test
    void servesUpstreamsVersionsWithTheScaleSubresourceAndAStructuralSchema() {
        assertEquals(Status.active(), ctx.run(Events.install(), leader).unitStatus());
        List<CustomResourceDefinitionVersion> versions = crd().getSpec().getVersions();
        assertEquals(List.of("v1:served:stored", "v1alpha2:served", "v1alpha3:served"), versions.stream()
                .map(v -> v.getName() + (v.getServed() ? ":served" : "") + (v.getStorage() ? ":stored" : "")).toList());
        for (CustomResourceDefinitionVersion v : versions) {
            assertEquals(".spec.replicas", v.getSubresources().getScale().getSpecReplicasPath(), v.getName());
            assertEquals(".status.replicas", v.getSubresources().getScale().getStatusReplicasPath(), v.getName());
            JSONSchemaProps spec = v.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
            assertEquals(List.of("predictors"), spec.getRequired(), v.getName());
            JSONSchemaProps predictor = spec.getProperties().get("predictors").getItems().getSchema();
            assertEquals(List.of("graph", "name"), predictor.getRequired(), v.getName());
            assertEquals("integer", spec.getProperties().get("replicas").getType(), "the scale path is typed");
        }
    }

    @Test
    void anOlderCrdsStoredVersionsAreKeptOrTheReplacementRefused() {
        // An older install stored objects as v1alpha2 then v1 (status.storedVersions keeps both).
        CustomResourceDefinition old = new CustomResourceDefinitionBuilder(
                Manifest.load(OperatorObjects.class, "crd.yaml").single(CustomResourceDefinition.class))
                .withNewStatus().withStoredVersions("v1alpha2", "v1")
                .addNewCondition().withType("Established").withStatus("True").endCondition().endStatus().build();
        createWithStatus(old);
        assertEquals(Status.active(), ctx.run(Events.install(), leader).unitStatus());
        List<String> listed = crd().getSpec().getVersions().stream().map(CustomResourceDefinitionVersion::getName).toList();
        assertEquals(List.of(), List.of("v1alpha2", "v1").stream().filter(v -> !listed.contains(v)).toList(),
                "every stored version is still listed, as the API server requires");

        cluster.admin.apiextensions().v1().customResourceDefinitions().withName(CRD).delete();
        cluster.admin.admissionRegistration().v1().validatingWebhookConfigurations().delete();
        CustomResourceDefinition alien = new CustomResourceDefinitionBuilder(old).editStatus()
                .withStoredVersions("v1beta9", "v1").endStatus().build();
        alien.getMetadata().setResourceVersion(null);
        createWithStatus(alien);
        State refused = ctx.run(Events.configChanged(), leader);
        assertEquals(Status.blocked("[crd-versions] CRD seldondeployments.machinelearning.seldon.io has SeldonDeployments"
                + " stored as v1beta9 (status.storedVersions), which Seldon Core 1.17 does not serve; rewrite them in v1"
                + " and drop those versions from status.storedVersions before this charm replaces the CRD"),
                refused.unitStatus());
        assertEquals(List.of("v1"), crd().getSpec().getVersions().stream().map(CustomResourceDefinitionVersion::getName)
                .toList(), "left as it was");
    }
}
