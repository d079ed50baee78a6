package io.jcharm.charms.microk8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Departed units' nodes: queued in peer data, removed only by a control-plane unit, leave before remove-node. */
class MicroK8sNodeRemovalTest {
    private final Context unit0 = Context.of(MicroK8sCharm::new);
    private final Context unit2 = Context.of(MicroK8sCharm::new).asUnit("microk8s/2");
    @TempDir
    Path tmp;
    private FakeMachine machine;
    private State base;

    @BeforeEach
    void setUp() {
        machine = new FakeMachine(tmp).installed("1.32/stable", "v1.32.3", "ha-cluster", "dns", "hostpath-storage", "rbac")
                .nodes("machine-0", "machine-1", "machine-2");
        base = State.empty().withEnvironment(machine.env());
    }

    private static boolean logged(State s, String text) {
        return s.logs().stream().anyMatch(l -> l.contains(text));
    }

    @Test
    void aWorkerLeaderHandsTheRemovalToAControlPlanePeerInsteadOfFailingTheHook() {
        machine.clustered(true); // the real remove-node refuses here, on stdout, exit 1
        RelationState peer = RelationState.peer("peer", "microk8s", List.of("microk8s/2"))
                .withLocalAppData(Map.of("seed", "microk8s/2"))
                .withRemoteUnitsData(Map.of("microk8s/2", Map.of("hostname", "machine-2", "node-role", "control-plane")));
        State in = base.withLeader(true).withRelation(peer).withConfig(Map.of("role", "worker")).withStored(Map.of(
                "role", "\"worker\"", "joined", "\"worker\"",
                "peer-hostnames", "{\"microk8s/1\":\"machine-1\",\"microk8s/2\":\"machine-2\"}"));
        State out = unit0.run(Events.relationDeparted(peer, "microk8s/1"), in);
        assertTrue(machine.takeCalls().stream().noneMatch(c -> c.startsWith("microk8s remove-node")));
        assertEquals("[\"machine-1\"]", out.relation(peer.id()).localAppData().get("remove-nodes"));
        assertEquals("microk8s/2", out.relation(peer.id()).localAppData().get("remover"));
        assertTrue(logged(out, "node removals (machine-1) handed to microk8s/2"));
        assertEquals(Status.active("worker node joined the cluster"), out.unitStatus());
    }

    @Test
    void theControlPlanePeerNamedRemoverRemovesAndReportsAndTheLeaderThenDropsTheQueue() {
        machine.write("hostname", "machine-2\n");
        RelationState peer = RelationState.peer("peer", "microk8s", List.of("microk8s/0"))
                .withLocalAppData(Map.of("seed", "microk8s/2", "remove-nodes", "[\"machine-1\"]", "remover", "microk8s/2"));
        State in = base.withRelation(peer).withStored(Map.of("role", "\"\"", "addons", FakeMachine.EDGE_MANAGED));
        State out = unit2.run(Events.relationAppChanged(peer), in);
        assertTrue(machine.takeCalls().contains("microk8s remove-node machine-1 --force"));
        assertEquals("[\"machine-1\"]", out.relation(peer.id()).localUnitData().get("removed-nodes"));

        machine.clustered(true);
        RelationState reported = RelationState.peer("peer", "microk8s", List.of("microk8s/2"))
                .withLocalAppData(Map.of("seed", "microk8s/2", "remove-nodes", "[\"machine-1\"]", "remover", "microk8s/2"))
                .withRemoteUnitsData(Map.of("microk8s/2", Map.of("hostname", "machine-2", "node-role", "control-plane",
                        "removed-nodes", "[\"machine-1\"]")));
        State led = unit0.run(Events.relationChanged(reported), base.withLeader(true).withRelation(reported)
                .withConfig(Map.of("role", "worker")).withStored(Map.of("role", "\"worker\"", "joined", "\"worker\"")));
        assertFalse(led.relation(reported.id()).localAppData().containsKey("remove-nodes"));
        assertTrue(machine.takeCalls().stream().noneMatch(c -> c.startsWith("microk8s remove-node")));
    }

    @Test
    void aDepartingLeaderLeavesFirstAndQueuesItselfForTheNextLeader() {
        machine.clustered(false);
        RelationState peer = RelationState.peer("peer", "microk8s", List.of("microk8s/2"))
                .withLocalAppData(Map.of("seed", "microk8s/0"));
        State in = base.withLeader(true).withRelation(peer).withStored(Map.of("role", "\"\"", "addons", FakeMachine.EDGE_MANAGED));
        State out = unit0.run(Events.relationDeparted(peer, "microk8s/0"), in);
        List<String> calls = machine.takeCalls();
        assertTrue(calls.contains("microk8s leave"), calls.toString());
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("microk8s remove-node")), "a unit never removes itself");
        assertFalse(machine.isClustered());
        assertEquals("[\"machine-0\"]", out.relation(peer.id()).localAppData().get("remove-nodes"));
        assertEquals(Status.maintenance("[cluster] left the microk8s cluster; this unit is being removed"), out.unitStatus());

        // The unit's remove hook does not leave a second time.
        unit0.run(Events.remove(), out);
        assertFalse(machine.takeCalls().contains("microk8s leave"));
    }

    @Test
    void theNextLeaderRemovesTheQueuedLeaderAndUnitsThatDepartedWhileNoneLed() {
        machine.write("hostname", "machine-2\n");
        RelationState peer = RelationState.peer("peer", "microk8s", List.of())
                .withLocalAppData(Map.of("seed", "microk8s/0", "remove-nodes", "[\"machine-0\"]"));
        State in = base.withLeader(true).withRelation(peer).withStored(Map.of("role", "\"\"", "addons", FakeMachine.EDGE_MANAGED,
                "joined", "\"control-plane\"", "peer-hostnames", "{\"microk8s/0\":\"machine-0\",\"microk8s/1\":\"machine-1\"}"));
        State out = unit2.run(Events.leaderElected(), in);
        List<String> calls = machine.takeCalls();
        assertTrue(calls.containsAll(List.of("microk8s remove-node machine-0 --force",
                "microk8s remove-node machine-1 --force")), calls.toString());
        assertFalse(out.relation(peer.id()).localAppData().containsKey("remove-nodes"));
        assertEquals(Optional.of("{}"), out.storedValue("peer-hostnames"));
    }

    @Test
    void theOnlyVoterCannotLeaveAndTheRemovalGoesOnSayingWhy() {
        machine.clustered(false).onlyVoter();
        RelationState peer = RelationState.peer("peer", "microk8s", List.of("microk8s/2"))
                .withLocalAppData(Map.of("seed", "microk8s/0"));
        State out = unit0.run(Events.relationDeparted(peer, "microk8s/0"),
                base.withRelation(peer).withStored(Map.of("role", "\"\"")));
        assertTrue(machine.takeCalls().contains("microk8s leave"));
        assertTrue(logged(out, "this node holds the only copy of the cluster database"), out.logs().toString());
        assertEquals(Optional.of("true"), out.storedValue("left"));
    }
}
