package io.jcharm.core;

import io.jcharm.core.tools.HookTools;

/**
 * This unit: its name, status and workload version.
 *
 * <pre>{@code
 * model.unit().setStatus(Status.maintenance("installing microk8s"));
 * model.unit().setWorkloadVersion("1.17.1");
 * }</pre>
 */
public final class Unit {
    private final String name;
    private final HookTools tools;
    private Status lastSet;

    Unit(String name, HookTools tools) {
        this.name = name;
        this.tools = tools;
    }

    public String name() {
        return name;
    }

    /** The unit number ({@code 0} for {@code app/0}). */
    public int number() {
        return Integer.parseInt(name.substring(name.indexOf('/') + 1));
    }

    /** Sets the unit's status at once (status-set). */
    public void setStatus(Status status) {
        if (!status.settable()) {
            throw new IllegalArgumentException("a charm cannot set status " + status.name());
        }
        tools.statusSet(status, false);
        lastSet = status;
    }

    /** The unit's current status. */
    public Status status() {
        return lastSet != null ? lastSet : tools.unitStatusGet();
    }

    /** Shown as the application's version in juju status. */
    public void setWorkloadVersion(String version) {
        tools.applicationVersionSet(version);
    }
}
