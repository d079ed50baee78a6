package io.jcharm.charms.microk8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubeconfig action and the remove hook. */
class MicroK8sActionAndRemoveTest {
    private final Context ctx = Context.of(MicroK8sCharm::new);
    @TempDir
    Path tmp;
    private FakeMachine machine;
    private State base;

    @BeforeEach
    void setUp() {
        machine = new FakeMachine(tmp);
        base = State.empty().withEnvironment(machine.env()).withStored(Map.of("role", "\"\""));
    }

    @Test
    void kubeconfigIsReturnedOnlyAsTheActionResult() {
        machine.installed("1.32/stable", "v1.32.3");
        State out = ctx.run(Events.action("kubeconfig", Map.of()), base);
        String kubeconfig = out.actionResults().get("kubeconfig");
        assertTrue(kubeconfig.startsWith("apiVersion: v1\n") && kubeconfig.contains("token: KUBECONFIG-SECRET-TOKEN\n"),
                kubeconfig);
        assertEquals(Optional.empty(), out.actionFailure());
        assertFalse(out.logs().stream().anyMatch(l -> l.contains("KUBECONFIG-SECRET-TOKEN")));
        assertFalse(out.actionLogs().stream().anyMatch(l -> l.contains("KUBECONFIG-SECRET-TOKEN")));
        assertTrue(machine.takeCalls().contains("microk8s config"));
    }

    @Test
    void kubeconfigFailsOnAWorkerBeforeInstallAndWhenTheCommandFails() {
        State worker = ctx.run(Events.action("kubeconfig", Map.of()), base.withStored(Map.of("joined", "\"worker\"")));
        assertEquals(Optional.of("microk8s/0 is a worker node and has no API server; run kubeconfig on a control-plane"
                + " unit (for example the leader: juju run microk8s/leader kubeconfig)"), worker.actionFailure());

        State notInstalled = ctx.run(Events.action("kubeconfig", Map.of()), base);
        assertEquals(Optional.of("microk8s is not installed on microk8s/0 yet; wait until the unit is active"),
                notInstalled.actionFailure());

        machine.installed("1.32/stable", "v1.32.3").fail("microk8s", "config", 1, "microk8s is not running");
        State failed = ctx.run(Events.action("kubeconfig", Map.of()), base);
        assertEquals(Optional.of("`microk8s config` failed with exit code 1: microk8s is not running"),
                failed.actionFailure());
        assertTrue(failed.actionResults().isEmpty());
    }

    @Test
    void aJoinedUnitLeavesAndKeepsTheSnapByDefault() {
        machine.installed("1.32/stable", "v1.32.3").clustered(false);
        State out = ctx.run(Events.remove(), base.withStored(Map.of("joined", "\"control-plane\"")));
        assertEquals(List.of("snap list microk8s", "microk8s leave"), machine.takeCalls());
        assertTrue(out.logs().stream().anyMatch(l -> l.contains("purge-on-remove is false")));
    }

    @Test
    void purgeOnRemoveRemovesTheSnapAndTheSysctlDropIn() {
        State installed = ctx.run(Events.install(), base.withLeader(true).withConfig(Map.of("purge-on-remove", true)));
        assertTrue(machine.file(MachineFiles.SYSCTL_DROP_IN).isPresent());
        machine.takeCalls();
        ctx.run(Events.remove(), installed);
        assertEquals(List.of("snap list microk8s", "snap remove microk8s --purge"), machine.takeCalls(),
                "the seed does not leave: it is the cluster");
        assertEquals(Optional.empty(), machine.file(MachineFiles.SYSCTL_DROP_IN));
    }

    @Test
    void removeWithoutTheSnapDoesNothing() {
        ctx.run(Events.remove(), base.withConfig(Map.of("purge-on-remove", true)));
        assertEquals(List.of("snap list microk8s"), machine.takeCalls());
    }

    @Test
    void theOnlyVoterIsStillRemovedWithTheReasonLogged() {
        machine.installed("1.32/stable", "v1.32.3").clustered(false).onlyVoter();
        State out = ctx.run(Events.remove(), base.withStored(Map.of("joined", "\"control-plane\"")));
        assertEquals(List.of("snap list microk8s", "microk8s leave"), machine.takeCalls());
        assertTrue(out.logs().stream().anyMatch(l -> l.contains("`microk8s leave` refuses (exit 3) and has no --force")));
    }
}
