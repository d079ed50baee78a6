package io.jcharm.core;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs components in order, hands each the values of its dependencies, skips the dependants of
 * one that could not proceed, and sets the unit (and, on the leader, app) status to the worst
 * outcome, prefixed {@code [component] }. The wiring was checked when the {@link Components}
 * were built, before anything runs.
 *
 * <pre>{@code
 * Reconciler.Result r = new Reconciler().run(charm.components(model), model);
 * r.status();  // e.g. Blocked("[config] invalid config port: must be 1-65535")
 * }</pre>
 */
public final class Reconciler {

    /** What happened to each component, and the status that was set. */
    public record Result(Map<String, Outcome> outcomes, Status status) {
    }

    /** One component's outcome. */
    public sealed interface Outcome {
        /** It reconciled. */
        record Done() implements Outcome {
        }

        /** It threw StatusException. */
        record Stopped(Status status) implements Outcome {
        }

        /** It did not run because a component it depends on did not proceed. */
        record Skipped(String blockedBy) implements Outcome {
        }
    }

    /**
     * Reconciles and sets statuses. Unexpected exceptions propagate: the hook fails and Juju
     * retries it.
     */
    public Result run(Components components, Model model) {
        List<Component<?>> list = components.list();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Object[] values = new Object[list.size()];
        boolean[] proceeded = new boolean[list.size()];
        Status worst = null;
        String worstName = null;
        for (int i = 0; i < list.size(); i++) {
            Component<?> c = list.get(i);
            String blocker = null;
            IdentityHashMap<Component<?>, Object> inputs = new IdentityHashMap<>();
            for (Component<?> dep : c.dependsOn()) {
                int at = components.position(dep);
                if (dep instanceof IfProceeded<?>) {
                    inputs.put(dep, proceeded[at] ? Optional.ofNullable(values[at]) : Optional.empty());
                } else if (!proceeded[at]) {
                    blocker = list.get(at).name();
                    break;
                } else {
                    inputs.put(dep, values[at]);
                }
            }
            if (blocker != null) {
                outcomes.put(c.name(), new Outcome.Skipped(blocker));
                continue;
            }
            try {
                values[i] = c.reconcile(model, new Inputs(c.name(), inputs));
                proceeded[i] = true;
                outcomes.put(c.name(), new Outcome.Done());
            } catch (StatusException | InvalidConfigException | RelationDataException e) {
                // Bad config and malformed remote data are the user's to fix, not Juju's to retry.
                Status st = e instanceof StatusException se ? se.status() : Status.blocked(e.getMessage());
                outcomes.put(c.name(), new Outcome.Stopped(st));
                model.log().debug("component " + c.name() + ": " + st.name() + ": " + st.message());
                if (worst == null || st.priority() > worst.priority()) {
                    worst = st;
                    worstName = c.name();
                }
            }
        }
        Status status = worst == null ? Status.active(model.activeMessage()) : worst.withPrefix("[" + worstName + "] ");
        model.unit().setStatus(status);
        if (model.isLeader()) {
            model.app().setStatus(status);
        }
        return new Result(outcomes, status);
    }

    /** Calls {@link Component#remove} on every component, last first; collects failures. */
    public List<Exception> remove(Components components, Model model) {
        List<Component<?>> list = components.list();
        List<Exception> failures = new ArrayList<>();
        for (int i = list.size() - 1; i >= 0; i--) {
            Component<?> c = list.get(i);
            try {
                c.remove(model);
            } catch (RuntimeException e) {
                model.log().error("removing " + c.name() + " failed: " + e.getMessage());
                failures.add(e);
            }
        }
        return failures;
    }
}
