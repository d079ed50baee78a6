package io.jcharm.charms.microk8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import io.jcharm.testing.faults.FaultChecks;
import io.jcharm.testing.faults.FaultKind;
import io.jcharm.testing.faults.FaultMatrix;
import io.jcharm.testing.faults.FaultRecorder;
import io.jcharm.testing.revisions.Revisions;
import io.jcharm.testing.revisions.Settle;
import io.jcharm.testing.revisions.Snapshot;
import io.jcharm.testing.revisions.Upgrade;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * microk8s upgraded from each shipped revision's settled state (src/test/resources/revisions/):
 * the machine as that revision left it (the snap's state and the files the charm wrote, which a
 * refresh keeps), its unit state (join token secret, peers, managed addons), then this build's
 * upgrade-charm and config-changed.
 */
@FaultMatrix(charm = "microk8s")
class MicroK8sUpgradeTest {
    private final Context ctx = Context.of(MicroK8sCharm::new);
    @TempDir
    Path tmp;
    private FakeMachine machine;

    @BeforeEach
    void setUp() {
        machine = new FakeMachine(tmp);
    }

    /** The deployment a revision settles: leader installs, microk8s/1 joins over the peer relation, istio reads kubernetes-info. */
    private State settle() {
        RelationState peer = RelationState.peer("peer", "microk8s", List.of("microk8s/1"))
                .withRemoteUnitsData(Map.of("microk8s/1", Map.of("hostname", "machine-1")));
        State s = Settle.deploy(ctx, State.empty().withLeader(true).withEnvironment(machine.env()), List.of(peer));
        // microk8s/1 used the token and says so.
        s = s.withRelation(s.relation(peer.id()).withRemoteUnitsData(Map.of("microk8s/1", Map.of("hostname", "machine-1",
                "joined", "true", "node-role", "control-plane"))));
        machine.nodes("machine-0", "machine-1");
        s = ctx.run(Events.relationChanged(s.relation(peer.id())), s);
        return Settle.relate(ctx, s, RelationState.of("kubernetes-info", "istio"));
    }

    /** The machine's files, relative to the test's directory, but the fake tools and their call log. */
    /** FakeMachine's snapshot (no command logs) keyed relative to the test directory, as captured. */
    private Map<String, String> machineFiles() {
        Map<String, String> out = new TreeMap<>();
        machine.snapshot().forEach((path, text) -> out.put(tmp.relativize(Path.of(path)).toString(), text));
        return out;
    }

    @Test
    @EnabledIfSystemProperty(named = Revisions.CAPTURE, matches = ".+")
    void capture() {
        State settled = settle();
        assertEquals("active", settled.unitStatus().name(), settled.unitStatus().toString());
        Revisions.capture("microk8s", "leader installed from the default channel with the edge addons; microk8s/1 joined"
                + " with the leader's token; kubernetes-info to istio", settled.withEnvironment(Map.of()), Map.of(),
                List.of(), machineFiles(), Map.of());
    }

    @Test
    void upgradesFromEachShippedRevision(FaultRecorder faults) throws IOException {
        for (Snapshot old : Revisions.previous("microk8s", Map.of())) {
            for (Map.Entry<String, String> f : old.machine().entrySet()) {
                Path p = tmp.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
            Map<String, String> files = machineFiles();
            machine.takeCalls();
            Upgrade up = Upgrade.run(ctx, old, machine.env(), this::machineFiles, old.secretValues(), List::of);
            assertEquals("active", up.settled().unitStatus().name(), up.settled().unitStatus().toString());
            List<String> calls = machine.takeCalls();
            assertTrue(calls.stream().noneMatch(c -> c.startsWith("snap install") || c.startsWith("snap refresh")
                    || c.startsWith("microk8s join") || c.startsWith("microk8s leave")), "the upgrade touched the snap: " + calls);
            FaultChecks.assertKept(files, machineFiles());
            up.assertRelationDataKept();
            faults.observed(FaultKind.UPGRADE, up.variant(), FaultChecks.outcome(up.settled())
                    + "; the snap, the cluster membership and the machine's files untouched");
        }
    }
}
