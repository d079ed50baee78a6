package io.jcharm.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs components in order, skips the dependants of one that could not proceed, and sets the
 * unit (and, on the leader, app) status to the worst outcome, prefixed {@code [component] }.
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
    public Result run(List<Component> components, Model model) {
        checkWiring(components);
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Set<String> notProceeded = new HashSet<>();
        Status worst = null;
        String worstName = null;
        for (Component c : components) {
            String blocker = null;
            for (String dep : c.dependsOn()) {
                if (notProceeded.contains(dep)) {
                    blocker = dep;
                    break;
                }
            }
            if (blocker != null) {
                outcomes.put(c.name(), new Outcome.Skipped(blocker));
                notProceeded.add(c.name());
                continue;
            }
            try {
                c.reconcile(model);
                outcomes.put(c.name(), new Outcome.Done());
            } catch (StatusException | InvalidConfigException | RelationDataException e) {
                // Bad config and malformed remote data are the user's to fix, not Juju's to retry.
                Status st = e instanceof StatusException se ? se.status() : Status.blocked(e.getMessage());
                outcomes.put(c.name(), new Outcome.Stopped(st));
                notProceeded.add(c.name());
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

    /** Checks names and dependencies before anything runs, so a wiring mistake changes nothing. */
    private static void checkWiring(List<Component> components) {
        Set<String> seen = new HashSet<>();
        for (Component c : components) {
            for (String dep : c.dependsOn()) {
                if (!seen.contains(dep)) {
                    throw new IllegalStateException("component \"" + c.name() + "\" depends on \"" + dep
                            + "\", which is not listed before it; components: " + names(components));
                }
            }
            if (!seen.add(c.name())) {
                throw new IllegalStateException("two components are named \"" + c.name()
                        + "\"; names must be unique: " + names(components));
            }
        }
    }

    private static List<String> names(List<Component> components) {
        return components.stream().map(Component::name).toList();
    }

    /** Calls {@link Component#remove} on every component, last first; collects failures. */
    public List<Exception> remove(List<Component> components, Model model) {
        List<Exception> failures = new ArrayList<>();
        for (int i = components.size() - 1; i >= 0; i--) {
            Component c = components.get(i);
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
