package io.jcharm.charms.minio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.kubernetes.testing.ApiFault;
import io.jcharm.kubernetes.testing.MockClusterExtension;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import io.jcharm.testing.faults.FaultChecks;
import io.jcharm.testing.faults.FaultKind;
import io.jcharm.testing.faults.FaultMatrix;
import io.jcharm.testing.faults.FaultRecorder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * minio's row of the fault matrix (docs/faults.md): each fault hits a running MinIO whose root key
 * the leader generated; the key (a Juju secret) must survive every fault, and the retry converge.
 */
@FaultMatrix(charm = "minio")
class MinioFaultsTest {
    private static final String NS = MinioCharmTest.NS;
    private static final String C = MinioCharm.CONTAINER;
    private static final String TLS_KEY = "-----BEGIN PRIVATE KEY-----\nMIIEs3cr3tMinio\n-----END PRIVATE KEY-----\n";

    @RegisterExtension
    final MockClusterExtension k8s = new MockClusterExtension();
    Context ctx;
    Context quick;
    State base;

    @BeforeEach
    void start() {
        k8s.cluster().jujuService(NS, "minio");
        ctx = Context.of(() -> new MinioCharm(MinioCharmTest.FAST));
        quick = Context.of(() -> new MinioCharm(MinioCharmTest.FAST.withRequestTimeout(Duration.ofMillis(300))));
        base = State.empty().withLeader(true).withModel(NS, "5f1c7e2a-0000-4000-8000-0000000000a1")
                .withEnvironment(k8s.cluster().env()).withContainer(ContainerState.reachable(C));
    }


    private static final RelationState CONSUMER = RelationState.of("object-storage", "mlflow-server")
            .withRemoteAppData(Map.of("_supported_versions", "- v1\n"));

    /** A running MinIO: the leader generated its key; the container carries its plan and running service. */
    private State running() {
        State out = ctx.run(Events.pebbleReady(C), base.withRelation(CONSUMER));
        assertEquals(Status.active(), out.unitStatus());
        return carried(out);
    }

    private static State carried(State out) {
        return out.withContainer(out.container(C).carriedOver());
    }

    private static String key(State s) {
        return s.secretByLabel(SecretKeyComponent.LABEL).orElseThrow().content().get(SecretKeyComponent.KEY);
    }

    /**
     * The key shows nowhere an operator reads: not in logs, statuses, Kubernetes objects, MinIO's
     * command line or the commands run. Left out: object-storage's bag (handing the key to the
     * consumer is that relation's purpose) and the service environment in the Pebble plan, which
     * is how MinIO takes its root password (MINIO_ROOT_PASSWORD; the issue lists process
     * arguments, not the environment).
     */
    private void noKeyShown(State out, String... more) {
        List<String> secrets = new java.util.ArrayList<>(List.of(more));
        out.secretByLabel(SecretKeyComponent.LABEL).ifPresent(s -> secrets.add(s.content().get(SecretKeyComponent.KEY)));
        List<String> texts = new java.util.ArrayList<>(k8s.cluster().objects().values());
        for (ContainerState c : out.containers()) {
            c.plan().ifPresent(p -> p.services().values().forEach(svc -> texts.add(svc.command())));
            texts.add(c.execHistory().toString());
        }
        FaultChecks.assertNoSecretIn(out.withoutRelation(CONSUMER.id()).withContainers(List.of()), secrets, texts);
    }

    /** After the fault heals, the next hook converges on the same key, idempotently, and shows it nowhere. */
    private void convergesKeeping(State in) {
        k8s.cluster().heal();
        State retried = FaultChecks.assertIdempotent(ctx, Events.configChanged(), in, k8s.cluster()::objects);
        assertEquals(Status.active(), retried.unitStatus());
        FaultChecks.assertNothingLost(in, retried);
        assertEquals(key(in), MinioCharmTest.minio(retried).environment().get("MINIO_ROOT_PASSWORD"));
        noKeyShown(retried);
    }

    enum Api {
        K8S_403(ApiFault.status("*", "/services/minio", 403, "services \"minio\" is forbidden: User cannot patch resource")),
        K8S_409(ApiFault.conflict("*", "/services/minio", "services \"minio\"").times(1)),
        K8S_422(ApiFault.status("*", "/services/minio", 422, "Service \"minio\" is invalid: spec.ports[0].port: Invalid value")),
        K8S_429(ApiFault.tooManyRequests("*", "/services/minio").times(1)),
        K8S_5XX(ApiFault.unavailable("*", "/services/minio")),
        K8S_TIMEOUT(ApiFault.slow("*", "/services/minio", Duration.ofSeconds(2))),
        K8S_CONNECTION_DROPPED(ApiFault.drop("*", "/services/minio"));

        final ApiFault fault;

        Api(ApiFault fault) {
            this.fault = fault;
        }
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void kubernetesApiFault(Api api, FaultRecorder faults) {
        State in = running();
        k8s.cluster().inject(api.fault);
        State[] out = new State[1];
        String outcome = FaultChecks.outcomeOrHookFails(quick, Events.configChanged(), in, out);
        if (out[0] != null) {
            FaultChecks.assertNothingLost(in, out[0]);
            noKeyShown(out[0]);
            assertEquals("active", out[0].container(C).serviceStatuses().get(MinioLayer.SERVICE), "MinIO kept running");
        }
        faults.observed(FaultKind.valueOf(api.name()), api.fault.method() + " *" + api.fault.pathContains() + "*", outcome);
        convergesKeeping(in);
    }

    @Test
    void noCustomResources(FaultRecorder faults) {
        running();
        assertFalse(k8s.cluster().objects().keySet().stream().anyMatch(k -> k.contains("CustomResourceDefinition")));
        faults.notApplicable(FaultKind.K8S_404_CRD_NOT_ESTABLISHED,
                "minio applies no custom resources: it only sets the ports of the Service Juju made");
        assertTrue(ctx.metadata().isKubernetes());
        faults.notApplicable(FaultKind.MACHINE_REBOOT, "minio is a Kubernetes charm: its unit is a pod (see pod churn)");
    }

    @Test
    void hookToolFaults(FaultRecorder faults) {
        State in = running();
        for (FaultKind kind : List.of(FaultKind.RELATION_GET_FAILS, FaultKind.RELATION_GET_TIMES_OUT,
                FaultKind.SECRET_GET_FAILS, FaultKind.SECRET_GET_TIMES_OUT, FaultKind.STATE_SET_FAILS,
                FaultKind.STATE_SET_TIMES_OUT, FaultKind.STATUS_SET_FAILS, FaultKind.STATUS_SET_TIMES_OUT)) {
            String tool = kind.hookTool().orElseThrow();
            State[] out = new State[1];
            String outcome = FaultChecks.outcomeOrHookFails(ctx.withToolFault(tool, kind.toolFault()), Events.configChanged(),
                    in, out);
            if (out[0] != null) {
                FaultChecks.assertNothingLost(in, out[0]);
                outcome += kind.name().startsWith("STATE_SET") && out[0].stored().isEmpty()
                        ? " (minio keeps nothing in controller state: its key is a Juju secret)" : "";
            }
            faults.observed(kind, tool, outcome);
        }
        convergesKeeping(in);
    }

    @Test
    void pebbleFaults(FaultRecorder faults) {
        State in = running();
        String key = key(in);
        State away = ctx.run(Events.configChanged(), in.withContainer(ContainerState.unreachable(C)));
        FaultChecks.assertNothingLost(in, away);
        faults.observed(FaultKind.PEBBLE_UNREACHABLE, "config-changed", FaultChecks.outcome(away));

        // A new pod whose MinIO exits at once (e.g. a corrupt /data): the replan fails.
        State failing = in.withContainer(ContainerState.reachable(C).withServiceStartFailing(MinioLayer.SERVICE));
        State failed = ctx.run(Events.pebbleReady(C), failing);
        FaultChecks.assertNothingLost(in, failed);
        noKeyShown(failed);
        State stillFailing = ctx.run(Events.updateStatus(), carried(failed));
        assertEquals("blocked", stillFailing.unitStatus().name(), "the next hook took a stopped MinIO for running");
        faults.observed(FaultKind.PEBBLE_SERVICE_FAILS_TO_START, "minio (pebble-ready, then update-status)",
                FaultChecks.outcome(failed) + "; then " + FaultChecks.outcome(stillFailing));
        State fixed = ctx.run(Events.updateStatus(), failed.withContainer(failed.container(C).carriedOver().healed()));
        assertEquals(Status.active(), fixed.unitStatus());
        assertEquals("active", fixed.container(C).serviceStatuses().get(MinioLayer.SERVICE), "the next hook starts MinIO");

        State down = ctx.run(Events.pebbleCheckFailed(C, MinioLayer.READY),
                in.withContainer(in.container(C).withCheckDown(MinioLayer.READY)));
        FaultChecks.assertNothingLost(in, down);
        assertEquals("waiting", down.unitStatus().name(), "a down check left the unit " + down.unitStatus());
        faults.observed(FaultKind.PEBBLE_CHECK_DOWN, MinioLayer.READY, FaultChecks.outcome(down));

        SecretState tls = SecretState.granted(Map.of("tls-crt", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
                "tls-key", TLS_KEY));
        State tlsIn = in.withSecret(tls).withConfig(Map.of("tls-secret", tls.id()));
        State[] out = new State[1];
        String pushed = FaultChecks.outcomeOrHookFails(ctx, Events.configChanged(),
                tlsIn.withContainer(in.container(C).withPushFailing(TlsFiles.KEY)), out);
        faults.observed(FaultKind.PEBBLE_PUSH_FAILS, TlsFiles.KEY + " (certificate written, key not)", pushed);
        State healed = ctx.run(Events.configChanged(), tlsIn);
        assertEquals(Status.active(), healed.unitStatus());
        assertEquals(TLS_KEY, healed.container(C).files().get(TlsFiles.KEY));
        noKeyShown(healed, "MIIEs3cr3tMinio");
    }

    @Test
    void relationDataFaults(FaultRecorder faults) {
        State in = running();
        Map<FaultKind, String> bad = new LinkedHashMap<>();
        bad.put(FaultKind.RELATION_MALFORMED, "- [v1\n");
        bad.put(FaultKind.RELATION_WRONG_TYPES, "v1: 1\n");
        bad.put(FaultKind.RELATION_UNSUPPORTED_SDI_VERSION, "- v9\n");
        for (Map.Entry<FaultKind, String> e : bad.entrySet()) {
            RelationState r = CONSUMER.withRemoteAppData(Map.of("_supported_versions", e.getValue()));
            State out = ctx.run(Events.relationChanged(r), in.withRelation(r));
            assertFalse(out.unitStatus().message().contains("\n"), "a status is one line: " + out.unitStatus());
            FaultChecks.assertNothingLost(in, out);
            faults.observed(e.getKey(), "object-storage _supported_versions", FaultChecks.outcome(out));
        }
        RelationState silent = CONSUMER.withRemoteAppData(Map.of());
        State out = ctx.run(Events.relationChanged(silent), in.withRelation(silent));
        faults.observed(FaultKind.RELATION_MISSING_KEYS, "object-storage without _supported_versions", FaultChecks.outcome(out));
        faults.notApplicable(FaultKind.RELATION_SECRET_NOT_GRANTED, "no relation of minio carries a secret URI (object-storage"
                + " hands the key in its data, as Charmed Kubeflow's interface does; tls-secret is under config)");
        faults.notApplicable(FaultKind.RELATION_SECRET_REMOVED, "no relation of minio carries a secret URI (object-storage"
                + " hands the key in its data, as Charmed Kubeflow's interface does; tls-secret is under config)");
    }

    @Test
    void everyOptionBadBlocksNamingItAndEveryOptionUnsetIsActive(FaultRecorder faults) {
        State in = running();
        SecretState keyless = SecretState.granted(Map.of("tls-crt", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"));
        Map<String, State> bad = new LinkedHashMap<>();
        bad.put("port", in.withConfig(Map.of("port", 70000L)));
        bad.put("console-port", in.withConfig(Map.of("console-port", 9000L)));
        bad.put("access-key", in.withConfig(Map.of("access-key", "mi")));
        bad.put("secret-key", in.withConfig(Map.of("secret-key", "short12")));
        bad.put("mode", in.withConfig(Map.of("mode", "proxy")));
        bad.put("gateway-storage-service", in.withConfig(Map.of("mode", "gateway", "gateway-storage-service", "gcs")));
        bad.put("ssl-ca", in.withConfig(Map.of("ssl-ca", "not base64!")));
        bad.put("ssl-cert", in.withConfig(Map.of("ssl-cert", "bm90IHBlbQ==", "ssl-key", "bm90IHBlbQ==")));
        bad.put("ssl-key", in.withConfig(Map.of("ssl-cert", "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==")));
        bad.put("tls-secret (not granted or removed)", in.withConfig(Map.of("tls-secret", "secret:cv0tmpd2ju3s6aaaaaaa")));
        bad.put("tls-secret (no tls-key)", in.withSecret(keyless).withConfig(Map.of("tls-secret", keyless.id())));
        for (Map.Entry<String, State> e : bad.entrySet()) {
            State out = ctx.run(Events.configChanged(), e.getValue());
            String option = e.getKey().split(" ")[0];
            assertTrue(out.unitStatus().message().contains(option), out.unitStatus().toString());
            assertFalse(out.unitStatus().message().contains("short12"), "the status shows the rejected password");
            FaultChecks.assertNothingLost(in, out);
            faults.observed(FaultKind.CONFIG_BAD, e.getKey(), FaultChecks.outcome(out));
        }
        State unset = FaultChecks.assertIdempotent(ctx, Events.configChanged(), base, k8s.cluster()::objects);
        assertTrue(key(unset).matches("[A-Z0-9]{30}"));
        faults.observed(FaultKind.CONFIG_UNSET, "all options (defaults)", FaultChecks.outcome(unset)
                + "; the leader generated the root key once");
    }

    @Test
    void lifecycle(FaultRecorder faults) {
        State in = running();
        String key = key(in);
        List<SecretState> secrets = in.secrets();

        // The leader generated the key and lost leadership: minio/1 must take that key, not make another.
        State follower = base.withLeader(false).withRelation(CONSUMER);
        State newLeader = ctx.asUnit("minio/1").run(Events.leaderElected(), follower.withLeader(true).withSecrets(secrets));
        assertEquals(key, MinioCharmTest.minio(newLeader).environment().get("MINIO_ROOT_PASSWORD"));
        assertEquals(1, newLeader.secrets().size(), "the new leader made a second key");
        assertTrue(newLeader.relation(CONSUMER.id()).localAppData().get("data").contains("secret-key: " + key));
        faults.observed(FaultKind.LEADERSHIP_MOVES, "leader-elected on minio/1 after minio/0 generated the key",
                FaultChecks.outcome(newLeader) + "; same root key, no second secret");

        State newPod = FaultChecks.assertIdempotent(ctx, Events.pebbleReady(C), in.withContainer(ContainerState.reachable(C)),
                k8s.cluster()::objects);
        FaultChecks.assertNothingLost(in, newPod);
        assertEquals(key, MinioCharmTest.minio(newPod).environment().get("MINIO_ROOT_PASSWORD"));
        faults.observed(FaultKind.POD_CHURN, "pebble-ready on a new pod", FaultChecks.outcome(newPod)
                + "; MinIO runs with the kept root key");

        State upgraded = FaultChecks.assertIdempotent(ctx, Events.upgradeCharm(), in, k8s.cluster()::objects);
        FaultChecks.assertNothingLost(in, upgraded);
        faults.observed(FaultKind.UPGRADE, "upgrade-charm over the running revision's state", FaultChecks.outcome(upgraded)
                + "; same root key");
        faults.notApplicable(FaultKind.DOWNGRADE_REFUSED, "minio keeps no versioned schema (one Juju secret with the key):"
                + " MinIO's own data format is the image's, which the oci-image resource pins");

        State three = ctx.run(Events.configChanged(), in.withPlannedUnits(3));
        State other = ctx.asUnit("minio/2").run(Events.pebbleReady(C), follower.withSecrets(secrets).withPlannedUnits(3));
        assertEquals(key, MinioCharmTest.minio(other).environment().get("MINIO_ROOT_PASSWORD"));
        State one = ctx.run(Events.configChanged(), carried(three).withPlannedUnits(1));
        FaultChecks.assertNothingLost(in, one);
        faults.observed(FaultKind.SCALE_3_AND_BACK, "", FaultChecks.outcome(one) + " back at 1; at 3: leader "
                + FaultChecks.outcome(three) + ", followers " + FaultChecks.outcome(other) + " with the same key");

        State removed = ctx.run(Events.remove(), in.withPlannedUnits(0));
        FaultChecks.assertNothingLost(in, removed);
        noKeyShown(removed);
        faults.observed(FaultKind.REMOVE_WITH_RELATION, "object-storage related", FaultChecks.outcome(removed)
                + "; the key secret is kept (Juju removes it with the application)");
    }
}
