package io.jcharm.charms.microk8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import io.jcharm.testing.TestEvent;
import io.jcharm.testing.faults.FaultChecks;
import io.jcharm.testing.faults.FaultKind;
import io.jcharm.testing.faults.FaultMatrix;
import io.jcharm.testing.faults.FaultRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * microk8s's row of the fault matrix (docs/faults.md), on fake machines ({@link MicroK8sFaultScenes}):
 * a seed leader keeps a join token (an app-owned secret) valid while peers wait to join. Every
 * fault must leave that secret, the cluster membership and the controller state as they were,
 * a second run must change nothing on the machine, and the token must show nowhere but on the
 * argv of {@code microk8s join}, the one command that takes it only there. The
 * Kubernetes API faults reach the charm through the snap's commands: {@code microk8s kubectl get
 * node} (its one read) and {@code microk8s enable} (whose addon scripts apply manifests).
 */
@FaultMatrix(charm = "microk8s")
class MicroK8sFaultsTest extends MicroK8sFaultScenes {
    @Test
    void hookToolFaultsDuringAJoinFailTheHookAndNeverJoinTwice(FaultRecorder faults) throws IOException {
        State seeded = seeded("microk8s/1");
        String token = token(seeded);
        State in = follower(seeded, m1, "microk8s/0");
        TestEvent changed = Events.relationAppChanged(in.relation("peer"));
        for (FaultKind kind : List.of(FaultKind.RELATION_GET_FAILS, FaultKind.RELATION_GET_TIMES_OUT,
                FaultKind.SECRET_GET_FAILS, FaultKind.SECRET_GET_TIMES_OUT, FaultKind.STATUS_SET_FAILS,
                FaultKind.STATUS_SET_TIMES_OUT, FaultKind.STATE_SET_FAILS, FaultKind.STATE_SET_TIMES_OUT)) {
            String tool = kind.hookTool().orElseThrow();
            Files.deleteIfExists(m1.path(ClusterComponent.JOINED_LOCK)); // each kind on a machine that never joined
            State[] out = new State[1];
            String outcome = FaultChecks.outcomeOrHookFails(unit1.withToolFault(tool, kind.toolFault()), changed, in, out);
            assertFalse(outcome.contains(token), outcome);
            List<String> calls = m1.takeCalls();
            noTokenShown(out[0] == null ? in : out[0], token);
            long joins = calls.stream().filter(c -> c.startsWith("microk8s join ")).count();
            if (kind.name().startsWith("STATE_SET")) {
                // join ran, then recording it failed: Juju drops the hook's state and retries.
                assertEquals(1, joins);
                State retried = unit1.run(changed, in);
                assertTrue(m1.takeCalls().stream().noneMatch(c -> c.startsWith("microk8s join ")), "joined twice");
                assertEquals(java.util.Optional.of("\"control-plane\""), retried.storedValue("joined"));
                outcome += "; join had run: the retry finds join's lock file, records the membership, joins no second time";
            } else {
                assertEquals(0, joins, tool + " failing must stop the hook before it joins");
                outcome += "; no join ran";
            }
            faults.observed(kind, tool + " (follower joining)", outcome);
        }
        Files.deleteIfExists(m1.path(ClusterComponent.JOINED_LOCK));
        State joined = unit1.run(changed, in);
        assertEquals("active", joined.unitStatus().name());
        FaultChecks.assertNothingLost(in, joined);
        State again = idempotent(unit1, Events.updateStatus(), joined, m1);
        noTokenShown(again, token);
    }

    @Test
    void kubernetesApiFaultsReachTheCharmThroughMicroK8sKubectlAndEnable(FaultRecorder faults) throws IOException {
        State in = seeded("microk8s/1");
        String token = token(in);
        Map<FaultKind, String> reads = new LinkedHashMap<>();
        reads.put(FaultKind.K8S_403, "Error from server (Forbidden): nodes \"machine-0\" is forbidden: User \"admin\""
                + " cannot get resource \"nodes\" in API group \"\" at the cluster scope");
        reads.put(FaultKind.K8S_429, "Error from server (TooManyRequests): the server has received too many requests and"
                + " has asked us to try again later (get nodes machine-0)");
        reads.put(FaultKind.K8S_5XX, "Error from server (ServiceUnavailable): the server is currently unable to handle the"
                + " request (get nodes machine-0)");
        reads.put(FaultKind.K8S_TIMEOUT, "Error from server (Timeout): the server was unable to return a response in the"
                + " time allotted, but may still be processing the request (get nodes machine-0)");
        for (Map.Entry<FaultKind, String> e : reads.entrySet()) {
            m0.fail("microk8s", "kubectl", 1, e.getValue());
            State out = idempotent(unit0, Events.updateStatus(), in, m0);
            assertEquals(e.getKey() == FaultKind.K8S_403 ? "blocked" : "waiting", out.unitStatus().name());
            assertFalse(out.unitStatus().message().contains("not registered"), "a failed read is not a missing node: "
                    + out.unitStatus());
            FaultChecks.assertNothingLost(in, out);
            noTokenShown(out, token);
            faults.observed(e.getKey(), "microk8s kubectl get node (update-status)", FaultChecks.outcome(out)
                    + "; nothing changed on the machine");
            m0.heal();
        }
        assertEquals(Status.active("node ready; addons: dns, ha-cluster, hostpath-storage, rbac"),
                unit0.run(Events.updateStatus(), in).unitStatus());

        // Writes go through `microk8s enable`, whose addon scripts apply manifests with kubectl.
        Map<FaultKind, String> writes = new LinkedHashMap<>();
        writes.put(FaultKind.K8S_409, "Error from server (Conflict): error when applying patch: Operation cannot be"
                + " fulfilled on daemonsets.apps \"nginx-ingress-microk8s-controller\": the object has been modified;"
                + " please apply your changes to the latest version and try again");
        writes.put(FaultKind.K8S_422, "The DaemonSet \"nginx-ingress-microk8s-controller\" is invalid:"
                + " spec.template.spec.containers[0].image: Required value");
        writes.put(FaultKind.K8S_CONNECTION_DROPPED, "The connection to the server 127.0.0.1:16443 was refused - did you"
                + " specify the right host or port?");
        State more = in.withConfig(Map.of("addons", "ingress registry"));
        for (Map.Entry<FaultKind, String> e : writes.entrySet()) {
            // The connection drops after the first addon of the ordered list applied.
            String failing = e.getKey() == FaultKind.K8S_CONNECTION_DROPPED ? "registry" : "ingress";
            m0.fail("microk8s", "enable", failing, 1, e.getValue());
            String outcome = FaultChecks.hookFails(() -> unit0.run(Events.configChanged(), more));
            m0.heal();
            m0.takeCalls();
            State retried = unit0.run(Events.configChanged(), more);
            List<String> calls = changing(m0.takeCalls());
            assertTrue(m0.addonEnabled("ingress") && m0.addonEnabled("registry"));
            if (failing.equals("registry")) {
                assertEquals(List.of("microk8s enable registry"), calls, "the retry resumes after what applied");
                outcome += "; the retry enables only registry (ingress applied before the drop)";
            }
            assertEquals("active", retried.unitStatus().name());
            FaultChecks.assertNothingLost(in, retried, AddonsComponent.STATE_KEY);
            noTokenShown(retried, token);
            faults.observed(e.getKey(), "microk8s enable " + failing + " (config-changed)", outcome);
            Files.deleteIfExists(m0.dir.resolve("addons/ingress"));
            Files.deleteIfExists(m0.dir.resolve("addons/registry"));
        }
        assertTrue(m0.takeCalls().stream().filter(c -> c.startsWith("microk8s kubectl"))
                .allMatch(c -> c.startsWith("microk8s kubectl get node ")));
        faults.notApplicable(FaultKind.K8S_404_CRD_NOT_ESTABLISHED, "microk8s applies no custom resources: addons apply"
                + " their own manifests inside `microk8s enable` (see 409/422), and its one API read is `kubectl get node`");
    }

    @Test
    void peerDataFaults(FaultRecorder faults) {
        State in = seeded("microk8s/1");
        String token = token(in);
        RelationState peer = in.relation("peer");
        Map<FaultKind, String> bad = new LinkedHashMap<>();
        bad.put(FaultKind.RELATION_MALFORMED, "[\"machine-2\"");
        bad.put(FaultKind.RELATION_WRONG_TYPES, "{\"machine-2\": true}");
        for (Map.Entry<FaultKind, String> e : bad.entrySet()) {
            RelationState r = peer.withRemoteUnitsData(Map.of("microk8s/1", Map.of("hostname", "machine-1", "joined",
                    "true", NodeRemovals.REMOVED, e.getValue())));
            State out = idempotent(unit0, Events.relationChanged(r), in.withRelation(r), m0);
            assertFalse(out.unitStatus().message().contains("\n"), out.unitStatus().toString());
            FaultChecks.assertNothingLost(in, out);
            noTokenShown(out, token);
            faults.observed(e.getKey(), "peer removed-nodes=" + e.getValue() + " (leader)", FaultChecks.outcome(out));
        }
        State noSecretId = follower(in, m1, "microk8s/0");
        RelationState seedOnly = noSecretId.relation("peer").withLocalAppData(Map.of("seed", "microk8s/0"));
        State waiting = idempotent(unit1, Events.relationAppChanged(seedOnly), noSecretId.withRelation(seedOnly), m1);
        assertFalse(m1.isClustered());
        faults.observed(FaultKind.RELATION_MISSING_KEYS, "peer app bag without join-secret (follower)",
                FaultChecks.outcome(waiting) + "; no join ran");

        String id = peer.localAppData().get("join-secret");
        State unreadable = follower(in, m1, "microk8s/0").withSecrets(List.of(SecretState.notGranted(id)));
        State notGranted = idempotent(unit1, Events.relationAppChanged(unreadable.relation("peer")), unreadable, m1);
        assertFalse(m1.isClustered());
        faults.observed(FaultKind.RELATION_SECRET_NOT_GRANTED, "join-secret the follower cannot read",
                FaultChecks.outcome(notGranted) + "; no join ran");

        // Someone ran `juju remove-secret` on the join secret while microk8s/1 waits: the leader makes a new one.
        State removed = in.withSecrets(List.of());
        State leader = idempotent(unit0, Events.updateStatus(), removed, m0);
        // (The test controller may hand out the removed secret's id again; Juju would not.)
        assertTrue(leader.secretByLabel(ClusterComponent.SECRET_LABEL).isPresent(), "no new join secret");
        assertFalse(token.equals(token(leader)), "the leader kept publishing the removed secret " + id);
        State joined = unit1.run(Events.relationAppChanged(follower(leader, m1, "microk8s/0").relation("peer")),
                follower(leader, m1, "microk8s/0"));
        assertTrue(m1.isClustered());
        faults.observed(FaultKind.RELATION_SECRET_REMOVED, "join-secret removed (leader, then follower)",
                FaultChecks.outcome(leader) + "; the leader issued a new token in a new secret; the follower then "
                        + FaultChecks.outcome(joined));
        assertEquals(java.util.Set.of("microk8s-peer", "kubernetes-info"), unit0.metadata().endpoints().values().stream()
                .map(ep -> ep.interfaceName()).collect(java.util.stream.Collectors.toSet()));
        faults.notApplicable(FaultKind.RELATION_UNSUPPORTED_SDI_VERSION, "microk8s-peer and kubernetes-info are plain"
                + " keys, not serialized-data-interface with versions");
    }

    @Test
    void everyOptionBadBlocksNamingItAndRunsNothingThatChangesTheMachine(FaultRecorder faults) {
        State in = seeded("microk8s/1");
        String token = token(in);
        SecretState noPassword = SecretState.granted(Map.of("username", "puller"));
        String registry = "[{\"url\": \"https://registry.example:5000\"}]";
        Map<String, State> bad = new LinkedHashMap<>();
        bad.put("channel", in.withConfig(Map.of("channel", "1.32/sometimes")));
        bad.put("channel (holds no release)", in.withConfig(Map.of("channel", "1.99/stable")));
        bad.put("profile", in.withConfig(Map.of("profile", "tiny")));
        bad.put("addons (syntax)", in.withConfig(Map.of("addons", "dns Ingress")));
        bad.put("addons (unknown addon)", in.withConfig(Map.of("addons", "kubeflow")));
        bad.put("metallb-range", in.withConfig(Map.of("metallb-range", "10.0.0.9-10.0.0.1")));
        bad.put("containerd-env", in.withConfig(Map.of("containerd-env", "HTTPS_PROXY")));
        bad.put("custom-registries", in.withConfig(Map.of("custom-registries", "[{\"url\": ")));
        bad.put("registry-credentials (removed)", in.withConfig(Map.of("custom-registries", registry,
                "registry-credentials", "secret:cv0tmpd2ju3s6aaaaaaa")));
        bad.put("registry-credentials (not granted)", in.withSecret(SecretState.notGranted("secret:cv0tmpd2ju3s6bbbbbbb"))
                .withConfig(Map.of("custom-registries", registry, "registry-credentials", "secret:cv0tmpd2ju3s6bbbbbbb")));
        bad.put("registry-credentials (no password)", in.withSecret(noPassword).withConfig(Map.of("custom-registries",
                registry, "registry-credentials", noPassword.id())));
        bad.put("extra-sans", in.withConfig(Map.of("extra-sans", "k8s example.com")));
        bad.put("role", in.withConfig(Map.of("role", "master")));
        bad.put("role (changed after deployment)", in.withConfig(Map.of("role", "worker")));
        for (Map.Entry<String, State> e : bad.entrySet()) {
            State out = idempotent(unit0, Events.configChanged(), e.getValue(), m0);
            String option = e.getKey().split(" ")[0];
            assertEquals("blocked", out.unitStatus().name(), e.getKey() + ": " + out.unitStatus());
            assertTrue(out.unitStatus().message().contains(option.equals("addons") ? "addon" : option)
                    || out.unitStatus().message().contains("channel"), out.unitStatus().toString());
            FaultChecks.assertNothingLost(in, out);
            noTokenShown(out, token);
            faults.observed(FaultKind.CONFIG_BAD, e.getKey(), FaultChecks.outcome(out));
        }
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> unit0.run(Events.configChanged(), in.withConfig(Map.of("purge-on-remove", "yes"))));
        assertTrue(refused.getMessage().contains("Juju would refuse that value"), refused.getMessage());
        faults.observed(FaultKind.CONFIG_BAD, "purge-on-remove", "refused by `juju config` before any hook (a boolean);"
                + " both values are valid");

        FakeMachine bare = new FakeMachine(tmp.resolve("bare"));
        State fresh = unit0.run(Events.install(), State.empty().withLeader(true).withEnvironment(bare.env()));
        State unset = idempotent(unit0, Events.configChanged(), fresh, bare);
        assertEquals("active", unset.unitStatus().name());
        faults.observed(FaultKind.CONFIG_UNSET, "all options (defaults), install then config-changed",
                FaultChecks.outcome(unset) + " (1.32/stable, edge profile, no MetalLB)");
    }

    @Test
    void machineRebootUpgradeAndRefusedDowngrade(FaultRecorder faults) {
        State seeded = seeded("microk8s/1");
        String token = token(seeded);
        State in1 = follower(seeded, m1, "microk8s/0");
        State joined = unit1.run(Events.relationAppChanged(in1.relation("peer")), in1);
        // The machines reboot: snapd starts MicroK8s again, and the API serves only after a while.
        m0.write("restarting", "");
        m1.write("restarting", "");
        State leaderUp = idempotent(unit0, Events.start(), seeded, m0);
        assertEquals(List.of(), runs.get(0), "the seed changed its machine after a reboot");
        State followerUp = idempotent(unit1, Events.start(), joined, m1);
        assertEquals(List.of(), runs.get(0), "the joined unit changed its machine after a reboot (joined again?)");
        for (State[] s : List.of(new State[] {seeded, leaderUp}, new State[] {joined, followerUp})) {
            assertEquals("active", s[1].unitStatus().name());
            FaultChecks.assertNothingLost(s[0], s[1]);
            assertEquals(s[0].relation("peer").localAppData(), s[1].relation("peer").localAppData());
            noTokenShown(s[1], token);
        }
        assertTrue(m1.isClustered());
        faults.observed(FaultKind.MACHINE_REBOOT, "start after reboot (seed leader; joined unit)", FaultChecks.outcome(leaderUp)
                + "; " + FaultChecks.outcome(followerUp) + "; no install, join or new token: same join secret, seed and"
                + " membership");
        m0.notReady();
        State down = idempotent(unit0, Events.start(), seeded, m0);
        FaultChecks.assertNothingLost(seeded, down);
        faults.observed(FaultKind.MACHINE_REBOOT, "start after reboot, MicroK8s not serving again", FaultChecks.outcome(down));
        m0.heal();
        assertEquals("active", unit0.run(Events.updateStatus(), down).unitStatus().name());

        State upgraded = idempotent(unit0, Events.upgradeCharm(), seeded, m0);
        assertEquals(List.of(), runs.get(0));
        FaultChecks.assertNothingLost(seeded, upgraded);
        faults.observed(FaultKind.UPGRADE, "upgrade-charm on the seed leader with a token in flight",
                FaultChecks.outcome(upgraded) + "; the same token and secret, nothing run that changes the machine");

        State back = idempotent(unit0, Events.configChanged(), seeded.withConfig(Map.of("channel", "1.31/stable")), m0);
        assertEquals(List.of(), runs.get(0), "a refused downgrade ran a command");
        FaultChecks.assertNothingLost(seeded, back);
        faults.observed(FaultKind.DOWNGRADE_REFUSED, "channel 1.32/stable -> 1.31/stable", FaultChecks.outcome(back));
        m2.write("channel", "1.33/stable\n");
        m2.write("version", "v1.33.3\n");
        State lagging = idempotent(unit2, Events.configChanged(), State.empty().withLeader(true).withEnvironment(m2.env())
                .withStored(Map.of("role", "\"\"")).withConfig(Map.of("channel", "latest/stable")), m2);
        assertEquals("blocked", lagging.unitStatus().name());
        faults.observed(FaultKind.DOWNGRADE_REFUSED, "channel 1.33/stable -> latest/stable (which holds v1.32.3)",
                FaultChecks.outcome(lagging));
    }

    @Test
    void leadershipMovesMidJoinThenScaleThreeToOneAndRemove(FaultRecorder faults) {
        State seeded = seeded("microk8s/1", "microk8s/2");
        String first = token(seeded);
        SecretState secret = seeded.secretByLabel(ClusterComponent.SECRET_LABEL).orElseThrow();
        State in1 = follower(seeded, m1, "microk8s/0", "microk8s/2");
        State joined1 = unit1.run(Events.relationAppChanged(in1.relation("peer")), in1);
        // Leadership moves to microk8s/1 while microk8s/2 still waits: its state has no token expiry.
        RelationState view1 = joined1.relation("peer").withRemoteUnitsData(Map.of(
                "microk8s/0", Map.of("hostname", "machine-0", "joined", "true"), "microk8s/2", Map.of("hostname", "machine-2")));
        m1.takeCalls();
        State led = unit1.run(Events.leaderElected(), joined1.withLeader(true).withRelation(view1));
        String second = token(led);
        SecretState renewed = led.secretByLabel(ClusterComponent.SECRET_LABEL).orElseThrow();
        assertEquals(secret.id(), renewed.id());
        assertFalse(first.equals(second));
        assertTrue(m1.takeCalls().contains("microk8s add-node --token-ttl 7200 --format token"));
        assertEquals(Map.of("seed", "microk8s/0", "join-secret", secret.id()), led.relation("peer").localAppData());
        // The token is renewed by design (it is registered on the node that issued it); the state is kept.
        FaultChecks.assertNothingLost(joined1.withSecrets(List.of()), led, NodeRemovals.HOSTNAMES);
        assertEquals(java.util.Optional.of("\"control-plane\""), led.storedValue("joined"));
        m0.takeCalls();
        State former = unit0.run(Events.relationChanged(seeded.relation("peer")), seeded.withLeader(false));
        assertTrue(m0.takeCalls().stream().noneMatch(c -> c.startsWith("microk8s add-node")), "two leaders made tokens");
        State in2 = follower(led, m2, "microk8s/0", "microk8s/1");
        State joined2 = unit2.run(Events.relationAppChanged(in2.relation("peer")), in2);
        assertTrue(m2.takeCalls().contains("microk8s join 10.1.0.10:25000/" + second));
        for (State s : List.of(led, former, joined2)) {
            noTokenShown(s, first);
            noTokenShown(s, second);
        }
        faults.observed(FaultKind.LEADERSHIP_MOVES, "leader-elected on joined microk8s/1 while microk8s/2 waits to join",
                FaultChecks.outcome(led) + "; the new leader issued a token from its own node in the same secret (revision "
                        + renewed.revision() + "), seed stays microk8s/0, the former leader issues none; microk8s/2 "
                        + FaultChecks.outcome(joined2) + " through it");

        // Back to 1: microk8s/2, then microk8s/0 leave; the leader removes their nodes.
        m1.nodes("machine-0", "machine-1", "machine-2");
        RelationState all = view1.withRemoteUnitsData(Map.of("microk8s/0", Map.of("hostname", "machine-0", "joined", "true"),
                "microk8s/2", Map.of("hostname", "machine-2", "joined", "true")));
        State three = unit1.run(Events.relationChanged(all), led.withRelation(all));
        State gone2 = unit2.run(Events.relationDeparted(joined2.relation("peer"), "microk8s/2"), joined2);
        assertFalse(m2.isClustered());
        RelationState two = RelationState.peer("peer", "microk8s", List.of("microk8s/0")).withId(all.id())
                .withLocalAppData(all.localAppData()).withLocalUnitData(three.relation("peer").localUnitData())
                .withRemoteUnitsData(Map.of("microk8s/0", all.remoteUnitsData().get("microk8s/0")));
        State at2 = unit1.run(Events.relationDeparted(two, "microk8s/2"), three.withRelation(two));
        State gone0 = unit0.run(Events.relationDeparted(former.relation("peer"), "microk8s/0"), former);
        RelationState none = RelationState.peer("peer", "microk8s", List.of()).withId(all.id())
                .withLocalAppData(at2.relation("peer").localAppData()).withLocalUnitData(at2.relation("peer").localUnitData());
        State one = unit1.run(Events.relationDeparted(none, "microk8s/0"), at2.withRelation(none));
        List<String> removals = m1.takeCalls().stream().filter(c -> c.startsWith("microk8s remove-node")).toList();
        assertEquals(List.of("microk8s remove-node machine-2 --force", "microk8s remove-node machine-0 --force"), removals);
        assertFalse(m1.hasNode("machine-0") || m1.hasNode("machine-2"));
        State settled = idempotent(unit1, Events.configChanged(), one, m1);
        assertEquals("active", settled.unitStatus().name());
        assertEquals(java.util.Optional.of("{}"), settled.storedValue(NodeRemovals.HOSTNAMES));
        FaultChecks.assertNothingLost(led, settled, NodeRemovals.HOSTNAMES, AddonsComponent.STATE_KEY);
        faults.observed(FaultKind.SCALE_3_AND_BACK, "3 joined units, then microk8s/2 and microk8s/0 depart",
                FaultChecks.outcome(settled) + " back at 1; at 3 " + FaultChecks.outcome(three) + "; departing units "
                        + FaultChecks.outcome(gone2) + " / " + FaultChecks.outcome(gone0) + "; the leader ran remove-node"
                        + " --force for machine-2 and machine-0");

        RelationState info = RelationState.of("kubernetes-info", "istio");
        m1.takeCalls();
        State removed = unit1.run(Events.remove(), led.withRelation(info));
        assertEquals(List.of("snap list microk8s", "microk8s leave"), m1.takeCalls());
        noTokenShown(removed, second);
        faults.observed(FaultKind.REMOVE_WITH_RELATION, "joined leader with peer and kubernetes-info related",
                FaultChecks.outcome(removed) + "; it left the cluster once, the snap and its data stay (purge-on-remove=false)");
    }

    @Test
    void aMachineCharmHasNoPodAndNoPebble(FaultRecorder faults) {
        assertFalse(unit0.metadata().isKubernetes(), "microk8s is a machine charm");
        assertTrue(unit0.metadata().containers().isEmpty());
        for (FaultKind kind : List.of(FaultKind.PEBBLE_UNREACHABLE, FaultKind.PEBBLE_SERVICE_FAILS_TO_START,
                FaultKind.PEBBLE_CHECK_DOWN, FaultKind.PEBBLE_PUSH_FAILS)) {
            faults.notApplicable(kind, "microk8s is a machine charm without containers: snapd runs MicroK8s, not Pebble");
        }
        faults.notApplicable(FaultKind.POD_CHURN, "microk8s is a machine charm: no pod (see machine reboots)");
    }
}
