package io.jcharm.charms.microk8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A channel change refreshes one unit at a time, control-plane units before workers. */
class MicroK8sRefreshTest {
    private final Context unit0 = Context.of(MicroK8sCharm::new);
    private final Context unit1 = Context.of(MicroK8sCharm::new).asUnit("microk8s/1");
    @TempDir
    Path tmp;
    private FakeMachine machine;
    private State base;

    @BeforeEach
    void setUp() {
        machine = new FakeMachine(tmp).installed("1.32/stable", "v1.32.3", "ha-cluster", "dns", "hostpath-storage", "rbac");
        base = State.empty().withEnvironment(machine.env()).withConfig(Map.of("channel", "1.33/stable"));
    }

    @Test
    void theLeaderRefreshesFirstThenHandsTheTurnToTheControlPlaneBeforeTheWorker() {
        RelationState peer = RelationState.peer("peer", "microk8s", List.of("microk8s/1", "microk8s/2"))
                .withLocalAppData(Map.of("seed", "microk8s/0"))
                .withRemoteUnitsData(Map.of(
                        "microk8s/1", Map.of("hostname", "machine-1", "channel", "1.32/stable", "node-role", "worker"),
                        "microk8s/2", Map.of("hostname", "machine-2", "channel", "1.32/stable", "node-role", "control-plane")));
        State out = unit0.run(Events.configChanged(), base.withLeader(true).withRelation(peer)
                .withStored(Map.of("role", "\"\"", "addons", FakeMachine.EDGE_MANAGED)));
        assertTrue(machine.takeCalls().contains("snap refresh microk8s --channel 1.33/stable"));
        assertEquals("{\"channel\":\"1.33/stable\",\"unit\":\"microk8s/2\"}",
                out.relation(peer.id()).localAppData().get("refresh-turn"));
        assertEquals("1.33/stable", out.relation(peer.id()).localUnitData().get("channel"));
    }

    @Test
    void aUnitWaitsForItsTurnAndRefreshesWhenItComes() {
        RelationState waiting = RelationState.peer("peer", "microk8s", List.of("microk8s/0"))
                .withLocalAppData(Map.of("seed", "microk8s/0",
                        "refresh-turn", "{\"channel\":\"1.33/stable\",\"unit\":\"microk8s/2\"}"));
        State in = base.withRelation(waiting).withConfig(Map.of("channel", "1.33/stable", "role", "worker"))
                .withStored(Map.of("role", "\"worker\"", "joined", "\"worker\""));
        State out = unit1.run(Events.configChanged(), in);
        assertTrue(machine.takeCalls().stream().noneMatch(c -> c.startsWith("snap refresh")));
        assertEquals(Status.waiting("[snap] waiting for its turn to refresh microk8s to 1.33/stable (one unit at a time,"
                + " control plane first; now: microk8s/2)"), out.unitStatus());
        assertEquals("1.32/stable", out.relation(waiting.id()).localUnitData().get("channel"), "the leader sees it is behind");

        RelationState mine = waiting.withLocalAppData(Map.of("seed", "microk8s/0",
                "refresh-turn", "{\"channel\":\"1.33/stable\",\"unit\":\"microk8s/1\"}"));
        unit1.run(Events.relationAppChanged(mine), in.withRelation(mine));
        assertTrue(machine.takeCalls().contains("snap refresh microk8s --channel 1.33/stable"));
    }
}
