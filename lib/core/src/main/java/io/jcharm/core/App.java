package io.jcharm.core;

import io.jcharm.core.tools.HookTools;
import java.util.function.BooleanSupplier;

/**
 * This application: its name, status (leader only), planned units, and whether it goes with
 * this unit's remove hook.
 *
 * <pre>{@code
 * if (model.isLeader()) model.app().setStatus(Status.active());
 * if (model.app().isGoing("Istio's objects")) Charm.super.onRemove(model);  // in onRemove
 * }</pre>
 */
public final class App {
    private final String name;
    private final HookTools tools;
    private final BooleanSupplier leader;
    private final Log log;

    App(String name, HookTools tools, BooleanSupplier leader, Log log) {
        this.name = name;
        this.tools = tools;
        this.leader = leader;
        this.log = log;
    }

    public String name() {
        return name;
    }

    /** Sets the application status; only the leader may. */
    public void setStatus(Status status) {
        if (!status.settable()) {
            throw new IllegalArgumentException("a charm cannot set status " + status.name());
        }
        if (!leader.getAsBoolean()) {
            throw new IllegalStateException("only the leader can set the application status");
        }
        tools.statusSet(status, true);
    }

    /** The application status (leader only). */
    public Status status() {
        return tools.appStatusGet();
    }

    /** How many units Juju intends this application to have (goal-state, not dying). */
    public int plannedUnits() {
        return (int) tools.goalState().units().values().stream().filter(s -> !"dying".equals(s)).count();
    }

    /**
     * In the remove hook: whether the whole application goes with this unit, so that this unit
     * deletes what the application owns (Kubernetes objects, served models). True only on the
     * leader when goal-state plans no units: a unit removed by a scale-down must not take them
     * away from the units that stay. When false, logs why {@code owned} stays.
     *
     * @param owned what the application owns, for the log, e.g. "Istio's objects"
     */
    public boolean isGoing(String owned) {
        if (!leader.getAsBoolean()) {
            log.info("not the leader: the leader removes " + owned + " when the application goes");
            return false;
        }
        int remaining = plannedUnits();
        if (remaining > 0) {
            log.info(remaining + " unit(s) of " + name + " remain: " + owned + " stay");
            return false;
        }
        return true;
    }
}
