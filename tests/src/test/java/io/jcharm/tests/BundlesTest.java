package io.jcharm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.local.LocalModel;
import io.jcharm.local.ModelStatus;
import io.jcharm.local.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bundle in bundles/ but full (see FullStackTest) rehearsed on the local model with the packed charms: a machine part
 * (machine.yaml) first when there is one, then bundle.yaml, into one model. Every unit must
 * settle active and every relation must carry application data; then the first relation is
 * removed and the last Kubernetes application too, which must take all its objects with it.
 */
class BundlesTest {
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyBundleRehearsesToActive() throws IOException {
        List<Path> bundles;
        try (Stream<Path> dirs = Files.list(Rehearsals.repo().resolve("bundles"))) {
            // bundles/full has its own, deeper rehearsal (FullStackTest): rehearsing it twice would add
            // some 150 hook runs to every build for nothing FullStackTest does not check.
            bundles = dirs.filter(d -> Files.isRegularFile(d.resolve("bundle.yaml")))
                    .filter(d -> !d.getFileName().toString().equals("full")).sorted().toList();
        }
        assertFalse(bundles.isEmpty(), "no bundle under bundles/");
        return bundles.stream().map(b -> DynamicTest.dynamicTest(b.getFileName().toString(), () -> rehearse(b)));
    }

    private void rehearse(Path bundle) {
        Path dir = tmp.resolve(bundle.getFileName().toString());
        List<Path> parts = new ArrayList<>();
        if (Files.isRegularFile(bundle.resolve("machine.yaml"))) {
            parts.add(bundle.resolve("machine.yaml"));
        }
        parts.add(bundle.resolve("bundle.yaml"));
        // An upper bound for a loaded 2-core machine (the default is 8 minutes); not a timing check.
        try (LocalModel model = LocalModel.open(dir, Rehearsals.options().withModelName(bundle.getFileName().toString())
                .withSettleTimeout(java.time.Duration.ofMinutes(40)))) {
            for (Path part : parts) {
                Rehearsals.assertSettled(model.deploy(part, List.of(), Progress.NONE), dir);
            }
            ModelStatus s = model.status();
            for (ModelStatus.AppStatus a : s.applications()) {
                for (ModelStatus.UnitStatus u : a.units()) {
                    assertEquals("active", u.workload(), u.name() + ": " + u.message());
                    assertTrue(u.simulated().contains("simulated"), u.simulated());
                }
            }
            List<ModelStatus.RelationStatus> relations = s.relations().stream().filter(r -> !r.peer()).toList();
            for (ModelStatus.RelationStatus r : relations) {
                assertTrue(r.appData().values().stream().anyMatch(bag -> !bag.isEmpty()),
                        "relation " + r.endpoints() + " carries application data: " + r.appData());
            }
            if (bundle.getFileName().toString().equals("edge")) {
                Map<String, String> gateway = s.relation("istio", "seldon-core").orElseThrow().appData().get("istio");
                assertEquals("istio-gateway", gateway.get("gateway_name"), gateway.toString());
                assertEquals("edge", gateway.get("gateway_namespace"), "the model's namespace");
            }
            if (!relations.isEmpty()) {
                List<String> ends = relations.get(0).endpoints();
                model.removeRelation(ends.get(0), ends.get(1));
                Rehearsals.assertSettled(model.settle(Progress.NONE), dir);
                assertTrue(model.status().relation(ends.get(0), ends.get(1)).isEmpty());
            }
            List<ModelStatus.AppStatus> k8s = s.applications().stream().filter(ModelStatus.AppStatus::kubernetes).toList();
            if (!k8s.isEmpty()) {
                String app = k8s.get(k8s.size() - 1).name();
                model.removeApplication(app, false);
                Rehearsals.assertSettled(model.settle(Progress.NONE), dir);
                List<String> left = model.kubernetesObjects().stream().filter(o -> Rehearsals.owned(o, app)
                        && !o.path("kind").asString("").equals("CustomResourceDefinition")).map(o -> o.path("kind").asString("")
                        + "/" + o.path("metadata").path("name").asString("")).toList();
                assertEquals(List.of(), left, "the objects of " + app + " (its CRDs may stay, as Juju charms keep them)");
            }
        }
    }
}
