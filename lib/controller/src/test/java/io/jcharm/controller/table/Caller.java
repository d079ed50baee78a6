package io.jcharm.controller.table;

/**
 * Who calls a hook tool, in which hook: the unit, the hook's name, and the relation, remote unit
 * or action it runs for.
 *
 * <pre>{@code
 * Caller.relationHook("hello/0", "greeting-relation-changed", 1, "listener/0");
 * }</pre>
 *
 * @param relationId the relation of a relation hook, else null
 * @param remoteUnit the remote unit of a relation hook, else null
 * @param actionId the action run's id (an action is running), else null
 */
public record Caller(String unit, String hook, Integer relationId, String remoteUnit, String actionId) {

    /** A hook that is neither a relation hook nor an action. */
    public static Caller hook(String unit, String hook) {
        return new Caller(unit, hook, null, null, null);
    }

    public static Caller relationHook(String unit, String hook, int relationId, String remoteUnit) {
        return new Caller(unit, hook, relationId, remoteUnit, null);
    }

    public static Caller action(String unit, String name, String actionId) {
        return new Caller(unit, name, null, null, actionId);
    }

    /** The remote application of a relation hook ({@code listener} of {@code listener/0}). */
    public String remoteApp() {
        return remoteUnit == null ? null : remoteUnit.substring(0, remoteUnit.indexOf('/'));
    }

    @Override
    public String toString() {
        return unit + " in " + hook;
    }
}
