package io.jcharm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.bundle.BundleChecker;
import io.jcharm.bundle.BundleData;
import io.jcharm.bundle.BundleRenderer;
import io.jcharm.bundle.BundleSelector;
import io.jcharm.bundle.BundleWriter;
import io.jcharm.bundle.CharmCatalog;
import io.jcharm.bundle.CheckResult;
import io.jcharm.local.ActionResult;
import io.jcharm.local.Fault;
import io.jcharm.local.LocalModel;
import io.jcharm.local.ModelStatus;
import io.jcharm.local.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The edge bundle's charms on the local model, part by part: the machine part (MicroK8s in the
 * machine sandbox) as bundles/edge/machine.yaml says, and Istio selected from bundles/edge with
 * its Kubernetes objects in the embedded API. The whole edge bundle (with Seldon Core, related to
 * Istio over gateway-info) is the edge issue's to rehearse once its charms pack.
 */
class EdgePartsTest {
    @TempDir
    Path tmp;

    @Test
    void theMachinePartSettlesInTheSandboxAndGivesItsKubeconfig() throws Exception {
        Path dir = tmp.resolve("machine");
        try (LocalModel model = LocalModel.open(dir, Rehearsals.options())) {
            Rehearsals.assertSettled(model.deploy(Rehearsals.repo().resolve("bundles/edge/machine.yaml"), List.of(), Progress.NONE), dir);
            ModelStatus.UnitStatus u = model.status().unit("microk8s/0").orElseThrow();
            assertEquals("active", u.workload(), u.message());
            ActionResult kubeconfig = model.runAction("microk8s/0", "kubeconfig", Map.of(), Progress.NONE);
            assertEquals("completed", kubeconfig.status(), kubeconfig.message());
            assertTrue(String.valueOf(kubeconfig.results().get("kubeconfig")).contains("server:"), kubeconfig.results().toString());
            model.config("microk8s", Map.of("addons", "ingress"), List.of());
            Rehearsals.assertSettled(model.settle(Progress.NONE), dir);
        }
        List<String> calls = Files.readAllLines(dir.resolve("units/microk8s-0/sandbox/calls.log"));
        assertTrue(calls.contains("snap install microk8s --classic --channel 1.32/stable"), calls.toString());
        assertTrue(calls.contains("microk8s enable ingress"), "the config change reached the (simulated) machine: " + calls);
    }

    @Test
    void istioFromTheEdgeBundleAppliesItsObjectsSurvivesChangesAndTakesThemAwayWhenRemoved() throws Exception {
        Path edge = Rehearsals.repo().resolve("bundles/edge");
        CheckResult checked = new BundleChecker(Optional.of(new CharmCatalog(CharmCatalog.findCharmhubDir(edge))))
                .check(edge, List.of(), Optional.empty());
        assertTrue(checked.ok(), checked.errors().toString());
        BundleData istioOnly = BundleSelector.select(checked.bundle().orElseThrow(), Set.of("istio")).bundle();
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        BundleRenderer.Rendered rendered = BundleRenderer.render(istioOnly, checked.charms(), edge, ws);
        Files.writeString(ws.resolve("bundle.yaml"), BundleWriter.write(rendered.bundle()));
        Path dir = tmp.resolve("istio");
        try (LocalModel model = LocalModel.open(dir, Rehearsals.options())) {
            Rehearsals.assertSettled(model.deploy(ws, List.of(), Progress.NONE), dir);
            assertEquals("active", model.status().unit("istio/0").orElseThrow().workload());
            assertFalse(ownedBy(model.kubernetesObjects(), "istio").isEmpty(), "istio applied its objects");

            model.config("istio", Map.of("gateway-service-type", "NodePort"), List.of());
            Rehearsals.assertSettled(model.settle(Progress.NONE), dir);

            Map<String, String> stateBefore = model.status().unit("istio/0").orElseThrow().state();
            model.refresh("istio", Files.copy(Rehearsals.packed("istio"), tmp.resolve("istio-next.charm")));
            Rehearsals.assertSettled(model.settle(Progress.NONE), dir);
            assertEquals(stateBefore, model.status().unit("istio/0").orElseThrow().state(), "unit state kept across refresh");

            model.injectFault(new Fault("istio/0", "status-set", List.of(), 1));
            model.updateStatus();
            assertEquals(List.of("istio/0"), model.settle(Progress.NONE).inError());
            assertEquals("hook failed: \"update-status\"", model.status().unit("istio/0").orElseThrow().message());
            model.resolve("istio/0", true);
            Rehearsals.assertSettled(model.settle(Progress.NONE), dir);

            // By default Istio keeps its CRDs (and so users' objects of those kinds); asked to purge, nothing stays.
            model.config("istio", Map.of("purge-on-remove", "true"), List.of());
            model.removeApplication("istio", false);
            Rehearsals.assertSettled(model.settle(Progress.NONE), dir);
            assertTrue(model.status().application("istio").isEmpty());
            assertEquals(List.of(), ownedBy(model.kubernetesObjects(), "istio"), "every object of istio is gone");
        }
    }

    /** Objects labelled as the application's, by the charm (created-by) or by Juju (name). */
    private static List<String> ownedBy(List<JsonNode> objects, String app) {
        return objects.stream().filter(o -> {
            JsonNode labels = o.path("metadata").path("labels");
            return app.equals(labels.path("app.juju.is/created-by").asString("")) || app.equals(labels.path("app.kubernetes.io/name").asString(""));
        }).map(o -> o.path("kind").asString("") + "/" + o.path("metadata").path("name").asString("")).toList();
    }
}
