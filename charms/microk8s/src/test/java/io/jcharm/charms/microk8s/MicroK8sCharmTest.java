package io.jcharm.charms.microk8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.HookFailedException;
import io.jcharm.testing.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Install, channel, readiness, node tuning and node status, against a fake machine. */
class MicroK8sCharmTest {
    private final Context ctx = Context.of(MicroK8sCharm::new);
    @TempDir
    Path tmp;
    private FakeMachine machine;
    private State base;

    @BeforeEach
    void setUp() {
        machine = new FakeMachine(tmp);
        base = State.empty().withLeader(true).withEnvironment(machine.env());
    }

    @Test
    void installOnTheLeaderInstallsWaitsTunesEnablesEdgeAddonsAndGoesActive() {
        State out = ctx.run(Events.install(), base);
        String sysctl = machine.path(MachineFiles.SYSCTL_DROP_IN).toString();
        assertEquals(List.of(
                "snap list microk8s",
                "snap install microk8s --classic --channel 1.32/stable",
                "snap list microk8s",
                "microk8s status --wait-ready --timeout 300",
                "sysctl -p " + sysctl,
                "snap restart microk8s.daemon-kubelite",
                "microk8s status --wait-ready --timeout 300",
                "microk8s status --format yaml",
                "microk8s enable dns",
                "microk8s enable hostpath-storage",
                "microk8s enable rbac",
                "unit-get public-address",
                "microk8s refresh-certs -e server.crt",
                "hostname",
                "microk8s kubectl get node machine-0 --no-headers",
                "microk8s status --format yaml"), machine.takeCalls());
        assertEquals(Status.active("node ready; addons: dns, ha-cluster, hostpath-storage, rbac"), out.unitStatus());
        assertEquals(out.unitStatus(), out.appStatus());
        assertEquals("v1.32.3", out.workloadVersion());
        assertEquals(Set.of(MicroK8sCharm.API_SERVER), out.openedPorts());
        assertEquals(Optional.of("\"\""), out.storedValue("role"));
        assertEquals(Optional.of("{\"dns\":\"dns\",\"hostpath-storage\":\"hostpath-storage\",\"rbac\":\"rbac\"}"),
                out.storedValue("addons"));
        assertEquals(Optional.of(TuningComponent.SYSCTL), machine.file(MachineFiles.SYSCTL_DROP_IN));
        assertTrue(machine.file(MachineFiles.KUBELET_ARGS).orElseThrow().contains(
                "--image-gc-high-threshold=70\n--image-gc-low-threshold=50\n--max-pods=64\n# END edge-profile\n"));
    }

    @Test
    void aSettledUnitOnlyChecksOnUpdateStatus() {
        State first = ctx.run(Events.install(), base);
        machine.takeCalls();
        State out = ctx.run(Events.updateStatus(), first);
        assertEquals(List.of("snap list microk8s", "microk8s status --wait-ready --timeout 300",
                "microk8s status --format yaml", "unit-get public-address", "hostname",
                "microk8s kubectl get node machine-0 --no-headers"),
                machine.takeCalls());
        assertEquals(first.unitStatus(), out.unitStatus());
    }

    @Test
    void channelChangeRefreshesTheSnap() {
        machine.installed("1.31/stable", "v1.31.7", "dns", "hostpath-storage", "rbac");
        State out = ctx.run(Events.configChanged(), base.withConfig(Map.of("channel", "1.32/stable")));
        List<String> calls = machine.takeCalls();
        assertEquals(List.of("snap list microk8s", "snap info microk8s", "snap refresh microk8s --channel 1.32/stable",
                "snap list microk8s", "microk8s status --wait-ready --timeout 300"), calls.subList(0, 5));
        assertEquals("v1.32.3", out.workloadVersion());
        assertEquals("active", out.unitStatus().name());
    }

    @Test
    void aShortChannelMatchingTheTrackingOneDoesNotRefresh() {
        machine.installed("1.32/stable", "v1.32.3");
        ctx.run(Events.configChanged(), base.withConfig(Map.of("channel", "1.32")));
        assertTrue(machine.takeCalls().stream().noneMatch(c -> c.startsWith("snap refresh")));
    }

    @Test
    void aDowngradeIsRefusedNamingBothChannels() {
        machine.installed("1.32/stable", "v1.32.3");
        State out = ctx.run(Events.configChanged(), base.withConfig(Map.of("channel", "1.31/stable")));
        assertEquals(Status.blocked("[snap] refusing to downgrade microk8s from 1.32/stable (v1.32.3) to 1.31/stable"
                + " (v1.31.7): Kubernetes cannot go back a minor version; set channel to 1.32/stable or a later track"),
                out.unitStatus());
        assertEquals(List.of("snap list microk8s", "snap info microk8s"), machine.takeCalls());
    }

    @Test
    void latestIsJudgedByTheVersionItHoldsNotByItsName() {
        // The fake store's latest/stable holds v1.32.3 while 1.33/stable is installed.
        machine.installed("1.33/stable", "v1.33.3");
        State out = ctx.run(Events.configChanged(), base.withConfig(Map.of("channel", "latest/stable")));
        assertEquals(Status.blocked("[snap] refusing to downgrade microk8s from 1.33/stable (v1.33.3) to latest/stable"
                + " (v1.32.3): Kubernetes cannot go back a minor version; set channel to 1.33/stable or a later track"),
                out.unitStatus());
        assertTrue(machine.takeCalls().stream().noneMatch(c -> c.startsWith("snap refresh")));
    }

    @Test
    void skippingAMinorVersionIsRefusedNamingTheNextTrack() {
        machine.installed("1.31/stable", "v1.31.7");
        State out = ctx.run(Events.configChanged(), base.withConfig(Map.of("channel", "1.33/stable")));
        assertEquals(Status.blocked("[snap] refusing to skip Kubernetes minor versions from 1.31/stable (v1.31.7) to"
                + " 1.33/stable (v1.33.3): upgrade one minor at a time; set channel to 1.32/stable first"), out.unitStatus());
        assertTrue(machine.takeCalls().stream().noneMatch(c -> c.startsWith("snap refresh")));
    }

    @Test
    void aKubeliteRestartThatNeverServesAgainWaitsWithAClearStatus() {
        machine.kubeliteStaysDown();
        State out = ctx.run(Events.install(), base);
        assertEquals(Status.waiting("[tuning] microk8s is not ready 300 s after kubelite restarted (microk8s is not"
                + " running. Use microk8s inspect for a deeper inspection.); update-status checks again"), out.unitStatus());
        List<String> calls = machine.takeCalls();
        assertEquals(List.of("snap restart microk8s.daemon-kubelite", "microk8s status --wait-ready --timeout 300"),
                calls.subList(calls.size() - 2, calls.size()), "nothing asks the stopped API server: " + calls);
    }

    @Test
    void aStrictChannelInstallsWithoutClassic() {
        ctx.run(Events.install(), base.withConfig(Map.of("channel", "1.32-strict/stable")));
        assertTrue(machine.takeCalls().contains("snap install microk8s --channel 1.32-strict/stable"));
    }

    @Test
    void notReadyInTimeWaitsAndSkipsWhatNeedsTheCluster() {
        machine.installed("1.32/stable", "v1.32.3").notReady();
        State out = ctx.run(Events.updateStatus(), base);
        assertEquals(Status.waiting("[snap] microk8s is not ready after 300 s (microk8s is not running. Use microk8s"
                + " inspect for a deeper inspection.); update-status checks again"), out.unitStatus());
        assertEquals(List.of("snap list microk8s", "microk8s status --wait-ready --timeout 300"), machine.takeCalls());
    }

    @Test
    void aFailingInstallFailsTheHookWithTheCommandAndStderrInTheLog() {
        machine.fail("snap", "install", 1, "error: cannot install \"microk8s\": Post https://api.snapcraft.io: timeout");
        HookFailedException e = assertThrows(HookFailedException.class, () -> ctx.run(Events.install(), base));
        assertTrue(e.logs().stream().anyMatch(l -> l.startsWith("ERROR hook install failed")
                && l.contains("command `snap install microk8s --classic --channel 1.32/stable` failed with exit code 1:"
                + " error: cannot install \"microk8s\": Post https://api.snapcraft.io: timeout")), e.getMessage());
    }

    @Test
    void aMachineWithoutSnapdBlocksInsteadOfFailingEveryRetry() {
        State out = ctx.run(Events.install(), base.withEnvironment(Map.of("PATH", tmp.resolve("empty").toString(),
                MachineFiles.ROOT_VARIABLE, machine.root.toString())));
        assertEquals(Status.blocked("[snap] snapd is missing: snap was not found on PATH; deploy to an Ubuntu machine,"
                + " or install snapd (apt install snapd)"), out.unitStatus());
        State removed = ctx.run(Events.remove(), out);
        assertTrue(removed.logs().stream().anyMatch(l -> l.contains("nothing to remove: snapd is missing")));
    }

    @Test
    void notReadyNodeWaitsWithTheCondition() {
        machine.installed("1.32/stable", "v1.32.3").nodeCondition("NotReady");
        State out = ctx.run(Events.updateStatus(), base.withLeader(false));
        assertEquals(Status.waiting("[node] node is not ready: NotReady"), out.unitStatus());
    }

    @Test
    void unregisteredNodeWaitsWithKubectlsError() {
        machine.installed("1.32/stable", "v1.32.3")
                .fail("microk8s", "kubectl", 1, "Error from server (NotFound): nodes \"machine-0\" not found");
        State out = ctx.run(Events.updateStatus(), base.withLeader(false));
        assertEquals(Status.waiting("[node] node machine-0 is not registered yet (Error from server (NotFound): nodes"
                + " \"machine-0\" not found)"), out.unitStatus());
    }

    @Test
    void aFailedReadOfTheNodeIsNotTakenForAnUnregisteredNode() {
        machine.installed("1.32/stable", "v1.32.3").fail("microk8s", "kubectl", 1, "Error from server"
                + " (ServiceUnavailable): the server is currently unable to handle the request (get nodes machine-0)");
        assertEquals(Status.waiting("[node] could not read node machine-0 from the API server (Error from server"
                + " (ServiceUnavailable): the server is currently unable to handle the request (get nodes machine-0));"
                + " update-status checks again"), ctx.run(Events.updateStatus(), base.withLeader(false)).unitStatus());
        machine.fail("microk8s", "kubectl", 1, "Error from server (Forbidden): nodes \"machine-0\" is forbidden");
        assertEquals("blocked", ctx.run(Events.updateStatus(), base.withLeader(false)).unitStatus().name());
    }

    @Test
    void containerdEnvIsWrittenQuotedInsideTheSnapsFileAndRestartsContainerdOnlyOnChange() throws Exception {
        machine.installed("1.32/stable", "v1.32.3");
        java.nio.file.Files.createDirectories(machine.path(MachineFiles.CONTAINERD_ENV).getParent());
        java.nio.file.Files.writeString(machine.path(MachineFiles.CONTAINERD_ENV), "ulimit -n 65536 || true\n");
        State in = base.withLeader(false).withConfig(Map.of("containerd-env",
                "HTTPS_PROXY=http://proxy:3128\n# a comment\nNO_PROXY=\"10.0.0.0/8,it's\"\n"));
        State out = ctx.run(Events.configChanged(), in);
        assertTrue(machine.takeCalls().contains("snap restart microk8s.daemon-containerd"));
        assertEquals("ulimit -n 65536 || true\n"
                + "# BEGIN containerd-env (managed by the microk8s charm; edits are overwritten)\n"
                + "export HTTPS_PROXY='http://proxy:3128'\n"
                + "export NO_PROXY='10.0.0.0/8,it'\\''s'\n"
                + "# END containerd-env\n", machine.file(MachineFiles.CONTAINERD_ENV).orElseThrow());
        ctx.run(Events.configChanged(), out);
        assertFalse(machine.takeCalls().contains("snap restart microk8s.daemon-containerd"));
        ctx.run(Events.configChanged(), out.withConfig(Map.of()));
        assertTrue(machine.takeCalls().contains("snap restart microk8s.daemon-containerd"));
        assertEquals("ulimit -n 65536 || true\n", machine.file(MachineFiles.CONTAINERD_ENV).orElseThrow());
    }

    @Test
    void profileNoneDropsTheTuningAndTheProfilesAddonsButNotOthers() {
        State edge = ctx.run(Events.install(), base);
        machine.takeCalls();
        State out = ctx.run(Events.configChanged(), edge.withConfig(Map.of("profile", "none")));
        List<String> calls = machine.takeCalls();
        assertTrue(calls.containsAll(List.of("snap restart microk8s.daemon-kubelite", "microk8s disable dns",
                "microk8s disable hostpath-storage", "microk8s disable rbac")), calls.toString());
        assertFalse(calls.contains("microk8s disable ha-cluster"), "ha-cluster was never the charm's");
        assertEquals(Optional.empty(), machine.file(MachineFiles.SYSCTL_DROP_IN));
        assertFalse(machine.file(MachineFiles.KUBELET_ARGS).orElse("").contains("max-pods"));
        assertEquals(Status.active("node ready; addons: ha-cluster"), out.unitStatus());
        assertEquals(Optional.of("{}"), out.storedValue("addons"));
    }

    @Test
    void theRoleIsFixedAfterDeployment() {
        State deployed = ctx.run(Events.install(), base.withLeader(false).withConfig(Map.of("role", "worker")));
        assertEquals(Optional.of("\"worker\""), deployed.storedValue("role"));
        machine.takeCalls();
        State out = ctx.run(Events.configChanged(), deployed.withConfig(Map.of("role", "")));
        assertEquals(Status.blocked("[role] role cannot change from 'worker' after deployment"), out.unitStatus());
        assertEquals(List.of(), machine.takeCalls());
    }

    @Test
    void theSnapsContainerdEnvWithATrailingBlankLineIsLeftAloneAndContainerdNotRestarted() throws Exception {
        // canonical/microk8s v1.32 default-args/containerd-env ends with an empty line.
        String snaps = "# Attempt to change the maximum locked memory limit\nulimit -l 16384 || true\n\n";
        java.nio.file.Files.createDirectories(machine.path(MachineFiles.CONTAINERD_ENV).getParent());
        java.nio.file.Files.writeString(machine.path(MachineFiles.CONTAINERD_ENV), snaps);
        ctx.run(Events.install(), base);
        assertFalse(machine.takeCalls().contains("snap restart microk8s.daemon-containerd"));
        assertEquals(Optional.of(snaps), machine.file(MachineFiles.CONTAINERD_ENV));
    }

    @Test
    void aRewrittenFileKeepsItsGroup() throws Exception {
        java.nio.file.Path kubelet = machine.path(MachineFiles.KUBELET_ARGS);
        java.nio.file.Files.createDirectories(kubelet.getParent());
        java.nio.file.Files.writeString(kubelet, "--kubeconfig=${SNAP_DATA}/credentials/kubelet.config\n");
        var group = kubelet.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("4242");
        try {
            java.nio.file.Files.getFileAttributeView(kubelet, java.nio.file.attribute.PosixFileAttributeView.class)
                    .setGroup(group);
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("this user cannot give a file another group: " + e.getMessage());
        }
        ctx.run(Events.install(), base);
        assertTrue(machine.file(MachineFiles.KUBELET_ARGS).orElseThrow().contains("--max-pods=64"));
        assertEquals(group, java.nio.file.Files.readAttributes(kubelet,
                java.nio.file.attribute.PosixFileAttributes.class).group(), "the snap's microk8s group stays");
    }

    @Test
    void extraSansAddThePublicAddressAndNamesToTheApiServerCertificate() {
        State first = ctx.run(Events.install(), base.withConfig(Map.of("extra-sans", "%UNIT_PUBLIC_ADDRESS%,k8s.example.com")));
        assertEquals(FakeMachine.CSR_TEMPLATE
                + "# BEGIN extra-sans (managed by the microk8s charm; edits are overwritten)\n"
                + "[ alt_names ]\n"
                + "IP.1000 = 203.0.113.10\n"
                + "DNS.1001 = k8s.example.com\n"
                + "# END extra-sans\n", machine.file(ExtraSansComponent.CSR_TEMPLATE).orElseThrow());
        assertTrue(machine.takeCalls().contains("microk8s refresh-certs -e server.crt"));
        ctx.run(Events.updateStatus(), first);
        assertFalse(machine.takeCalls().contains("microk8s refresh-certs -e server.crt"), "unchanged: no new certificate");
        ctx.run(Events.configChanged(), first.withConfig(Map.of("extra-sans", "")));
        assertEquals(Optional.of(FakeMachine.CSR_TEMPLATE), machine.file(ExtraSansComponent.CSR_TEMPLATE));
        assertTrue(machine.takeCalls().contains("microk8s refresh-certs -e server.crt"));
    }
}
