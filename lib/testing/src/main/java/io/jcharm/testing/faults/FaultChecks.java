package io.jcharm.testing.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.jcharm.core.Status;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.HookFailedException;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import io.jcharm.testing.TestEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.function.Executable;

/**
 * The checks every cell of the fault matrix makes: the unit explains itself (or the hook fails so
 * Juju retries), nothing is lost, a hook run twice changes nothing the second time, and no secret
 * value shows anywhere an operator can read.
 *
 * <pre>{@code
 * State out = FaultChecks.assertIdempotent(ctx, Events.configChanged(), in, cluster::objects);
 * faults.observed(FaultKind.K8S_409, FaultChecks.outcome(out));
 * FaultChecks.assertNoSecretIn(out, List.of("s3cr3t"), cluster.objects().values());
 * }</pre>
 */
public final class FaultChecks {
    /** Statuses that tell the operator something is not right (or not yet ready) and why. */
    private static final Set<String> EXPLAINING = Set.of("blocked", "waiting", "maintenance");

    private FaultChecks() {
    }

    /**
     * The cell's outcome from the unit's final status, {@code "blocked: [tls] ..."}, after
     * checking the status explains itself: active (the fault was absorbed), or blocked, waiting
     * or maintenance with a message. Unknown or an empty message fails the test.
     */
    public static String outcome(State out) {
        Status s = out.unitStatus();
        if (s.name().equals("active")) {
            return s.message().isBlank() ? "active" : "active: " + s.message();
        }
        if (!EXPLAINING.contains(s.name()) || s.message().isBlank()) {
            fail("the unit ends in " + s.name() + " \"" + s.message() + "\": a fault must leave a status that says what"
                    + " is wrong and what to do (or fail the hook so that Juju retries)");
        }
        return s.name() + ": " + s.message();
    }

    /**
     * Runs {@code hook}, which must fail so that Juju marks the unit in error and retries it,
     * and returns the outcome {@code "hook fails, Juju retries: <the charm's error line>"}.
     */
    public static String hookFails(Executable hook) {
        HookFailedException e = assertThrows(HookFailedException.class, hook,
                "the hook was expected to fail so that Juju retries it");
        String cause = e.logs().stream().filter(l -> l.startsWith("ERROR hook ")).reduce((a, b) -> b)
                .map(l -> l.substring("ERROR ".length()).lines().findFirst().orElse(""))
                .orElseThrow(() -> new AssertionError("the hook failed without saying why in juju-log: " + e.logs()));
        return "hook fails, Juju retries: " + cause;
    }

    /**
     * Runs {@code event} and returns the cell's outcome whichever way the hook ends: its final
     * status ({@link #outcome}) or its failure ({@link #hookFails}); {@code out[0]} holds the
     * output state when the hook completed, null when it failed.
     */
    public static String outcomeOrHookFails(Context ctx, TestEvent event, State in, State[] out) {
        try {
            out[0] = ctx.run(event, in);
            return outcome(out[0]);
        } catch (HookFailedException e) {
            out[0] = null;
            return hookFails(() -> {
                throw e;
            });
        }
    }

    /**
     * The eight hook-tool cells of one event: runs {@code event} on {@code in} with each hook tool
     * of {@code FaultKind.inArea("hook tools")} failing or timing out, and records each cell
     * (variant {@code "<tool> during <event>"}) with {@link #outcomeOrHookFails}. When the hook
     * completes despite the fault, {@code absorbed} gets the tool and the output state, checks it
     * (e.g. nothing lost, no secret shown) and returns what to append to the outcome, saying why.
     */
    public static void recordHookToolCells(FaultRecorder faults, Context ctx, TestEvent event, State in,
            java.util.function.BiFunction<String, State, String> absorbed) {
        for (FaultKind kind : FaultKind.inArea("hook tools")) {
            String tool = kind.hookTool().orElseThrow();
            State[] out = new State[1];
            String outcome = outcomeOrHookFails(ctx.withToolFault(tool, kind.toolFault()), event, in, out);
            if (out[0] != null) {
                outcome += absorbed.apply(tool, out[0]);
            }
            faults.observed(kind, tool + " during " + event.name(), outcome);
        }
    }

    /**
     * Runs an action {@code run} whose hook must fail: Juju marks the action failed and does not
     * retry it (the operator reruns it). Returns {@code "action fails, not retried: <error line>"}.
     */
    public static String actionFails(Executable run) {
        return hookFails(run).replace("hook fails, Juju retries: ", "action fails, not retried (rerun it): ");
    }

    /**
     * Nothing the unit had is lost: every secret of {@code before} has the same content after,
     * and every controller-side stored value is unchanged except {@code mayChange}.
     */
    public static void assertNothingLost(State before, State after, String... mayChange) {
        Map<String, Map<String, String>> secretsAfter = new LinkedHashMap<>();
        after.secrets().forEach(s -> secretsAfter.put(s.id(), s.content()));
        for (SecretState s : before.secrets()) {
            assertEquals(s.content(), secretsAfter.get(s.id()), "secret " + s.id() + " was lost or changed");
        }
        Set<String> changing = Set.of(mayChange);
        before.stored().forEach((k, v) -> {
            if (!changing.contains(k)) {
                assertEquals(v, after.stored().get(k), "stored value " + k + " was lost or changed");
            }
        });
    }

    /** Every object of {@code before} (e.g. from {@code MockCluster.objects()}) is unchanged in {@code after}. */
    public static void assertKept(Map<String, String> before, Map<String, String> after) {
        List<String> lost = new ArrayList<>();
        before.forEach((k, v) -> {
            if (!v.equals(after.get(k))) {
                lost.add(k + (after.containsKey(k) ? " (changed)" : " (gone)"));
            }
        });
        if (!lost.isEmpty()) {
            fail("objects lost or changed: " + lost);
        }
    }

    /**
     * Runs {@code event} twice in a row and checks the second run changed nothing: the same
     * {@code world} (e.g. the mock API server's objects), statuses, relation data and stored
     * state, and no Pebble replan. Returns the first run's output.
     */
    public static State assertIdempotent(Context ctx, TestEvent event, State in, Supplier<?> world) {
        State first = ctx.run(event, in);
        Object afterFirst = world.get();
        State again = first.withContainersCarriedOver();
        State second = ctx.run(event, again);
        Object afterSecond = world.get();
        if (!afterFirst.equals(afterSecond)) {
            fail("running " + event.name() + " a second time changed the cluster: " + changedKeys(afterFirst, afterSecond));
        }
        assertEquals(first.unitStatus(), second.unitStatus(), "a second " + event.name() + " changed the unit status");
        assertEquals(first.stored(), second.stored(), "a second " + event.name() + " changed stored state");
        assertEquals(bags(first), bags(second), "a second " + event.name() + " changed relation data");
        for (ContainerState c : second.containers()) {
            assertEquals(0, c.replans(), "a second " + event.name() + " replanned Pebble in container " + c.name());
        }
        return first;
    }

    /** As {@link #assertIdempotent(Context, TestEvent, State, Supplier)} for a charm with no Kubernetes API. */
    public static State assertIdempotent(Context ctx, TestEvent event, State in) {
        return assertIdempotent(ctx, event, in, () -> Map.of());
    }

    /** For a map snapshot, the keys added, removed or changed; else both values. */
    private static String changedKeys(Object before, Object after) {
        if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
            Set<Object> keys = new java.util.TreeSet<>(java.util.Comparator.comparing(String::valueOf));
            keys.addAll(b.keySet());
            keys.addAll(a.keySet());
            keys.removeIf(k -> java.util.Objects.equals(b.get(k), a.get(k)));
            return keys.toString();
        }
        return before + " -> " + after;
    }

    private static Map<Integer, List<Map<String, String>>> bags(State s) {
        Map<Integer, List<Map<String, String>>> out = new LinkedHashMap<>();
        for (RelationState r : s.relations()) {
            out.put(r.id(), List.of(r.localAppData(), r.localUnitData()));
        }
        return out;
    }

    /**
     * No value of {@code secrets} appears in what an operator can read: juju-log, statuses,
     * action results, logs and failure, the unit's relation bags, stored state, nor in any of
     * {@code moreTexts} (Kubernetes objects, process arguments, Pebble plans).
     */
    public static void assertNoSecretIn(State out, Collection<String> secrets, Collection<String> moreTexts) {
        Map<String, String> places = new LinkedHashMap<>();
        places.put("juju-log", String.join("\n", out.logs()));
        places.put("unit status", out.unitStatus().message());
        places.put("app status", out.appStatus().message());
        places.put("action results", out.actionResults().toString());
        places.put("action logs", String.join("\n", out.actionLogs()));
        places.put("action failure", out.actionFailure().orElse(""));
        places.put("stored state", out.stored().toString());
        for (RelationState r : out.relations()) {
            places.put("relation " + r.id() + " data", r.localAppData() + " " + r.localUnitData());
        }
        for (ContainerState c : out.containers()) {
            places.put("container " + c.name() + " plan", c.plan().map(p -> p.toYaml()).orElse(""));
            places.put("container " + c.name() + " commands", c.execHistory().toString());
        }
        int i = 0;
        for (String t : moreTexts) {
            places.put("text " + i++, t);
        }
        for (String secret : secrets) {
            assertFalse(secret.isBlank(), "an empty secret value cannot be searched for");
            places.forEach((where, text) -> assertFalse(text.contains(secret),
                    "a secret value shows in " + where + ": " + FaultRecorder.mask(text.replace(secret, "<SECRET>"))));
        }
    }

    /** As {@link #assertNoSecretIn(State, Collection, Collection)} with nothing more to search. */
    public static void assertNoSecretIn(State out, Collection<String> secrets) {
        assertNoSecretIn(out, secrets, List.of());
    }
}
