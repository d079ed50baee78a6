package io.jcharm.core;

import io.jcharm.core.tools.HookTools;
import java.util.function.BooleanSupplier;

/**
 * This application: its name, status (leader only) and planned units.
 *
 * <pre>{@code
 * if (model.isLeader()) model.app().setStatus(Status.active());
 * }</pre>
 */
public final class App {
    private final String name;
    private final HookTools tools;
    private final BooleanSupplier leader;

    App(String name, HookTools tools, BooleanSupplier leader) {
        this.name = name;
        this.tools = tools;
        this.leader = leader;
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
}
