package io.jcharm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy and integrate against a fake juju executable that records its argv and serves status JSON. */
class JujuDriverTest {
    @TempDir
    Path tmp;
    CliHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = CliHarness.packed(tmp);
        Files.delete(tmp.resolve("bundles/edge/machine.yaml")); // one part unless a test puts it back
    }

    private static String status(String... unitStates) {
        return CliHarness.unitStatus("edge", unitStates);
    }

    @Test
    void withoutJujuTheLocalModelRefusesCharmsItCannotRun() {
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("comes from Charmhub, which the local model cannot run"), r.err());
        assertTrue(r.err().contains("deploy with --juju"), r.err());
        assertEquals(1, h.jcharm("integrate", "serving", "gateway").code());
    }

    @Test
    void jujuMissingFromPath() {
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "20s");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("juju is not on the PATH"), r.err());
    }

    @Test
    void deployWaitsUntilEveryUnitIsActiveAndIdle() throws Exception {
        h.installFakeJuju();
        h.status(1, CliHarness.emptyStatus("edge"));
        h.status(2, status("gateway/0", "maintenance|executing|installing", "serving/0", "waiting|allocating"));
        h.status(3, status("gateway/0", "active|idle", "serving/0", "maintenance|executing|pod starting", "monitor/0", "active|idle"));
        h.status(4, status("gateway/0", "active|idle", "serving/0", "active|idle", "monitor/0", "active|idle"));
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "--model", "edge", "--timeout", "20s");
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> calls = h.jujuCalls();
        assertEquals("deploy " + tmp.resolve("build/bundles/edge.yaml") + " --trust -m edge", calls.get(1));
        assertEquals(List.of("status --format=json -m edge"), calls.stream().filter(c -> !c.startsWith("deploy")).distinct().toList());
        assertTrue(r.out().contains("waiting: 0/2 units active and idle; monitor has 0/1 units; gateway/0 maintenance/executing \"installing\""), r.out());
        assertTrue(r.out().contains("serving/0*  active    idle"), r.out());
        assertTrue(r.out().contains("edge: every unit is active and idle"), r.out());
    }

    @Test
    void aUnitInErrorFailsWithWhatToDo() throws Exception {
        h.installFakeJuju();
        h.status(1, CliHarness.emptyStatus("default"));
        h.status(2, status("gateway/0", "active|idle", "serving/0", "maintenance|executing", "monitor/0", "active|idle"));
        h.status(3, status("gateway/0", "active|idle", "serving/0", "error|idle|hook failed: \\\"install\\\"", "monitor/0", "active|idle"));
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "20s");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("error: unit serving/0 is in error: hook failed: \"install\""), r.err());
        assertTrue(r.err().contains("juju debug-log -m ctrl:admin/default --replay --include serving/0")
                && r.err().contains("juju resolved serving/0 -m ctrl:admin/default"), r.err());
        assertTrue(r.out().contains("Unit"), r.out());
    }

    @Test
    void timeoutSaysWhatIsStillWaiting() throws Exception {
        h.installFakeJuju();
        h.status(1, CliHarness.emptyStatus("default"));
        h.status(2, status("gateway/0", "blocked|idle|waiting for relation", "serving/0", "active|idle", "monitor/0", "active|idle"));
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "150ms");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("the model did not settle within 0s: 2/3 units active and idle; gateway/0 blocked/idle \"waiting for relation\""), r.err());
    }

    @Test
    void dryRunAndJujuFailures() throws Exception {
        h.installFakeJuju();
        CliHarness.Run dry = h.jcharm("deploy", "bundles/edge", "--juju", "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertEquals(List.of("switch", "deploy " + tmp.resolve("build/bundles/edge.yaml") + " --trust --dry-run -m ctrl:admin/default"),
                h.jujuCalls());
        assertTrue(dry.out().contains("Changes to deploy bundle:"), dry.out());
        h.status(1, CliHarness.emptyStatus("default"));
        Files.writeString(h.jujuDir.resolve("deploy-fails"), "ERROR cannot deploy bundle: cannot add application \"serving\": permission denied\n");
        CliHarness.Run fail = h.jcharm("deploy", "bundles/edge", "--juju");
        assertEquals(3, fail.code());
        assertTrue(fail.err().contains("juju deploy " + tmp.resolve("build/bundles/edge.yaml") + " --trust -m ctrl:admin/default failed (exit 1):\n"
                + "  ERROR cannot deploy bundle: cannot add application \"serving\": permission denied"), fail.err());
        assertTrue(fail.err().contains("    fix: "), fail.err());
    }

    @Test
    void verificationFailureDeploysNothing() throws Exception {
        h.installFakeJuju();
        Files.writeString(tmp.resolve("bundles/edge/bundle.yaml"), Files.readString(tmp.resolve("bundles/edge/bundle.yaml"))
                .replace("[serving, gateway]", "[serving:gateway-info, monitor]"));
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("cannot infer endpoint between serving:gateway-info and monitor: no relations found"), r.err());
        assertEquals(List.of(), h.jujuCalls());
    }

    @Test
    void integrateInfersOfflineThenPassesExplicitEndpoints() throws Exception {
        h.installFakeJuju();
        h.status(1, status("gateway/0", "active|idle", "serving/0", "active|idle"));
        CliHarness.Run r = h.jcharm("integrate", "serving", "gateway", "--juju", "-m", "edge");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("inferred serving:gateway-info <-> gateway:gateway-info (interface istio-gateway-info)"), r.out());
        assertEquals(List.of("status --format=json -m edge", "integrate serving:gateway-info gateway:gateway-info -m edge"), h.jujuCalls());
        CliHarness.Run none = h.jcharm("integrate", "gateway:metrics-endpoint", "serving:metrics-endpoint", "--juju", "--bundle", "bundles/edge");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("error: no relations found"), none.err());
        assertEquals(1, h.jcharm("integrate", "Serving", "gateway", "--juju").code());
        Files.writeString(h.jujuDir.resolve("integrate-fails"), "ERROR relation serving:gateway-info gateway:gateway-info already exists\n");
        CliHarness.Run fail = h.jcharm("integrate", "serving", "gateway", "--juju", "--bundle", "bundles/edge");
        assertEquals(3, fail.code());
        assertTrue(fail.err().contains("  ERROR relation serving:gateway-info gateway:gateway-info already exists"), fail.err());
    }

    @Test
    void twoPartBundleDeploysMachinesThenKubernetes() throws Exception {
        Fixtures.copy(tmp);
        h.installFakeJuju();
        h.edgeSettles();
        h.kubeconfigAction("apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://10.0.0.5:16443\n  name: c\n");
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "20s");
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> calls = h.jujuCalls().stream().filter(c -> !c.startsWith("status")).toList();
        assertEquals(List.of("switch", "deploy " + tmp.resolve("build/bundles/edge-machine.yaml") + " --trust -m ctrl:admin/default",
                "run k8s-node/leader kubeconfig --format=json --wait=20s -m ctrl:admin/default",
                "add-k8s edge-k8s --client", "add-k8s edge-k8s --controller ctrl",
                "add-model edge edge-k8s -c ctrl --no-switch",
                "deploy " + tmp.resolve("build/bundles/edge.yaml") + " --trust -m ctrl:edge"), calls);
        assertEquals("apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://10.0.0.5:16443\n  name: c\n",
                Files.readString(tmp.resolve("build/edge-kubeconfig")));
        assertTrue(r.out().contains("step 4/4: deploy the Kubernetes part build/bundles/edge.yaml into model ctrl:edge"), r.out());
    }

    /** Puts machine.yaml back for the two-part test. */
    static final class Fixtures {
        static void copy(Path tmp) throws Exception {
            Path src = Path.of(JujuDriverTest.class.getResource("/repo/bundles/edge/machine.yaml").toURI());
            Files.copy(src, tmp.resolve("bundles/edge/machine.yaml"));
        }
    }
}
