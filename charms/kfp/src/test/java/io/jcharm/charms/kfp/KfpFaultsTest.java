package io.jcharm.charms.kfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.core.Status;
import io.jcharm.kubernetes.testing.ApiFault;
import io.jcharm.pebble.layer.ServiceAction;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.State;
import io.jcharm.testing.faults.FaultChecks;
import io.jcharm.testing.faults.FaultKind;
import io.jcharm.testing.faults.FaultMatrix;
import io.jcharm.testing.faults.FaultRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * kfp's row of the fault matrix (docs/faults.md), hook tools, the Kubernetes API and Pebble:
 * each fault hits an installed leader (MySQL and object storage related, a real S3 server, the
 * mock API server) after a user made an Argo Workflow and a recurring run; the retry must
 * converge with those and the CRDs holding them unchanged. Relations, config and the lifecycle
 * are in {@link KfpLifecycleFaultsTest}.
 */
@FaultMatrix(charm = "kfp")
class KfpFaultsTest extends KfpTestBase {
    /** Short request and CRD timeouts, for the cells where the API server is slow or silent. */
    final Context quick = Context.of(() -> new KfpCharm(KfpFixture.FAST.withRequestTimeout(Duration.ofMillis(300))
            .withCrdTimeout(Duration.ofMillis(500))));

    /** The installed leader as its next hook sees it. */
    private State installed() {
        State out = f.ctx.run(Events.configChanged(), f.related());
        assertEquals(Status.active(), out.unitStatus());
        return KfpFixture.carried(out);
    }

    /** After the fault heals, Juju's retry converges, nothing was lost and no secret shows. */
    private void healsAndKeeps(State in, Map<String, String> users) {
        f.cluster.heal();
        State retried = f.ctx.run(Events.configChanged(), in);
        assertEquals(Status.active(), retried.unitStatus());
        FaultChecks.assertNothingLost(in, retried);
        FaultChecks.assertKept(users, f.cluster.objects());
        f.assertNoSecretShown(retried);
    }

    enum Api {
        K8S_403(ApiFault.status("*", "/customresourcedefinitions", 403, "customresourcedefinitions.apiextensions.k8s.io"
                + " is forbidden: User \"system:serviceaccount:pipelines:kfp\" cannot update resource")),
        // While the charm waits for its CRDs to be Established: the API server does not know one yet.
        K8S_404_CRD_NOT_ESTABLISHED(ApiFault.status("GET", "/customresourcedefinitions/scheduledworkflows.kubeflow.org", 404,
                "customresourcedefinitions.apiextensions.k8s.io \"scheduledworkflows.kubeflow.org\" not found")),
        K8S_409(ApiFault.conflict("PUT", "/configmaps/workflow-controller-configmap",
                "configmaps \"workflow-controller-configmap\"").times(1)),
        K8S_422(ApiFault.status("*", "/roles/pipeline-runner", 422, "Role.rbac.authorization.k8s.io \"pipeline-runner\""
                + " is invalid: rules[0].verbs: Required value")),
        K8S_429(ApiFault.tooManyRequests("*", "/services/ml-pipeline").times(1)),
        K8S_5XX(ApiFault.unavailable("*", "/configmaps")),
        K8S_TIMEOUT(ApiFault.slow("*", "/services/ml-pipeline", Duration.ofSeconds(2))),
        // The pipelines set goes in kind order: the API server falls silent after the first objects.
        K8S_CONNECTION_DROPPED(ApiFault.drop("*", "/rolebindings"));

        final ApiFault fault;

        Api(ApiFault fault) {
            this.fault = fault;
        }
    }

    @Test
    void kubernetesApiFaults(FaultRecorder faults) {
        State in = installed();
        Map<String, String> users = f.addUserObjects();
        for (Api api : Api.values()) {
            f.cluster.inject(api.fault);
            State[] out = new State[1];
            String outcome = FaultChecks.outcomeOrHookFails(quick, Events.configChanged(), in, out);
            if (out[0] != null) {
                FaultChecks.assertNothingLost(in, out[0]);
                f.assertNoSecretShown(out[0]);
            }
            FaultChecks.assertKept(users, f.cluster.objects());
            faults.observed(FaultKind.valueOf(api.name()), api.fault.method() + " *" + api.fault.pathContains() + "*",
                    outcome + "; CRDs, the user's Workflow and ScheduledWorkflow kept");
            healsAndKeeps(in, users);
        }
        // The token request (a new pod has no token files): the API server answers 503.
        State newPod = withNewContainers(in);
        f.cluster.inject(ApiFault.unavailable("POST", "/serviceaccounts/kfp/token"));
        String outcome = FaultChecks.outcomeOrHookFails(f.ctx, Events.start(), newPod, new State[1]);
        faults.observed(FaultKind.K8S_5XX, "POST */serviceaccounts/kfp/token (a new pod)", outcome);
        healsAndKeeps(newPod, users);
    }

    @Test
    void hookToolFaults(FaultRecorder faults) {
        State in = installed();
        Map<String, String> users = f.addUserObjects();
        FaultChecks.recordHookToolCells(faults, f.ctx, Events.configChanged(), in, (tool, out) -> {
            FaultChecks.assertNothingLost(in, out);
            f.assertNoSecretShown(out);
            assertEquals("state-set", tool, tool + " failed and the hook went on");
            return " (the installed unit has nothing new to store)";
        });
        FaultChecks.assertKept(users, f.cluster.objects());
        // A new unit's first hook stores the argo mode, the KFP version and the tokens' expiry.
        for (FaultKind kind : List.of(FaultKind.STATE_SET_FAILS, FaultKind.STATE_SET_TIMES_OUT)) {
            Context broken = f.ctx.withToolFault("state-set", kind.toolFault());
            faults.observed(kind, "state-set during install (argo mode, KFP version, token expiry to store)",
                    FaultChecks.hookFails(() -> broken.run(Events.install(), withNewContainers(f.related()))));
            FaultChecks.assertKept(users, f.cluster.objects());
        }
        // Juju's retry: the hook run twice changes nothing the second time (no diff, no second replan).
        State retried = FaultChecks.assertIdempotent(f.ctx, Events.configChanged(), in, f.cluster::objects);
        assertEquals(Status.active(), retried.unitStatus());
        FaultChecks.assertNothingLost(in, retried);
        FaultChecks.assertKept(users, f.cluster.objects());
        f.assertNoSecretShown(retried);
    }

    @Test
    void pebbleFaults(FaultRecorder faults) {
        State in = installed();
        Map<String, String> users = f.addUserObjects();
        Map<String, String> applied = f.cluster.objects();

        State away = f.ctx.run(Events.configChanged(), in.withContainers(KfpFixture.containers().stream()
                .map(ContainerState::unreachable).toList()));
        assertEquals(applied, f.cluster.objects(), "the leader's objects do not depend on Pebble");
        FaultChecks.assertNothingLost(in, away);
        faults.observed(FaultKind.PEBBLE_UNREACHABLE, "all seven containers", FaultChecks.outcome(away)
                + "; Kubernetes objects kept as they were");

        // A new pod whose API server exits at once (e.g. MySQL refuses its migration).
        State failing = withNewContainers(in, c -> c.name().equals(Workloads.API_SERVER)
                ? c.withServiceStartFailing(Workloads.API_SERVER) : c);
        State[] out = new State[1];
        String started = FaultChecks.outcomeOrHookFails(f.ctx, Events.pebbleReady(Workloads.API_SERVER), failing, out);
        assertEquals(applied, f.cluster.objects(), "a failing service changed the cluster");
        faults.observed(FaultKind.PEBBLE_SERVICE_FAILS_TO_START, Workloads.API_SERVER, started);
        State fixed = f.ctx.run(Events.pebbleReady(Workloads.API_SERVER), withNewContainers(in));
        assertEquals(Status.active(), fixed.unitStatus());
        assertEquals("active", fixed.container(Workloads.API_SERVER).serviceStatuses().get(Workloads.API_SERVER));

        String check = Workloads.API_SERVER + "-up";
        State down = f.ctx.run(Events.pebbleCheckFailed(Workloads.API_SERVER, check), in.withContainer(
                in.container(Workloads.API_SERVER).withCheckDown(check)));
        assertEquals(applied, f.cluster.objects());
        FaultChecks.assertNothingLost(in, down);
        assertEquals(ServiceAction.RESTART, KfpFixture.service(down, Workloads.API_SERVER).onCheckFailure().get(check));
        faults.observed(FaultKind.PEBBLE_CHECK_DOWN, check, FaultChecks.outcome(down)
                + "; Pebble restarts the service (on-check-failure: restart)");

        // A new pod: the persistence agent's token is written, the scheduled-workflow controller's push fails.
        State full = withNewContainers(in, c -> c.name().equals(Workloads.SCHEDULED_WORKFLOW)
                ? c.withPushFailing(Workloads.SCHEDULED_TOKEN) : c);
        String pushed = FaultChecks.outcomeOrHookFails(f.ctx, Events.start(), full, out);
        faults.observed(FaultKind.PEBBLE_PUSH_FAILS, Workloads.SCHEDULED_TOKEN + " (second of two tokens)", pushed);
        State mlmdFull = withNewContainers(in, c -> c.name().equals(Workloads.MLMD) ? c.withPushFailing(Workloads.MLMD_CONFIG) : c);
        String mlmdPushed = FaultChecks.outcomeOrHookFails(f.ctx, Events.start(), mlmdFull, out);
        faults.observed(FaultKind.PEBBLE_PUSH_FAILS, Workloads.MLMD_CONFIG + " (holds the MySQL password)", mlmdPushed);
        assertTrue(!mlmdPushed.contains(KfpFixture.DB_PASSWORD), mlmdPushed);
        // Healed (the disk freed): the retry writes both tokens and ML Metadata's config.
        State healed = f.ctx.run(Events.start(), full.withContainers(full.containers().stream().map(ContainerState::healed)
                .toList()));
        assertEquals(Status.active(), healed.unitStatus());
        assertEquals(KfpFixture.TOKEN, healed.container(Workloads.SCHEDULED_WORKFLOW).files().get(Workloads.SCHEDULED_TOKEN));
        assertEquals(KfpFixture.TOKEN, healed.container(Workloads.PERSISTENCE_AGENT).files().get(Workloads.PERSISTENCE_TOKEN));
        FaultChecks.assertNothingLost(in, healed, TokensComponent.EXPIRY);
        FaultChecks.assertKept(users, f.cluster.objects());
        f.assertNoSecretShown(healed);
    }

    /** The same unit on a new pod: empty containers (no plan, no files), controller state and secrets kept. */
    static State withNewContainers(State s) {
        return withNewContainers(s, c -> c);
    }

    private static State withNewContainers(State s, UnaryOperator<ContainerState> fault) {
        return s.withContainers(KfpFixture.containers().stream().map(ContainerState::reachable).map(fault).toList());
    }
}
