package io.jcharm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A two-part bundle's parts are two models on Juju: each part's diff sees only its own applications. */
class BundleDiffTest {

    private static ModelDoc model(String k8sApp, boolean machineDeployed) {
        ModelDoc doc = new ModelDoc();
        ModelDoc.App istio = new ModelDoc.App();
        istio.kubernetes = true;
        doc.applications.put(k8sApp, istio);
        if (machineDeployed) {
            ModelDoc.App microk8s = new ModelDoc.App();
            microk8s.units.put("microk8s/0", new ModelDoc.Unit());
            doc.applications.put("microk8s", microk8s);
        }
        return doc;
    }

    @Test
    void theMachinePartNeitherSeesNorKeepsTheKubernetesPartsApplications() {
        Map<String, BundleDiff.Wanted> machine = Map.of("microk8s", new BundleDiff.Wanted(1, Map.of(), false));
        BundleDiff first = new BundleDiff(machine, List.of(), false, model("istio", false));
        assertFalse(first.partDeployed(), "the machine part's first deploy is not a redeploy");
        assertEquals(List.of("microk8s"), first.newApps());
        BundleDiff again = new BundleDiff(machine, List.of(), false, model("istio", true));
        assertTrue(again.partDeployed());
        assertEquals(List.of(), again.modelOnlyApps(), "istio lives in the other part");
        assertEquals("{}\n", again.yaml());
    }
}
