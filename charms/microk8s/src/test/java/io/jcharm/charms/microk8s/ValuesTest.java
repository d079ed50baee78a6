package io.jcharm.charms.microk8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Channels, addons, the status report, the snap table and managed file blocks. */
class ValuesTest {

    @Test
    void channelsNormaliseAsSnapPrintsThem() {
        assertEquals("1.32/stable", Channel.parse("1.32").toString());
        assertEquals("latest/edge", Channel.parse("edge").toString());
        assertEquals("latest/stable/hotfix", Channel.parse("stable/hotfix").toString());
        assertEquals("1.32/beta/fix-1", Channel.parse("1.32/beta/fix-1").toString());
        assertTrue(Channel.parse("1.32-strict/stable").strict());
        assertThrows(IllegalArgumentException.class, () -> Channel.parse("1.32/stable/x/y"));
        assertThrows(IllegalArgumentException.class, () -> Channel.parse(""));
    }

    @Test
    void minorStepsCompareVersionsNumerically() {
        assertEquals(Optional.of(-1), Channel.minorSteps("v1.32.3", "v1.31.7"));
        assertEquals(Optional.of(0), Channel.minorSteps("v1.32.3", "v1.32.9"));
        assertEquals(Optional.of(2), Channel.minorSteps("v1.31.7", "v1.33.0"));
        assertEquals(Optional.of(-23), Channel.minorSteps("v1.32.3", "v1.9.0"), "numeric, not text, comparison");
        assertEquals(Optional.empty(), Channel.minorSteps("v1.32.3", "x1"), "a local build has no version to compare");
        assertEquals(Channel.parse("1.32/edge"), Channel.parse("latest/edge").nextMinorAfter("v1.31.7"));
    }

    @Test
    void snapInfoGivesWhatAChannelHoldsFollowingClosedRisks() {
        // The shape of `snap info microk8s` (snapd 2.6x): closed risks print ↑, empty ones --.
        SnapInfo info = SnapInfo.parse("""
                name:      microk8s
                tracking:     1.32/stable
                channels:
                  latest/stable:    v1.32.3  2025-03-20 (7964) 172MB classic
                  1.33/stable:      v1.33.3  2025-07-01 (8200) 180MB classic
                  1.33/candidate:   ↑
                  1.33/beta:        ↑
                  1.33/edge:        v1.33.5  2025-08-01 (8300) 180MB classic
                  1.34/stable:      --
                installed:          v1.32.3             (7964) 172MB classic
                """);
        assertEquals(Optional.of("v1.32.3"), info.version(Channel.parse("latest/stable")));
        assertEquals(Optional.of("v1.33.3"), info.version(Channel.parse("1.33/beta")));
        assertEquals(Optional.of("v1.33.5"), info.version(Channel.parse("1.33/edge")));
        assertEquals(Optional.empty(), info.version(Channel.parse("1.34/stable")));
        assertEquals(Optional.empty(), info.version(Channel.parse("1.35/stable")));
    }

    @Test
    void joinUrlsCarryOnlyIpv4AddressesAsMicroK8sJoinParsesThem() {
        assertEquals(List.of("10.1.0.10"), ClusterComponent.joinAddresses(List.of("fd42::10", "10.1.0.10", "node-0.lan")));
        assertEquals(List.of(), ClusterComponent.joinAddresses(List.of("fd42::10")));
    }

    @Test
    void addonsParseWithRepositoryAndArguments() {
        Addon a = Addon.parse("community/metallb:10.0.0.1-10.0.0.9");
        assertEquals(Optional.of("community"), a.repository());
        assertEquals("metallb", a.name());
        assertEquals("community/metallb:10.0.0.1-10.0.0.9", a.spec());
        assertEquals(List.of("dns", "ingress"), Addon.parseList("  dns \n ingress ").stream().map(Addon::name).toList());
    }

    @Test
    void theRealStatusReportParses() {
        String yaml = """
                microk8s:
                  running: True
                high-availability:
                  enabled: False
                  nodes:
                    - address: 10.1.0.10:19001
                      role: voter
                addons:
                  - name: dns
                    repository: core
                    description: CoreDNS
                    version: 1.10.1
                    status: enabled
                  - name: ingress
                    repository: core
                    description: Ingress controller for external access
                    version: 1.10.0
                    status: disabled
                  - name: ingress
                    repository: community
                    description: a community ingress
                    version: 0.1
                    status: disabled
                """;
        MicroK8sStatus s = MicroK8sStatus.parse(yaml);
        assertTrue(s.running());
        assertEquals(List.of("dns"), s.enabled());
        assertTrue(s.knows(Addon.parse("community/ingress")));
        assertFalse(s.knows(Addon.parse("other/ingress")));
        assertFalse(s.isEnabled(Addon.parse("ingress")));
        MicroK8sStatus sparse = MicroK8sStatus.parse("addons:\n  - name: dns\n");
        assertFalse(sparse.running());
        assertEquals(List.of(new MicroK8sStatus.AddonState("", "dns", false)), sparse.addons());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MicroK8sStatus.parse("microk8s:\n  running: False\n"));
        assertTrue(e.getMessage().contains("printed no addons list"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> MicroK8sStatus.parse("microk8s is running\nha: x: y\n"));
        assertTrue(e.getMessage().contains("printed something that is not YAML"), e.getMessage());
    }

    @Test
    void theSnapTableGivesVersionAndTrackingChannel() {
        String table = "Name      Version  Rev   Tracking     Publisher   Notes\n"
                + "microk8s  v1.32.3  7964  1.32/stable  canonical\u2713  classic\n";
        assertEquals(Optional.of(new InstalledSnap("v1.32.3", "1.32/stable")), InstalledSnap.parse(table));
        assertEquals(Optional.empty(), InstalledSnap.parse("Name Version Rev Tracking Publisher Notes\n"));
        assertEquals("-", new InstalledSnap("v1.32.3", "-").trackingChannel());
    }

    @Test
    void blocksAreReplacedInPlaceAndRemovedWithoutTouchingTheRest(@TempDir Path tmp) {
        MachineFiles files = new MachineFiles(tmp);
        files.write("/args/kubelet", "--a=1\n--b=2\n", null);
        assertTrue(files.setBlock("/args/kubelet", "edge", List.of("--max-pods=64")));
        assertFalse(files.setBlock("/args/kubelet", "edge", List.of("--max-pods=64")), "unchanged: no write");
        assertTrue(files.setBlock("/args/kubelet", "edge", List.of("--max-pods=32")));
        assertEquals("--a=1\n--b=2\n# BEGIN edge (managed by the microk8s charm; edits are overwritten)\n--max-pods=32\n"
                + "# END edge\n", files.read("/args/kubelet").orElseThrow());
        assertTrue(files.setBlock("/args/kubelet", "edge", List.of()));
        assertEquals("--a=1\n--b=2\n", files.read("/args/kubelet").orElseThrow());
        assertEquals(tmp.resolve("args/kubelet"), files.path("/args/kubelet"));
        assertEquals(Path.of("/"), MachineFiles.from(java.util.Map.of()).path("/"));
    }
}
