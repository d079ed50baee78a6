package io.jcharm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model every juju command acts on, against the fake juju that switches the current model on
 * add-model as Juju 3.6 does: no command may depend on the current model.
 */
class JujuModelsTest {
    @TempDir
    Path tmp;
    CliHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = CliHarness.packed(tmp);
        h.installFakeJuju();
        h.kubeconfigAction("apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://10.0.0.5:16443\n  name: c\n");
        h.edgeSettles();
    }

    static String status(String... unitStates) {
        return CliHarness.unitStatus("edge", unitStates);
    }

    @Test
    void aSecondEdgeDeployKeepsTheMachinePartInItsModel() throws Exception {
        CliHarness.Run first = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "20s");
        assertEquals(0, first.code(), first.out() + first.err());
        CliHarness.Run second = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "20s");
        assertEquals(0, second.code(), second.out() + second.err());
        List<String> deploys = h.modelCalls().stream().filter(c -> c.startsWith("deploy")).toList();
        assertEquals(List.of("deploy @ctrl:admin/default", "deploy @ctrl:admin/edge", "deploy @ctrl:admin/default",
                "deploy @ctrl:admin/edge"), deploys);
        assertFalse(Files.exists(h.jujuDir.resolve("current")), "add-model switched the current model: "
                + h.jujuCalls().stream().filter(c -> c.startsWith("add-model")).toList());
        for (String call : h.jujuCalls()) {
            String verb = call.split(" ")[0];
            if (List.of("deploy", "status", "run", "integrate", "refresh").contains(verb)) {
                assertTrue(call.contains(" -m "), "no -m: " + call);
            }
        }
    }

    @Test
    void aFailingSwitchNeverYieldsAnEmptyController() throws Exception {
        Files.writeString(h.jujuDir.resolve("switch-fails"), "ERROR no currently specified model\n");
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "20s");
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("juju switch failed (exit 1):\n  ERROR no currently specified model"), r.err());
        // It stops before anything is deployed or added: no `--controller ""`, no guess.
        assertTrue(h.jujuCalls().stream().noneMatch(c -> c.startsWith("deploy") || c.startsWith("add-")), h.jujuCalls().toString());
    }

    @Test
    void aControllerWithoutCurrentModelAsksForOne() throws Exception {
        Files.writeString(h.jujuDir.resolve("no-model"), "");
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "20s");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("controller ctrl has no current model"), r.err());
        CliHarness.Run named = h.jcharm("deploy", "bundles/edge", "--juju", "--machine-model", "ctrl:admin/default", "--timeout", "20s");
        assertEquals(0, named.code(), named.out() + named.err());
        assertTrue(h.jujuCalls().contains("add-k8s edge-k8s --controller ctrl"), h.jujuCalls().toString());
    }

    @Test
    void aTwoPartDryRunPreviewsTheKubernetesPartAgainstItsOwnModel() throws Exception {
        CliHarness.Run fresh = h.jcharm("deploy", "bundles/edge", "--juju", "--dry-run");
        assertEquals(0, fresh.code(), fresh.out() + fresh.err());
        assertEquals(List.of("deploy @ctrl:admin/default"), h.modelCalls().stream().filter(c -> c.startsWith("deploy")).toList());
        assertTrue(fresh.out().contains("dry run: model ctrl:edge does not exist yet; the deploy would take the kubeconfig from "
                + "k8s-node/leader, add cloud edge-k8s and model ctrl:edge, then deploy every application of build/bundles/edge.yaml: "
                + "gateway, serving, monitor"), fresh.out());
        Files.writeString(h.jujuDir.resolve("models"), "ctrl:admin/edge\n");
        CliHarness.Run again = h.jcharm("deploy", "bundles/edge", "--juju", "--dry-run");
        assertEquals(0, again.code(), again.out() + again.err());
        assertEquals(List.of("deploy @ctrl:admin/default", "deploy @ctrl:admin/default", "deploy @ctrl:admin/edge"),
                h.modelCalls().stream().filter(c -> c.startsWith("deploy")).toList());
        assertTrue(again.out().contains("dry run: the Kubernetes part build/bundles/edge.yaml against model ctrl:edge"), again.out());
    }
}
