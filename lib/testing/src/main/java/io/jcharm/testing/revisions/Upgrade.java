package io.jcharm.testing.revisions;

import io.jcharm.core.meta.Endpoint;
import io.jcharm.core.meta.Role;
import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.State;
import io.jcharm.testing.faults.FaultChecks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * This build's code run over a state another revision left, as {@code juju refresh} runs it: the
 * unit's controller-side state and its running workloads stay, {@code upgrade-charm} fires (then
 * relation-created for a peer relation the new revision added), then {@code config-changed}.
 * Checks what every upgrade must keep; the caller checks the status and its own objects.
 *
 * <pre>{@code
 * Snapshot old = Revisions.previous("minio", Map.of()).get(0);
 * cluster.restore(old.cluster());
 * Upgrade up = Upgrade.run(ctx, old, cluster.env(), cluster::objects, old.secretValues(), () -> cluster.objects().values());
 * faults.observed(FaultKind.UPGRADE, up.variant(), FaultChecks.outcome(up.settled()));
 * }</pre>
 *
 * @param old the revision's snapshot
 * @param upgraded the state after upgrade-charm
 * @param settled the state after the config-changed that follows
 */
public record Upgrade(Snapshot old, State upgraded, State settled) {

    /**
     * Runs upgrade-charm then config-changed (twice: the second run must change nothing) over
     * {@code old}'s state with {@code environment} (e.g. the restored cluster's KUBECONFIG), and
     * checks that no secret of the old state was lost, that no value of {@code secrets} shows in
     * logs, statuses, relation data, plans or {@code moreTexts} (usually {@link Snapshot#secretValues};
     * fewer for a charm that hands a secret to its workload on purpose), and that no stored value
     * changed except {@code mayChange} (a key the new revision migrates or renews).
     */
    public static Upgrade run(Context ctx, Snapshot old, Map<String, String> environment, Supplier<?> world,
                              Collection<String> secrets, Supplier<Collection<String>> moreTexts, String... mayChange) {
        State before = withNewPeers(ctx, old.state()).withEnvironment(environment);
        State upgraded = ctx.run(Events.upgradeCharm(), before);
        for (RelationState r : before.relations()) {
            if (old.state().relations().stream().noneMatch(o -> o.id() == r.id())) {
                upgraded = ctx.run(Events.relationCreated(r), carried(upgraded));
            }
        }
        State settled = FaultChecks.assertIdempotent(ctx, Events.configChanged(), carried(upgraded), world);
        FaultChecks.assertNothingLost(before, upgraded, mayChange);
        FaultChecks.assertNothingLost(before, settled, mayChange);
        if (!secrets.isEmpty()) {
            List<String> texts = new ArrayList<>(moreTexts.get());
            FaultChecks.assertNoSecretIn(upgraded, secrets, texts);
            FaultChecks.assertNoSecretIn(settled, secrets, texts);
        }
        return new Upgrade(old, upgraded, settled);
    }

    /**
     * The old state with a relation, without other units yet, on each peer endpoint this build
     * declares and the old revision did not: Juju makes peer relations itself when the charm is
     * refreshed, and runs their relation-created after upgrade-charm.
     */
    static State withNewPeers(Context ctx, State old) {
        State s = old;
        int id = old.relations().stream().mapToInt(RelationState::id).max().orElse(0);
        for (Endpoint e : ctx.metadata().endpoints(Role.PEER).toList()) {
            if (old.relations().stream().noneMatch(r -> r.endpoint().equals(e.name()))) {
                s = s.withRelation(RelationState.peer(e.name(), ctx.metadata().name(), List.of()).withId(++id));
            }
        }
        return s;
    }

    /**
     * As {@link #run(Context, Snapshot, Map, Supplier, Collection, Supplier, String...)} for a charm
     * with no Kubernetes API, none of whose secret values may show.
     */
    public static Upgrade run(Context ctx, Snapshot old, String... mayChange) {
        return run(ctx, old, Map.of(), () -> Map.of(), old.secretValues(), List::of, mayChange);
    }

    /**
     * For a charm that hands {@code secrets} to its workload or its consumers on purpose (Pebble
     * environment, relation data, Kubernetes Secrets): they show in neither hook's juju-log,
     * statuses, action output nor stored state.
     */
    public void assertNoSecretInLogsOrStatuses(Collection<String> secrets) {
        for (State s : List.of(upgraded, settled)) {
            FaultChecks.assertNoSecretIn(s.withContainers(List.of()).withRelations(List.of()), secrets);
        }
    }

    /**
     * Every relation key the old revision published (application and unit bags) is still
     * published with the same value, but {@code mayChange}: what the consumers read is not lost.
     */
    public void assertRelationDataKept(String... mayChange) {
        java.util.Set<String> changing = java.util.Set.of(mayChange);
        for (RelationState r : old.state().relations()) {
            RelationState now = settled.relation(r.id());
            for (Map.Entry<String, Map<String, String>> bag : Map.of("application", r.localAppData(), "unit",
                    r.localUnitData()).entrySet()) {
                Map<String, String> after = bag.getKey().equals("application") ? now.localAppData() : now.localUnitData();
                bag.getValue().forEach((k, v) -> {
                    if (!changing.contains(k)) {
                        // No values in the message: a bag may carry a key (object-storage's secret-key).
                        org.junit.jupiter.api.Assertions.assertTrue(v.equals(after.get(k)), "the " + bag.getKey()
                                + " data on " + r.ref() + " (" + r.remoteApp() + ") lost or changed " + k);
                    }
                });
            }
        }
    }

    /** The fault-matrix variant naming what was upgraded: {@code "from revision 2f6c9df's settled state"}. */
    public String variant() {
        return variantOf(old);
    }

    /** As {@link #variant()} for a snapshot. */
    public static String variantOf(Snapshot old) {
        return "from revision " + old.revision() + "'s settled state (captured snapshot)";
    }

    /** The state for the next hook: the containers' plans as their layers. */
    public static State carried(State out) {
        return out.withContainers(out.containers().stream().map(c -> c.plan().isPresent() ? c.carriedOver() : c).toList());
    }

}
