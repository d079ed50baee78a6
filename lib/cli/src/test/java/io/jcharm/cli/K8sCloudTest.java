package io.jcharm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes cloud of an edge deploy, against the fake juju whose add-k8s refuses a known
 * cloud as Juju 3.6 does: a stale cloud (another endpoint or CA) is updated, a current one kept.
 */
class K8sCloudTest {
    private static final String NEW_CA = "-----BEGIN CERTIFICATE-----\nMIIBnew\n-----END CERTIFICATE-----";
    private static final String OLD_CA = "-----BEGIN CERTIFICATE-----\nMIIBold\n-----END CERTIFICATE-----";

    @TempDir
    Path tmp;
    CliHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = CliHarness.packed(tmp);
        h.installFakeJuju();
        String data = Base64.getEncoder().encodeToString(NEW_CA.getBytes(StandardCharsets.UTF_8));
        h.kubeconfigAction("""
                apiVersion: v1
                kind: Config
                clusters:
                - cluster:
                    certificate-authority-data: %s
                    server: https://10.0.0.5:16443
                  name: microk8s-cluster
                contexts:
                - context:
                    cluster: microk8s-cluster
                    user: admin
                  name: microk8s
                current-context: microk8s
                """.formatted(data));
        h.edgeSettles();
    }

    /** The clouds juju already knows, as the fake keeps them: endpoint, then CA. */
    private void known(String endpoint, String ca) throws Exception {
        Files.writeString(h.jujuDir.resolve("cloud-edge-k8s-client"), endpoint + "\n" + ca + "\n");
        Files.writeString(h.jujuDir.resolve("cloud-edge-k8s-ctrl"), endpoint + "\n" + ca + "\n");
    }

    private List<String> cloudCalls() throws Exception {
        return h.jujuCalls().stream().filter(c -> c.contains("k8s") && !c.startsWith("deploy") && !c.startsWith("run")
                && !c.startsWith("status") && !c.startsWith("add-model") || c.startsWith("update-credential")).toList();
    }

    @Test
    void aCloudAtAnotherEndpointIsUpdated() throws Exception {
        known("https://10.0.0.9:16443", OLD_CA);
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "20s");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(List.of("add-k8s edge-k8s --client", "show-cloud edge-k8s --client --format=json", "remove-k8s edge-k8s --client",
                "add-k8s edge-k8s --client", "add-k8s edge-k8s --controller ctrl", "show-cloud edge-k8s --controller ctrl --format=json",
                "update-k8s edge-k8s --controller ctrl", "update-credential edge-k8s edge-k8s --controller ctrl"), cloudCalls());
        assertTrue(r.out().contains("re-added cloud edge-k8s on this client: it pointed at https://10.0.0.9:16443, the cluster is at "
                + "https://10.0.0.5:16443"), r.out());
        assertTrue(r.out().contains("updated cloud edge-k8s and its credential on controller ctrl: it pointed at https://10.0.0.9:16443, "
                + "the cluster is at https://10.0.0.5:16443"), r.out());
        assertEquals("https://10.0.0.5:16443", Files.readAllLines(h.jujuDir.resolve("cloud-edge-k8s-ctrl")).get(0));
    }

    @Test
    void aCloudWithAnotherCaIsUpdatedAndACurrentOneKept() throws Exception {
        known("https://10.0.0.5:16443", OLD_CA);
        CliHarness.Run stale = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "20s");
        assertEquals(0, stale.code(), stale.out() + stale.err());
        assertTrue(h.jujuCalls().contains("update-k8s edge-k8s --controller ctrl"), h.jujuCalls().toString());

        Files.delete(h.jujuDir.resolve("argv.log"));
        CliHarness.Run current = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "20s");
        assertEquals(0, current.code(), current.out() + current.err());
        assertEquals(List.of("add-k8s edge-k8s --client", "show-cloud edge-k8s --client --format=json", "add-k8s edge-k8s --controller ctrl",
                "show-cloud edge-k8s --controller ctrl --format=json"), cloudCalls());
        assertTrue(current.out().contains("cloud edge-k8s on this client is current (https://10.0.0.5:16443)"), current.out());
        assertTrue(current.out().contains("cloud edge-k8s on controller ctrl is current"), current.out());
    }

    @Test
    void aControllerRefusalNamesTheControllerCommand() throws Exception {
        Files.writeString(h.jujuDir.resolve("add-k8s-controller-fails"),
                "ERROR could not upload k8s cloud to a controller: permission denied\n");
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "20s");
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("error: juju add-k8s edge-k8s --controller ctrl failed (exit 1):\n"
                + "  ERROR could not upload k8s cloud to a controller: permission denied"), r.err());
    }
}
