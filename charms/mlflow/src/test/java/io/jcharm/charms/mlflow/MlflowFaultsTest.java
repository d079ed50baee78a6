package io.jcharm.charms.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.kubernetes.testing.ApiFault;
import io.jcharm.testing.ContainerState;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * mlflow's row of the fault matrix (docs/faults.md), part one: hook tools, the Kubernetes API
 * (the application's Service), Pebble and relation data, each injected into a running leader on
 * MySQL with its artifacts in a real S3 server; the password, the S3 key, the tracking secret
 * and the user's artifacts must come out unchanged. Config and lifecycle: MlflowLifecycleFaultsTest.
 */
@FaultMatrix(charm = "mlflow")
class MlflowFaultsTest extends MlflowFaultsBase {
    private static final String SERVICE = "/services/" + MlflowFixture.APP;

    @Test
    void hookToolFaults(FaultRecorder faults) {
        FaultChecks.recordHookToolCells(faults, f.ctx, Events.configChanged(), running, (tool, out) -> {
            assertEquals("state-set", tool, tool + " failing went unnoticed");
            assertEquals(running.stored(), out.stored());
            nothingLost(running, out);
            noSecretShown(out);
            return " (a converged unit has nothing new to record: state-set is not called)";
        });
        // The first hook records the backend store and the MLflow version the schema was made with.
        for (FaultKind kind : List.of(FaultKind.STATE_SET_FAILS, FaultKind.STATE_SET_TIMES_OUT)) {
            faults.observed(kind, "state-set during the first config-changed", FaultChecks.hookFails(
                    () -> f.ctx.withToolFault("state-set", kind.toolFault()).run(Events.configChanged(), base)));
        }
        State first = convergesKeeping(base);
        assertEquals(running.stored(), first.stored(), "the retried first hook records what the install did");
        convergesKeeping(running);
    }

    enum Api {
        K8S_403(ApiFault.status("*", SERVICE, 403, "services \"mlflow-server\" is forbidden: User "
                + "\"system:serviceaccount:kubeflow:mlflow-server\" cannot patch resource \"services\"")),
        K8S_409(ApiFault.conflict("*", SERVICE, "services \"mlflow-server\"").times(1)),
        K8S_422(ApiFault.status("PATCH", SERVICE, 422, "Service \"mlflow-server\" is invalid: spec.ports[0].nodePort: "
                + "Invalid value: 31380: provided port is already allocated")),
        K8S_429(ApiFault.tooManyRequests("*", SERVICE).times(1)),
        K8S_5XX(ApiFault.unavailable("*", SERVICE)),
        K8S_TIMEOUT(ApiFault.slow("*", SERVICE, Duration.ofSeconds(2))),
        K8S_CONNECTION_DROPPED(ApiFault.drop("PATCH", SERVICE));

        final ApiFault fault;

        Api(ApiFault fault) {
            this.fault = fault;
        }
    }

    /** The Service as Juju made it (after a juju refresh, say): the leader must patch it again. */
    private void serviceAsJujuMadeIt() {
        f.cluster.jujuService(MlflowFixture.NS, MlflowFixture.APP);
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void kubernetesApiFault(Api api, FaultRecorder faults) {
        serviceAsJujuMadeIt();
        f.cluster.inject(api.fault);
        State[] out = new State[1];
        String outcome = FaultChecks.outcomeOrHookFails(quick, Events.configChanged(), running, out);
        if (out[0] != null) {
            nothingLost(running, out[0]);
            noSecretShown(out[0]);
            assertEquals("active", out[0].container(C).serviceStatuses().get(ServerLayer.SERVICE), "the server kept running");
            assertEquals(planned(running), MlflowFixture.server(out[0]), "the server was re-planned");
        }
        faults.observed(FaultKind.valueOf(api.name()), api.fault.method() + " *" + api.fault.pathContains() + "*",
                outcome + "; the server kept running, artifacts kept");
        convergesKeeping(running);
        assertEquals("NodePort", f.cluster.admin.services().inNamespace(MlflowFixture.NS).withName(MlflowFixture.APP).get()
                .getSpec().getType());
    }

    @Test
    void noCustomResources(FaultRecorder faults) {
        assertFalse(f.cluster.objects().keySet().stream().anyMatch(k -> !k.equals("v1/Service/kubeflow/mlflow-server")),
                f.cluster.objects().keySet().toString());
        faults.notApplicable(FaultKind.K8S_404_CRD_NOT_ESTABLISHED, "mlflow applies no custom resources: its only"
                + " Kubernetes object is the Service Juju made, whose type and port it patches");
    }

    @Test
    void pebbleFaults(FaultRecorder faults) {
        State away = f.ctx.run(Events.configChanged(), running.withContainer(ContainerState.unreachable(C)));
        nothingLost(running, away);
        noSecretShown(away);
        faults.observed(FaultKind.PEBBLE_UNREACHABLE, "config-changed", FaultChecks.outcome(away));

        // A new pod whose server exits at once (say MySQL refuses the schema): the replan fails.
        State failing = running.withContainer(MlflowFixture.workload(MlflowFixture.VERSION)
                .withServiceStartFailing(ServerLayer.SERVICE));
        State failed = f.ctx.run(Events.pebbleReady(C), failing);
        nothingLost(running, failed);
        noSecretShown(failed);
        State stillFailing = f.ctx.run(Events.updateStatus(), carried(failed));
        assertEquals("blocked", stillFailing.unitStatus().name(), "the next hook took a stopped server for running");
        faults.observed(FaultKind.PEBBLE_SERVICE_FAILS_TO_START, ServerLayer.SERVICE + " (pebble-ready, then update-status)",
                FaultChecks.outcome(failed) + "; then " + FaultChecks.outcome(stillFailing));
        State fixed = f.ctx.run(Events.updateStatus(), failed.withContainer(failed.container(C).carriedOver().healed()));
        assertEquals(Status.active(), fixed.unitStatus());
        assertEquals("active", fixed.container(C).serviceStatuses().get(ServerLayer.SERVICE), "the next hook starts it");

        State down = f.ctx.run(Events.pebbleCheckFailed(C, ServerLayer.READY),
                running.withContainer(running.container(C).withCheckDown(ServerLayer.READY)));
        nothingLost(running, down);
        assertEquals("waiting", down.unitStatus().name(), "a down check left the unit " + down.unitStatus());
        faults.observed(FaultKind.PEBBLE_CHECK_DOWN, ServerLayer.READY + " (MLflow's /health)", FaultChecks.outcome(down));

        // A new pod: the MySQL option file must be written before the server is planned on MySQL.
        State[] out = new State[1];
        String pushed = FaultChecks.outcomeOrHookFails(f.ctx, Events.pebbleReady(C), running.withContainer(
                MlflowFixture.workload(MlflowFixture.VERSION).withPushFailing(BackendStore.MY_CNF)), out);
        if (out[0] != null) {
            assertFalse(out[0].container(C).plan().map(p -> p.services().containsKey(ServerLayer.SERVICE)).orElse(false),
                    "the server was planned on MySQL without its credentials file");
            noSecretShown(out[0]);
        }
        faults.observed(FaultKind.PEBBLE_PUSH_FAILS, BackendStore.MY_CNF + " on a new pod", pushed);
        State healed = f.ctx.run(Events.pebbleReady(C), running.withContainer(MlflowFixture.workload(MlflowFixture.VERSION)));
        assertEquals(Status.active(), healed.unitStatus());
        assertEquals("[client]\nuser=relation-7\npassword=" + PASSWORD + "\n", healed.container(C).files().get(BackendStore.MY_CNF));
        nothingLost(running, healed);
        noSecretShown(healed);
    }

    @Test
    void relationDataFaults(FaultRecorder faults) {
        String s3 = "access-key: minio\nport: " + this.s3.port() + "\nsecure: false\nservice: localhost\n";
        SecretState passwordless = SecretState.granted(Map.of("username", "relation-7"));
        Map<String, RelationState> bad = new LinkedHashMap<>();
        bad.put("RELATION_MALFORMED object-storage", storageWith(Map.of("data", "access-key: [minio\nsecret-key")));
        bad.put("RELATION_MALFORMED relational-db", mysqlWith(Map.of("endpoints", "mysql-k8s-primary:3306:x")));
        bad.put("RELATION_MALFORMED relational-db-secret-user", mysqlWith(Map.of("secret-user", "user-secret-7")));
        bad.put("RELATION_WRONG_TYPES object-storage", storageWith(Map.of("data", s3.replace("port: ", "port: [9000]\nx: ")
                + "secret-key: " + KEY + "\n")));
        bad.put("RELATION_WRONG_TYPES relational-db", mysqlWith(Map.of("endpoints", "mysql-k8s-primary.kubeflow:mysql")));
        bad.put("RELATION_MISSING_KEYS object-storage", storageWith(Map.of("data", s3)));
        bad.put("RELATION_MISSING_KEYS relational-db", mysqlWith(Map.of("secret-user", passwordless.id())));
        bad.put("RELATION_UNSUPPORTED_SDI_VERSION object-storage", storageWith(Map.of("_supported_versions", "- v9\n")));
        bad.put("RELATION_UNSUPPORTED_SDI_VERSION ingress", ingress.withRemoteAppData(Map.of("_supported_versions", "- v9\n")));
        SecretState ungranted = SecretState.notGranted("secret:cv0tmpd2ju3s6bbbbbbb");
        bad.put("RELATION_SECRET_NOT_GRANTED relational-db", mysqlWith(Map.of("secret-user", ungranted.id())));
        bad.put("RELATION_SECRET_REMOVED relational-db", mysqlWith(Map.of("secret-user", "secret:cv0tmpd2ju3s6aaaaaaa")));
        for (Map.Entry<String, RelationState> e : bad.entrySet()) {
            RelationState r = e.getValue();
            State out = f.ctx.run(Events.relationChanged(r), running.withRelation(r).withSecret(passwordless).withSecret(ungranted));
            assertFalse(out.unitStatus().message().contains("\n"), "a status is one line: " + out.unitStatus());
            assertFalse(out.unitStatus().name().equals("active"), e.getKey() + " was taken for valid data");
            assertEquals(planned(running), MlflowFixture.server(out), "bad relation data re-planned the server");
            nothingLost(running, out);
            noSecretShown(out);
            String[] kindAndEndpoint = e.getKey().replace("-secret-user", " secret-user").split(" ", 2);
            faults.observed(FaultKind.valueOf(kindAndEndpoint[0]), kindAndEndpoint[1], FaultChecks.outcome(out)
                    + "; the server runs on as planned");
        }
        convergesKeeping(running);
    }

    @Test
    void actionsShowOnlyWhatTheyAreFor() {
        State creds = f.ctx.run(Events.action("get-minio-credentials", Map.of()), running);
        assertEquals(KEY, creds.actionResults().get("secret-access-key"), "handing the key over is the action's purpose");
        FaultChecks.assertNoSecretIn(creds, List.of(PASSWORD), f.cluster.objects().values());
        assertFalse(String.join("\n", creds.logs()).contains(KEY) || String.join("\n", creds.actionLogs()).contains(KEY));
        State adopted = f.ctx.run(Events.action("adopt-database", Map.of()), running);
        assertEquals(Map.of("backend-store", "mysql"), adopted.actionResults());
        noSecretShown(adopted);
        State uri = f.ctx.run(Events.action("get-tracking-uri", Map.of()), running);
        noSecretShown(uri);
    }

    private RelationState storageWith(Map<String, String> more) {
        Map<String, String> data = new LinkedHashMap<>(storage.remoteAppData());
        data.putAll(more);
        return storage.withRemoteAppData(data);
    }
}
