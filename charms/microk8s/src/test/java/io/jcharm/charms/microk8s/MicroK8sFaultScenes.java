package io.jcharm.charms.microk8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import io.jcharm.testing.TestEvent;
import io.jcharm.testing.faults.FaultChecks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenes {@link MicroK8sFaultsTest} puts its faults into: three fake machines with MicroK8s
 * 1.32 installed (m0 to m2, hostnames machine-0 to machine-2), a seed leader on m0 that made a
 * join token, followers that see it; and the checks every cell makes on a machine: a second run
 * changes nothing there, and no join token shows on any command line but join's, nor in any
 * file of any machine.
 */
abstract class MicroK8sFaultScenes {
    /** Commands that only read the machine; everything else changes it. */
    private static final List<String> READS = List.of("snap list", "snap info", "microk8s status", "microk8s kubectl get",
            "hostname", "unit-get", "microk8s config");
    final Context unit0 = Context.of(MicroK8sCharm::new);
    final Context unit1 = unit0.asUnit("microk8s/1");
    final Context unit2 = unit0.asUnit("microk8s/2");
    @TempDir
    Path tmp;
    FakeMachine m0;
    FakeMachine m1;
    FakeMachine m2;
    /** The machine-changing commands of each run of the last {@link #idempotent} call. */
    final List<List<String>> runs = new ArrayList<>();
    /** Every join token a scene made, for the check after each test. */
    private final Set<String> tokens = new LinkedHashSet<>();

    @BeforeEach
    void machines() {
        m0 = machine("m0", "machine-0");
        m1 = machine("m1", "machine-1");
        m2 = machine("m2", "machine-2");
    }

    /**
     * The token is on the argv of {@code microk8s join}, as MicroK8s's CLI requires (README,
     * Limits), and on no other command line of any machine (add-node makes and prints it); no
     * file the charm writes holds it.
     */
    @AfterEach
    void noTokenOnOtherCommandLinesOrFiles() {
        for (FakeMachine m : List.of(m0, m1, m2)) {
            for (String token : tokens) {
                for (String call : m.history()) {
                    assertTrue(!call.contains(token) || call.startsWith("microk8s join "),
                            "a join token on the command line " + call);
                }
                m.snapshot().forEach((file, text) -> assertFalse(text.contains(token), "a join token in " + file));
            }
        }
    }

    private FakeMachine machine(String dir, String host) {
        FakeMachine m = new FakeMachine(tmp.resolve(dir)).installed("1.32/stable", "v1.32.3", "ha-cluster", "dns",
                "hostpath-storage", "rbac");
        m.write("hostname", host + "\n");
        return m;
    }

    /** The seed leader on m0 with these peers waiting to join: it made a join token. */
    State seeded(String... waiting) {
        Map<String, Map<String, String>> bags = new LinkedHashMap<>();
        for (String u : waiting) {
            bags.put(u, Map.of("hostname", "machine-" + u.substring(u.indexOf('/') + 1)));
        }
        RelationState peer = RelationState.peer("peer", "microk8s", List.of(waiting)).withRemoteUnitsData(bags);
        State out = unit0.run(Events.relationChanged(peer), State.empty().withLeader(true).withEnvironment(m0.env())
                .withRelation(peer).withStored(Map.of("role", "\"\"", "addons", FakeMachine.EDGE_MANAGED)));
        assertEquals("active", out.unitStatus().name());
        assertTrue(m0.takeCalls().contains("microk8s add-node --token-ttl 7200 --format token"));
        return out;
    }

    /** The join token the state's secret holds now (its latest revision). */
    String token(State s) {
        String token = s.secretByLabel(ClusterComponent.SECRET_LABEL).orElseThrow().latestContent().get("token");
        tokens.add(token);
        return token;
    }

    /** A follower on {@code m} that sees the seed's app bag and the join secret, not yet joined. */
    static State follower(State seeded, FakeMachine m, String... others) {
        RelationState peer = RelationState.peer("peer", "microk8s", List.of(others))
                .withLocalAppData(seeded.relation("peer").localAppData());
        return State.empty().withEnvironment(m.env()).withRelation(peer).withSecrets(seeded.secrets())
                .withStored(Map.of("role", "\"\""));
    }

    /** The commands of {@code calls} that change the machine (install, enable, join, add-node...). */
    static List<String> changing(List<String> calls) {
        return calls.stream().filter(c -> READS.stream().noneMatch(c::startsWith)).toList();
    }

    /**
     * Runs {@code event} twice ({@link FaultChecks#assertIdempotent}): the second run leaves the
     * machine's files as the first left them and runs no command that changes the machine; the
     * first run's changing commands are in {@code runs.get(0)}.
     */
    State idempotent(Context c, TestEvent event, State in, FakeMachine m) {
        m.takeCalls();
        runs.clear();
        State first = FaultChecks.assertIdempotent(c, event, in, () -> {
            runs.add(changing(m.takeCalls()));
            return m.snapshot();
        });
        assertEquals(List.of(), runs.get(1), "a second " + event.name() + " changed the machine");
        return first;
    }

    /** The token shows in no log, status, action output, bag or stored state. */
    static void noTokenShown(State out, String token) {
        FaultChecks.assertNoSecretIn(out, List.of(token));
    }
}
