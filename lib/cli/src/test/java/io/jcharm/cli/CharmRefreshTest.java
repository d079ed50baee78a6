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
 * A redeploy upgrades the local charms that changed: Juju 3.6 keeps the charm already in the
 * model for a bundle deploy, so the driver refreshes them with {@code juju refresh --path}.
 */
class CharmRefreshTest {
    @TempDir
    Path tmp;
    CliHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = CliHarness.packed(tmp);
        Files.delete(tmp.resolve("bundles/edge/machine.yaml"));
        h.installFakeJuju();
        h.status("edge", 1, CliHarness.emptyStatus("edge"));
        h.status("edge", 2, CliHarness.unitStatus("edge", "gateway/0", "active|idle", "serving/0", "active|idle", "monitor/0", "active|idle"));
    }

    private List<String> refreshes() throws Exception {
        return h.jujuCalls().stream().filter(c -> c.startsWith("refresh")).toList();
    }

    @Test
    void aRedeployRefreshesEveryApplicationWhoseCharmChanged() throws Exception {
        CliHarness.Run first = h.jcharm("deploy", "bundles/edge", "--juju", "-m", "edge", "--timeout", "20s");
        assertEquals(0, first.code(), first.out() + first.err());
        assertEquals(List.of(), refreshes());

        CliHarness.Run same = h.jcharm("deploy", "bundles/edge", "--juju", "-m", "edge", "--timeout", "20s");
        assertEquals(0, same.code(), same.out() + same.err());
        assertEquals(List.of(), refreshes(), "nothing changed, nothing to refresh");

        Path yaml = tmp.resolve("charms/gateway/charmcraft.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("provides gateway-info", "provides gateway-info, version 2"));
        h.pack("gateway");
        CliHarness.Run changed = h.jcharm("deploy", "bundles/edge", "--juju", "-m", "edge", "--timeout", "20s");
        assertEquals(0, changed.code(), changed.out() + changed.err());
        Path charm = tmp.resolve("charms/gateway/target/gateway_ubuntu-22.04-amd64.charm");
        assertEquals(List.of("refresh gateway --path " + charm + " -m edge"), refreshes());
        assertTrue(changed.out().contains("refreshing gateway to charms/gateway/target/gateway_ubuntu-22.04-amd64.charm (packed charm changed)"),
                changed.out());
        assertTrue(changed.out().contains("deployed build/bundles/edge.yaml and refreshed gateway (packed charm changed); waiting"),
                changed.out());
        List<String> calls = h.jujuCalls();
        assertTrue(calls.lastIndexOf("refresh gateway --path " + charm + " -m edge") < calls.lastIndexOf("status --format=json -m edge"),
                "the wait comes after the refresh: " + calls);
    }

    @Test
    void withoutARecordEveryLocalCharmIsRefreshedWithItsResources() throws Exception {
        h.status("edge", 1, CliHarness.unitStatus("edge", "gateway/0", "active|idle", "serving/0", "active|idle", "monitor/0", "active|idle"));
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "-m", "edge", "--timeout", "20s");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(List.of("refresh gateway --path " + tmp.resolve("charms/gateway/target/gateway_ubuntu-22.04-amd64.charm") + " -m edge",
                "refresh serving --path " + tmp.resolve("charms/serving/target/serving_ubuntu-22.04-amd64.charm")
                        + " --resource oci-image=docker.io/example/manager:1.0 -m edge"), refreshes());
        assertTrue(r.out().contains("refreshing serving to charms/serving/target/serving_ubuntu-22.04-amd64.charm (no record of the charm "
                + "it runs)"), r.out());
        assertTrue(Files.readString(tmp.resolve("build/juju-charms.json")).contains("\"edge\""));
    }

    @Test
    void aFailedRefreshNeverReportsSuccess() throws Exception {
        h.status("edge", 1, CliHarness.unitStatus("edge", "gateway/0", "active|idle", "serving/0", "active|idle", "monitor/0", "active|idle"));
        Files.writeString(h.jujuDir.resolve("refresh-fails"), "ERROR cannot upgrade application \"gateway\": unit gateway/0 is in error\n");
        CliHarness.Run r = h.jcharm("deploy", "bundles/edge", "--juju", "-m", "edge", "--timeout", "20s");
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("juju refresh gateway --path ") && r.err().contains("  ERROR cannot upgrade application \"gateway\""), r.err());
        assertFalse(r.out().contains("every unit is active and idle"), r.out());
        assertFalse(Files.exists(tmp.resolve("build/juju-charms.json")), "nothing recorded as deployed");
    }
}
