package io.jcharm.charms.microk8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.HookFailedException;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer relation: seed, join tokens as an app-owned secret, joins, departures; and kubernetes-info. */
class MicroK8sClusterTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private final Context leader = Context.of(MicroK8sCharm::new);
    private final Context follower = Context.of(MicroK8sCharm::new).asUnit("microk8s/1");
    @TempDir
    Path tmp;
    private FakeMachine machine;
    private State base;

    @BeforeEach
    void setUp() {
        machine = new FakeMachine(tmp).installed("1.32/stable", "v1.32.3", "ha-cluster", "dns", "hostpath-storage", "rbac");
        base = State.empty().withEnvironment(machine.env()).withStored(Map.of("role", "\"\""));
    }

    private static boolean logged(State s, String text) {
        return s.logs().stream().anyMatch(l -> l.contains(text));
    }

    @Test
    void theLeaderSeedsTheClusterAndSharesATokenWhileAUnitWaitsToJoin() {
        RelationState peer = RelationState.peer("peer", "microk8s", List.of("microk8s/1"))
                .withRemoteUnitsData(Map.of("microk8s/1", Map.of("hostname", "machine-1")));
        State in = base.withLeader(true).withRelation(peer).withStored(Map.of("role", "\"\"", "addons", FakeMachine.EDGE_MANAGED));
        State out = leader.run(Events.relationJoined(peer), in);

        RelationState rel = out.relation(peer.id());
        String secretId = rel.localAppData().get("join-secret");
        assertEquals(Map.of("seed", "microk8s/0", "join-secret", secretId), rel.localAppData());
        assertEquals(Map.of("hostname", "machine-0", "joined", "true", "channel", "1.32/stable",
                "node-role", "control-plane"), rel.localUnitData());
        SecretState secret = out.secretByLabel(ClusterComponent.SECRET_LABEL).orElseThrow();
        assertEquals(secretId, secret.id());
        assertEquals(Optional.of("application"), secret.owner());
        assertEquals(Set.of(), secret.grantedTo(), "app-owned: the app's own units read it without a grant");
        String token = secret.content().get("token");
        assertTrue(token.matches("[0-9a-f]{32}"), token);
        assertEquals("10.1.0.10:25000/" + token, secret.content().get("join-urls"));
        List<String> calls = machine.takeCalls();
        assertTrue(calls.contains("microk8s add-node --token-ttl 7200 --format token"), calls.toString());
        assertTrue(calls.stream().noneMatch(c -> c.contains(token)), "the token on a command line of the leader: " + calls);
        long expires = Long.parseLong(out.storedValue("token-expires").orElseThrow());
        assertTrue(Math.abs(expires - Instant.now().getEpochSecond() - 7200) < 600, "expires " + expires);
        assertEquals(Optional.of("{\"microk8s/1\":\"machine-1\"}"), out.storedValue("peer-hostnames"));
        assertFalse(logged(out, token), "the token never reaches the log");
        assertEquals("active", out.unitStatus().name());
    }

    @Test
    void aValidTokenIsKeptAndAnOldOneRenewedInTheSameSecret() {
        SecretState secret = SecretState.ownedByApp(ClusterComponent.SECRET_LABEL,
                Map.of("token", TOKEN, "join-urls", "10.1.0.10:25000/" + TOKEN));
        RelationState peer = RelationState.peer("peer", "microk8s", List.of("microk8s/1"))
                .withLocalAppData(Map.of("seed", "microk8s/0", "join-secret", secret.id()));
        long fresh = Instant.now().getEpochSecond() + 7000;
        State in = base.withLeader(true).withRelation(peer).withSecret(secret)
                .withStored(Map.of("role", "\"\"", "addons", FakeMachine.EDGE_MANAGED, "token-expires", Long.toString(fresh)));
        leader.run(Events.updateStatus(), in);
        assertTrue(machine.takeCalls().stream().noneMatch(c -> c.startsWith("microk8s add-node")));

        long nearlyExpired = Instant.now().getEpochSecond() + 600;
        State out = leader.run(Events.updateStatus(), in.withStored(Map.of("role", "\"\"", "addons", FakeMachine.EDGE_MANAGED,
                "token-expires", Long.toString(nearlyExpired))));
        SecretState renewed = out.secretByLabel(ClusterComponent.SECRET_LABEL).orElseThrow();
        assertEquals(secret.id(), renewed.id());
        assertEquals(2, renewed.revision());
        assertNotEquals(TOKEN, renewed.latestContent().get("token"));
        assertTrue(machine.takeCalls().contains("microk8s add-node --token-ttl 7200 --format token"));
    }

    @Test
    void aRemovedJoinSecretIsReplacedByANewTokenInANewSecret() {
        RelationState peer = RelationState.peer("peer", "microk8s", List.of("microk8s/1"))
                .withLocalAppData(Map.of("seed", "microk8s/0", "join-secret", "secret:cv0tmpd2ju3s6ccccccc"));
        long fresh = Instant.now().getEpochSecond() + 7000;
        State out = leader.run(Events.updateStatus(), base.withLeader(true).withRelation(peer).withStored(Map.of(
                "role", "\"\"", "addons", FakeMachine.EDGE_MANAGED, "token-expires", Long.toString(fresh))));
        SecretState secret = out.secretByLabel(ClusterComponent.SECRET_LABEL).orElseThrow();
        assertEquals(secret.id(), out.relation(peer.id()).localAppData().get("join-secret"));
        assertTrue(machine.takeCalls().contains("microk8s add-node --token-ttl 7200 --format token"));
        assertTrue(secret.content().get("token").matches("[0-9a-f]{32}"));
        assertTrue(logged(out, "the join token secret secret:cv0tmpd2ju3s6ccccccc is gone (removed?)"));
    }

    @Test
    void noTokenIsMadeWhenEveryPeerHasJoined() {
        RelationState peer = RelationState.peer("peer", "microk8s", List.of("microk8s/1"))
                .withRemoteUnitsData(Map.of("microk8s/1", Map.of("hostname", "machine-1", "joined", "true")));
        State out = leader.run(Events.relationChanged(peer), base.withLeader(true).withRelation(peer));
        assertTrue(machine.takeCalls().stream().noneMatch(c -> c.startsWith("microk8s add-node")));
        assertFalse(out.relation(peer.id()).localAppData().containsKey("join-secret"));
    }

    private State followerWithToken(String role) {
        SecretState secret = SecretState.ownedByApp(ClusterComponent.SECRET_LABEL,
                Map.of("token", TOKEN, "join-urls", "10.1.0.10:25000/" + TOKEN));
        RelationState peer = RelationState.peer("peer", "microk8s", List.of("microk8s/0"))
                .withLocalAppData(Map.of("seed", "microk8s/0", "join-secret", secret.id()));
        return base.withRelation(peer).withSecret(secret).withConfig(Map.of("role", role))
                .withStored(Map.of("role", "\"" + role + "\""));
    }

    @Test
    void aFollowerJoinsOnceThroughTheSharedUrl() {
        State in = followerWithToken("");
        State out = follower.run(Events.relationAppChanged(in.relation("peer")), in);
        List<String> calls = machine.takeCalls();
        assertTrue(calls.contains("microk8s join 10.1.0.10:25000/" + TOKEN), calls.toString());
        assertEquals(Optional.of("\"control-plane\""), out.storedValue("joined"));
        assertEquals(Map.of("hostname", "machine-0", "joined", "true", "channel", "1.32/stable",
                "node-role", "control-plane"), out.relation("peer").localUnitData());
        assertFalse(logged(out, TOKEN));
        assertTrue(logged(out, "joined the microk8s cluster through 10.1.0.10:25000"));
        assertEquals("active", out.unitStatus().name());
        assertEquals(Set.of(MicroK8sCharm.API_SERVER), out.openedPorts());

        follower.run(Events.updateStatus(), out);
        assertTrue(machine.takeCalls().stream().noneMatch(c -> c.startsWith("microk8s join")));
    }

    @Test
    void aWorkerJoinsWithWorkerAndReportsWithoutAnApiServer() {
        State in = followerWithToken("worker");
        State out = follower.run(Events.relationAppChanged(in.relation("peer")), in);
        assertTrue(machine.takeCalls().contains("microk8s join 10.1.0.10:25000/" + TOKEN + " --worker"));
        assertEquals(Optional.of("\"worker\""), out.storedValue("joined"));
        assertEquals(Status.active("worker node joined the cluster"), out.unitStatus());
        assertEquals(Set.of(), out.openedPorts());

        follower.run(Events.updateStatus(), out);
        assertEquals(List.of("snap list microk8s", "hostname"), machine.takeCalls());
    }

    @Test
    void aFailedJoinFailsTheHookWithStderrLoggedAndTheTokenRedacted() {
        machine.fail("microk8s", "join", 1, "Connection failed. Invalid token (500).");
        State in = followerWithToken("");
        HookFailedException e = assertThrows(HookFailedException.class,
                () -> follower.run(Events.relationAppChanged(in.relation("peer")), in));
        assertTrue(e.logs().stream().anyMatch(l -> l.contains("command `microk8s join ***` failed with"
                + " exit code 1: Connection failed. Invalid token (500).")), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @Test
    void aFollowerThatCannotReadTheJoinSecretWaitsSayingWhy() {
        State in = followerWithToken("");
        String id = in.relation("peer").localAppData().get("join-secret");
        State out = follower.run(Events.relationAppChanged(in.relation("peer")),
                in.withSecrets(List.of(SecretState.notGranted(id))));
        assertEquals(Status.waiting("[cluster] waiting for the join token secret " + id + " to become readable"
                + " (permission denied); the leader replaces a removed one"), out.unitStatus());
        assertTrue(machine.takeCalls().stream().noneMatch(c -> c.startsWith("microk8s join")));
    }

    @Test
    void aFollowerWaitsForTheSeedAndThenForTheToken() {
        RelationState peer = RelationState.peer("peer", "microk8s", List.of("microk8s/0"));
        State noSeed = follower.run(Events.relationJoined(peer), base.withRelation(peer));
        assertEquals(Status.waiting("[cluster] waiting for the leader to start the cluster"), noSeed.unitStatus());
        assertEquals(Map.of("hostname", "machine-0", "channel", "1.32/stable", "node-role", "control-plane"),
                noSeed.relation("peer").localUnitData());

        RelationState seeded = peer.withLocalAppData(Map.of("seed", "microk8s/0"));
        State noToken = follower.run(Events.relationAppChanged(seeded), base.withRelation(seeded));
        assertEquals(Status.waiting("[cluster] waiting for a join token from the leader (seed microk8s/0)"),
                noToken.unitStatus());
        assertTrue(machine.takeCalls().stream().noneMatch(c -> c.startsWith("microk8s join")));
    }

    @Test
    void theLeaderRemovesADepartedNodeByTheHostnameItRemembered() {
        machine.nodes("machine-0", "machine-1", "machine-2");
        RelationState peer = RelationState.peer("peer", "microk8s", List.of("microk8s/2"))
                .withLocalAppData(Map.of("seed", "microk8s/0"));
        State in = base.withLeader(true).withRelation(peer).withStored(Map.of("role", "\"\"", "addons", FakeMachine.EDGE_MANAGED,
                "peer-hostnames", "{\"microk8s/1\":\"machine-1\",\"microk8s/2\":\"machine-2\"}"));
        State out = leader.run(Events.relationDeparted(peer, "microk8s/1"), in);
        assertTrue(machine.takeCalls().contains("microk8s remove-node machine-1 --force"));
        assertFalse(machine.hasNode("machine-1"));
        assertEquals(Optional.of("{\"microk8s/2\":\"machine-2\"}"), out.storedValue("peer-hostnames"));
        assertFalse(out.relation(peer.id()).localAppData().containsKey("remove-nodes"), "the queue is done");
        assertEquals("active", out.unitStatus().name());
    }

    @Test
    void aNodeAlreadyGoneIsNotAnErrorButAnotherFailureIs() {
        machine.nodes("machine-0"); // remove-node answers on stdout: "Node machine-1 does not exist in Kubernetes."
        RelationState peer = RelationState.peer("peer", "microk8s", List.of()).withLocalAppData(Map.of("seed", "microk8s/0"));
        State in = base.withLeader(true).withRelation(peer).withStored(Map.of("role", "\"\"", "addons", FakeMachine.EDGE_MANAGED,
                "peer-hostnames", "{\"microk8s/1\":\"machine-1\"}"));
        State out = leader.run(Events.relationDeparted(peer, "microk8s/1"), in);
        assertTrue(logged(out, "node machine-1 was already gone"));

        machine.fail("microk8s", "remove-node", 1, "Failed to connect to dqlite");
        HookFailedException e = assertThrows(HookFailedException.class,
                () -> leader.run(Events.relationDeparted(peer, "microk8s/1"), in));
        assertTrue(e.getMessage().contains("command `microk8s remove-node machine-1 --force` failed with exit code 1:"
                + " Failed to connect to dqlite"), e.getMessage());
    }

    @Test
    void theDepartingUnitItselfRemovesNoNode() {
        RelationState peer = RelationState.peer("peer", "microk8s", List.of()).withLocalAppData(Map.of("seed", "microk8s/0"));
        leader.run(Events.relationDeparted(peer, "microk8s/0"), base.withLeader(true).withRelation(peer));
        assertTrue(machine.takeCalls().stream().noneMatch(c -> c.startsWith("microk8s remove-node")));
    }

    @Test
    void kubernetesInfoCarriesTheKubeletAndCniPathsFromTheLeaderOnly() {
        RelationState info = RelationState.of("kubernetes-info", "istio");
        State out = leader.run(Events.relationJoined(info), base.withLeader(true).withRelation(info)
                .withStored(Map.of("role", "\"\"", "addons", FakeMachine.EDGE_MANAGED)));
        assertEquals(Map.of("kubelet-root-dir", "/var/snap/microk8s/common/var/lib/kubelet",
                "cni-bin-dir", "/var/snap/microk8s/current/opt/cni/bin",
                "cni-conf-dir", "/var/snap/microk8s/current/args/cni-network"), out.relation(info.id()).localAppData());
        State notLeader = follower.run(Events.relationJoined(info), base.withRelation(info));
        assertEquals(Map.of(), notLeader.relation(info.id()).localAppData());
    }

    @Test
    void aRetriedHookDoesNotJoinASecondTime() {
        machine.clustered(false); // the first try joined, then the hook failed and its state was dropped
        State in = followerWithToken("");
        State out = follower.run(Events.relationAppChanged(in.relation("peer")), in);
        assertTrue(machine.takeCalls().stream().noneMatch(c -> c.startsWith("microk8s join")));
        assertEquals(Optional.of("\"control-plane\""), out.storedValue("joined"));
        assertTrue(logged(out, "already joined the microk8s cluster as control-plane"));
    }
}
