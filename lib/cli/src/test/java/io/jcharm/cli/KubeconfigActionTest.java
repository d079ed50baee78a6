package io.jcharm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubeconfig action of an edge deploy, against the fake juju that answers {@code juju run}
 * as Juju 3.6 does: the task as JSON on stdout, exit 1 when its return code is not 0.
 */
class KubeconfigActionTest {
    @TempDir
    Path tmp;
    CliHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = CliHarness.packed(tmp);
        h.installFakeJuju();
        h.status("default", 1, CliHarness.emptyStatus("default"));
        h.status("default", 2, CliHarness.unitStatus("edge", "k8s-node/0", "active|idle"));
    }

    @Test
    void aFailedActionShowsItsMessageFromStdout() throws Exception {
        Files.writeString(h.jujuDir.resolve("run.json"), """
                {"k8s-node/0":{"id":"2","message":"microk8s is not ready: the snap is still installing","results":{"return-code":1},\
                "status":"failed","timing":{"completed":"2026-01-01 00:00:01 +0000 UTC"},"unit":"k8s-node/0"}}
                """);
        Files.writeString(h.jujuDir.resolve("run-fails"), "");
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "20s");
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("error: the kubeconfig action on k8s-node/0 failed (task 2, status failed, return code 1): "
                + "microk8s is not ready: the snap is still installing"), r.err());
        assertTrue(r.err().contains("juju show-task 2 -m ctrl:admin/default"), r.err());
        assertTrue(h.jujuCalls().contains("run k8s-node/leader kubeconfig --format=json --wait=20s -m ctrl:admin/default"),
                h.jujuCalls().toString());
    }

    @Test
    void anActionFailWithExitZeroIsAFailureToo() throws Exception {
        Files.writeString(h.jujuDir.resolve("run.json"), """
                {"k8s-node/0":{"id":"4","message":"cluster not bootstrapped","results":{"return-code":0},"status":"failed","unit":"k8s-node/0"}}
                """);
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "90s");
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("error: the kubeconfig action on k8s-node/0 failed (task 4, status failed): cluster not bootstrapped"),
                r.err());
        assertTrue(h.jujuCalls().contains("run k8s-node/leader kubeconfig --format=json --wait=90s -m ctrl:admin/default"),
                h.jujuCalls().toString());
    }

    @Test
    void aTimedOutActionQuotesJuju() throws Exception {
        Files.writeString(h.jujuDir.resolve("run-times-out"), "");
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "20s");
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("juju run k8s-node/leader kubeconfig --format=json --wait=20s -m ctrl:admin/default failed (exit 1):"),
                r.err());
        assertTrue(r.err().contains("ERROR timed out waiting for results from: unit k8s-node/leader"), r.err());
    }
}
