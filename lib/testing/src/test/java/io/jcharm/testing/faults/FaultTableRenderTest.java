package io.jcharm.testing.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table's rendering, gaps, the records' round trip through JSON lines, and masking. */
class FaultTableRenderTest {
    private final FaultRecord blocked = new FaultRecord("a", FaultKind.CONFIG_BAD, "port", true,
            "blocked: [config] invalid config port | must be 1-65535", "ATest#port");
    private final FaultRecord retry = new FaultRecord("a", FaultKind.K8S_5XX, "", true, "hook fails, Juju retries: 503", "ATest#api");
    private final FaultRecord na = new FaultRecord("a", FaultKind.PEBBLE_CHECK_DOWN, "", false, "no container", "ATest#meta");

    @Test
    void overviewSaysEachCellsKindAndMarksMissingOnes() {
        String md = FaultTable.render(List.of(blocked, retry, na), List.of("a"), List.of("b"));
        assertTrue(md.contains("| config: bad value (per option) | blocked |"), md);
        assertTrue(md.contains("| Kubernetes API: 500/503 | retry |"), md);
        assertTrue(md.contains("| Pebble: a check goes down | n/a |"), md);
        assertTrue(md.contains("| Kubernetes API: 403 forbidden | **missing** |"), md);
        assertTrue(md.contains("Not yet covered: b."), md);
        assertTrue(md.contains("| port | blocked: [config] invalid config port \\| must be 1-65535 | `ATest#port` |"), md);
        assertTrue(md.contains("| n/a: no container | `ATest#meta` |"), md);
    }

    @Test
    void standInsGetAnOverviewOfTheirOwnAndTheirSectionsAfterTheCharms() {
        FaultRecord standIn = new FaultRecord("s", FaultKind.CONFIG_BAD, "profile", true, "hook fails, Juju retries: x", "STest#c");
        String md = FaultTable.render(List.of(blocked, standIn), List.of("a"), List.of("s"), List.of());
        assertTrue(md.contains("| Fault | a |\n"), md);
        assertTrue(md.contains("## Stand-ins\n"), md);
        assertTrue(md.contains("| Fault | s |\n"), md);
        assertTrue(md.indexOf("| Fault | s |") > md.indexOf("| Fault | a |"), md);
        assertTrue(md.indexOf("\n## s\n") > md.indexOf("\n## a\n"), md);
        assertTrue(md.contains("| config: bad value (per option) | retry |"), md);
    }

    @Test
    void missingListsEveryKindWithoutACell() {
        Set<FaultKind> expected = EnumSet.allOf(FaultKind.class);
        expected.removeAll(Set.of(FaultKind.CONFIG_BAD, FaultKind.K8S_5XX, FaultKind.PEBBLE_CHECK_DOWN));
        assertEquals(expected, FaultTable.missing(List.of(blocked, retry, na), "a"));
        assertEquals(EnumSet.allOf(FaultKind.class), FaultTable.missing(List.of(blocked), "other"));
    }

    @Test
    void readsRecordsFromModuleTargetsOnly(@TempDir Path root) throws IOException {
        Path faults = Files.createDirectories(root.resolve("charms/a/target/faults"));
        Files.writeString(faults.resolve("ATest.jsonl"), FaultMatrixExtension.JSON.writeValueAsString(blocked) + "\n"
                + FaultMatrixExtension.JSON.writeValueAsString(na) + "\n");
        Path elsewhere = Files.createDirectories(root.resolve("charms/a/src/faults"));
        Files.writeString(elsewhere.resolve("Old.jsonl"), FaultMatrixExtension.JSON.writeValueAsString(retry) + "\n");
        assertEquals(List.of(na, blocked), FaultTable.read(root), "in FaultKind order");
        Files.writeString(faults.resolve("Broken.jsonl"), "{not json\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FaultTable.read(root));
        assertTrue(e.getMessage().contains("Broken.jsonl") && e.getMessage().contains("rerun"), e.getMessage());
    }

    @Test
    void twoTestClassesOfOneCharmFillItsRowTogether(@TempDir Path root) throws IOException {
        FaultRecord upgrade = new FaultRecord("a", FaultKind.UPGRADE, "from revision 2f6c9df's settled state", true, "active",
                "AUpgradeTest#upgrades");
        Path faults = Files.createDirectories(root.resolve("charms/a/target/faults"));
        Files.writeString(faults.resolve("AFaultsTest.jsonl"), FaultMatrixExtension.JSON.writeValueAsString(blocked) + "\n");
        Files.writeString(faults.resolve("AUpgradeTest.jsonl"), FaultMatrixExtension.JSON.writeValueAsString(upgrade) + "\n");
        List<FaultRecord> records = FaultTable.read(root);
        assertEquals(List.of(blocked, upgrade), records);
        Set<FaultKind> missing = FaultTable.missing(records, "a");
        assertTrue(!missing.contains(FaultKind.UPGRADE) && !missing.contains(FaultKind.CONFIG_BAD), missing.toString());
        String md = FaultTable.render(records, List.of("a"), List.of());
        assertTrue(md.contains("| lifecycle: upgrade from the previous revision | absorbed |"), md);
        assertTrue(md.contains("`AUpgradeTest#upgrades`") && md.contains("`ATest#port`"), md);
    }

    @Test
    void outcomesHidePortsTemporaryPathsAndDrawnIds() {
        assertEquals("connect to localhost:<port> failed, /tmp/<dir>: secret secret:<id> -r ingress:<id>, data on ingress:<id>, istiod.kubeflow.svc:15012",
                FaultRecorder.mask("connect to localhost:41234 failed, /tmp/junit123/kubeconfig: secret "
                        + "secret:cv0tmpd2ju3s6a000001 -r ingress:17, data on ingress:3, istiod.kubeflow.svc:15012"));
    }

    @Test
    void hookToolKindsNameTheirToolAndHowItBreaks() {
        assertEquals(java.util.Optional.of("relation-get"), FaultKind.RELATION_GET_TIMES_OUT.hookTool());
        assertEquals(io.jcharm.testing.ToolFault.TIMES_OUT, FaultKind.RELATION_GET_TIMES_OUT.toolFault());
        assertEquals(io.jcharm.testing.ToolFault.FAILS, FaultKind.STATUS_SET_FAILS.toolFault());
        assertEquals(java.util.Optional.empty(), FaultKind.K8S_409.hookTool());
        assertThrows(IllegalStateException.class, FaultKind.K8S_409::toolFault);
        assertEquals(8, FaultKind.inArea("hook tools").size());
        assertTrue(FaultKind.inArea("hook tools").stream().allMatch(k -> k.hookTool().isPresent()));
        assertEquals(List.of(FaultKind.MACHINE_REBOOT), FaultKind.inArea("lifecycle").stream()
                .filter(k -> k.title().contains("reboot")).toList());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultKind.inArea("disk")).getMessage().contains("disk"));
    }

    @Test
    void aRecordWithoutOutcomeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FaultRecord("a", FaultKind.K8S_403, "", true, " ", "T#m"));
        assertTrue(e.getMessage().contains("K8S_403"), e.getMessage());
    }
}
