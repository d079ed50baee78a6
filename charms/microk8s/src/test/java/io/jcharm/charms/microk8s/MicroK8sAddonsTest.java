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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leader keeps addons in step with profile and config; others leave them alone. */
class MicroK8sAddonsTest {
    private final Context ctx = Context.of(MicroK8sCharm::new);
    @TempDir
    Path tmp;
    private FakeMachine machine;
    private State settled;

    @BeforeEach
    void setUp() {
        machine = new FakeMachine(tmp).installed("1.32/stable", "v1.32.3", "ha-cluster", "dns", "hostpath-storage", "rbac");
        settled = State.empty().withLeader(true).withEnvironment(machine.env())
                .withStored(Map.of("role", "\"\"", "addons", FakeMachine.EDGE_MANAGED));
    }

    /** The addon commands of one hook. */
    private List<String> addonCalls() {
        return machine.takeCalls().stream().filter(c -> c.startsWith("microk8s enable") || c.startsWith("microk8s disable"))
                .toList();
    }

    @Test
    void addedAddonsAreEnabledAndRemovedOnesDisabled() {
        State added = ctx.run(Events.configChanged(), settled.withConfig(Map.of("addons", "ingress registry")));
        assertEquals(List.of("microk8s enable ingress", "microk8s enable registry"), addonCalls());
        assertEquals(Status.active("node ready; addons: dns, ha-cluster, hostpath-storage, ingress, rbac, registry"),
                added.unitStatus());
        State removed = ctx.run(Events.configChanged(), added.withConfig(Map.of("addons", "ingress")));
        assertEquals(List.of("microk8s disable registry"), addonCalls());
        assertEquals(Optional.of("{\"dns\":\"dns\",\"hostpath-storage\":\"hostpath-storage\",\"rbac\":\"rbac\","
                + "\"ingress\":\"ingress\"}"), removed.storedValue("addons"));
    }

    @Test
    void metallbFollowsItsRangeAndIsReEnabledWhenTheRangeChanges() {
        State on = ctx.run(Events.configChanged(), settled.withConfig(Map.of("metallb-range", "10.64.140.43-10.64.140.49")));
        assertEquals(List.of("microk8s enable metallb:10.64.140.43-10.64.140.49"), addonCalls());
        ctx.run(Events.configChanged(), on.withConfig(Map.of("metallb-range", "10.64.140.50-10.64.140.59")));
        assertEquals(List.of("microk8s disable metallb", "microk8s enable metallb:10.64.140.50-10.64.140.59"), addonCalls());
    }

    @Test
    void anAddonEnabledByHandAndListedIsManagedFromThenOn() {
        machine.installed("1.32/stable", "v1.32.3", "ingress");
        State listed = ctx.run(Events.configChanged(), settled.withConfig(Map.of("addons", "ingress")));
        assertEquals(List.of(), addonCalls(), "already enabled: nothing to do");
        ctx.run(Events.configChanged(), listed.withConfig(Map.of()));
        assertEquals(List.of("microk8s disable ingress"), addonCalls());
    }

    @Test
    void anUnknownAddonBlocksAndNothingIsEnabled() {
        State out = ctx.run(Events.configChanged(), settled.withConfig(Map.of("addons", "ingress nosuch")));
        assertEquals(Status.blocked("[addons] unknown addon 'nosuch': the installed channel has no such addon; fix"
                + " addons (see `microk8s status` for the list) or choose another channel"), out.unitStatus());
        assertEquals(List.of(), addonCalls());
    }

    @Test
    void aFailingEnableFailsTheHookWithCommandAndStderrLogged() {
        machine.fail("microk8s", "enable", 1, "Addon ingress: timed out waiting for the controller pod");
        HookFailedException e = assertThrows(HookFailedException.class,
                () -> ctx.run(Events.configChanged(), settled.withConfig(Map.of("addons", "ingress"))));
        assertTrue(e.logs().stream().anyMatch(l -> l.contains("command `microk8s enable ingress` failed with exit code 1:"
                + " Addon ingress: timed out waiting for the controller pod")), e.getMessage());
    }

    @Test
    void followersNeverTouchAddons() {
        State out = ctx.run(Events.configChanged(), settled.withLeader(false).withConfig(Map.of("addons", "ingress")));
        assertEquals(List.of(), addonCalls());
        assertFalse(machine.addonEnabled("ingress"));
        assertEquals(Status.active("node ready; addons: dns, ha-cluster, hostpath-storage, rbac"), out.unitStatus());
    }

    @Test
    void repositoryQualifiedAddonsAreEnabledAsWritten() {
        ctx.run(Events.configChanged(), settled.withConfig(Map.of("addons", "core/ingress")));
        assertEquals(List.of("microk8s enable core/ingress"), addonCalls());
        assertTrue(machine.addonEnabled("ingress"));
    }

    @Test
    void aCommunityAddonIsEnabledAfterItsRepository() {
        State out = ctx.run(Events.configChanged(), settled.withConfig(Map.of("addons", "community/argocd community")));
        assertEquals(List.of("microk8s enable community", "microk8s enable community/argocd"), addonCalls());
        assertTrue(machine.addonEnabled("argocd"));
        assertEquals("active", out.unitStatus().name(), out.unitStatus().toString());
    }

    @Test
    void aCommunityAddonWithoutItsRepositoryBlocksSayingSo() {
        State out = ctx.run(Events.configChanged(), settled.withConfig(Map.of("addons", "community/argocd")));
        assertEquals(Status.blocked("[addons] unknown addon 'argocd': the installed channel has no such addon; its"
                + " repository community is not enabled: list community in addons before community/argocd"), out.unitStatus());
        assertEquals(List.of(), addonCalls());
    }

    @Test
    void disablingHostpathStorageAnswersItsQuestionKeepingTheData() {
        State out = ctx.run(Events.configChanged(), settled.withConfig(Map.of("profile", "none")));
        assertTrue(addonCalls().contains("microk8s disable hostpath-storage"));
        assertFalse(machine.addonEnabled("hostpath-storage"));
        assertEquals(Status.active("node ready; addons: ha-cluster"), out.unitStatus());
    }

    @Test
    void helmComesWithTheSnapSoItIsNeitherListedNorDisabled() {
        State listed = ctx.run(Events.configChanged(), settled.withConfig(Map.of("addons", "helm3")));
        assertEquals(List.of(), addonCalls(), "status reports helm3 enabled: there is nothing to enable");
        assertEquals(Status.active("node ready; addons: dns, ha-cluster, hostpath-storage, rbac"), listed.unitStatus());
        State dropped = ctx.run(Events.configChanged(), listed.withConfig(Map.of()));
        assertEquals(List.of(), addonCalls());
        assertTrue(dropped.logs().stream().anyMatch(l -> l.contains("helm3 is no longer listed; it comes with the snap")));
    }
}
