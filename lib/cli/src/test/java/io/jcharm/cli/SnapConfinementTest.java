package io.jcharm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Juju 3 is a strictly confined snap: against the fake juju installed as the snap installs it
 * (a symlink to {@code snap}), which reads only non-hidden paths under its HOME, jcharm stages
 * what juju must read under {@code ~/snap/juju/common}.
 */
class SnapConfinementTest {
    @TempDir
    Path tmp;
    CliHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = CliHarness.packed(tmp);
        h.edgeSettles();
        h.kubeconfigAction("apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://10.0.0.5:16443\n  name: c\n");
    }

    @Test
    void aRepositoryOutsideHomeIsStagedInTheSnapCommonDirectory() throws Exception {
        Path home = tmp.resolve("fake-home");
        h.installSnapJuju(home);
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "20s");
        assertEquals(0, r.code(), r.out() + r.err());
        Path stage = home.resolve("snap/juju/common/jcharm").resolve(tmp.getFileName().toString());
        List<String> calls = h.jujuCalls();
        assertTrue(calls.contains("deploy " + stage.resolve("build/bundles/edge-machine.yaml") + " --trust -m ctrl:admin/default"),
                calls.toString());
        assertTrue(calls.contains("deploy " + stage.resolve("build/bundles/edge.yaml") + " --trust -m ctrl:edge"), calls.toString());
        assertTrue(Files.isRegularFile(stage.resolve("charms/gateway/target/gateway_ubuntu-22.04-amd64.charm")));
        assertTrue(Files.isRegularFile(stage.resolve("build/edge-kubeconfig")), "the kubeconfig add-k8s reads is staged too");
        assertTrue(r.out().contains("note: juju is a strictly confined snap and cannot read build/bundles/edge-machine.yaml where it is; "
                + "staged 2 file(s) under " + stage), r.out());
    }

    @Test
    void aRepositoryUnderHomeIsReadAsItIs() throws Exception {
        h.installSnapJuju(tmp);
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "20s");
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(r.out().contains("strictly confined"), r.out());
        assertTrue(h.jujuCalls().contains("deploy " + tmp.resolve("build/bundles/edge.yaml") + " --trust -m ctrl:edge"));
        assertFalse(Files.exists(tmp.resolve("snap")));
    }

    @Test
    void aRepositoryInAHiddenDirectoryOfHomeIsStaged() throws Exception {
        CliHarness hidden = new CliHarness(tmp.resolve(".work"));
        for (String c : new String[] {"gateway", "serving", "k8s-node"}) {
            hidden.pack(c);
        }
        Files.delete(tmp.resolve(".work/bundles/edge/machine.yaml"));
        hidden.status(1, CliHarness.emptyStatus("default"));
        hidden.status(2, CliHarness.unitStatus("edge", "gateway/0", "active|idle", "serving/0", "active|idle", "monitor/0", "active|idle"));
        hidden.installSnapJuju(tmp);
        CliHarness.Run r = hidden.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "20s");
        assertEquals(0, r.code(), r.out() + r.err());
        Path stage = tmp.resolve("snap/juju/common/jcharm/.work");
        assertTrue(hidden.jujuCalls().contains("deploy " + stage.resolve("build/bundles/edge.yaml") + " --trust -m ctrl:admin/default"),
                hidden.jujuCalls().toString());
        assertTrue(Files.isRegularFile(stage.resolve("charms/serving/target/serving_ubuntu-22.04-amd64.charm")));
    }

    @Test
    void theHintForAMissingJujuIsTheStrictSnap() {
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "--timeout", "20s");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("sudo snap install juju"), r.err());
        assertFalse(r.err().contains("--classic"), r.err());
    }
}
