package io.jcharm.controller;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One hook (or action) run as the controller sees it: who runs what, and the changes the hook
 * made, which the model gets only if it succeeds ({@link Jujuc#commit}). Reads within the hook
 * see its own pending changes, as in Juju.
 *
 * <pre>{@code
 * HookRun run = new HookRun("hello/0", "greeting-relation-changed", 3, "listener/0", null);
 * }</pre>
 */
public class HookRun {
    public final String unit;
    public final String app;
    /** The hook's name, or the action's. */
    public final String hookName;
    /** The relation of a relation hook, else null. */
    public final Integer relationId;
    /** The remote unit of a relation hook, if it has one. */
    public final String remoteUnit;
    /** The action run's id when this runs an action, else null. */
    public final String actionId;

    /** Relation id to the unit-bag keys written (value "" deletes). */
    public final Map<Integer, Map<String, String>> unitWrites = new TreeMap<>();
    /** Relation id to the application-bag keys written (value "" deletes). */
    public final Map<Integer, Map<String, String>> appWrites = new TreeMap<>();
    /** Unit state keys set; a null value deletes. */
    public final Map<String, String> stateWrites = new LinkedHashMap<>();
    /** {@code open 80/tcp} / {@code close 80/tcp}, in call order. */
    public final List<String[]> portOps = new ArrayList<>();
    final List<SecretOp> secretOps = new ArrayList<>();
    /** Storage name to the instances storage-add asked for. */
    public final Map<String, Integer> storageAdds = new TreeMap<>();
    /** Flattened action results (a.b=c). */
    public final Map<String, String> actionResults = new TreeMap<>();
    public boolean actionFailed;
    public String actionMessage = "";

    /**
     * @param relationId the relation of a relation hook, else null
     * @param remoteUnit the remote unit of a relation hook, else null
     * @param actionId the action run's id when running an action, else null
     */
    public HookRun(String unit, String hookName, Integer relationId, String remoteUnit, String actionId) {
        int slash = unit.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("unit name \"" + unit + "\" is not of the form <application>/<number>");
        }
        this.unit = unit;
        this.app = unit.substring(0, slash);
        this.hookName = hookName;
        this.relationId = relationId;
        this.remoteUnit = remoteUnit;
        this.actionId = actionId;
    }

    /** A hook that is neither a relation hook nor an action. */
    public HookRun(String unit, String hookName) {
        this(unit, hookName, null, null, null);
    }

    public boolean action() {
        return actionId != null;
    }

    /** The message action-fail gave, or Juju's default; empty when the action did not call action-fail. */
    public Optional<String> actionFailure() {
        if (!actionFailed) {
            return Optional.empty();
        }
        // Juju's default text (worker/uniter/runner/context: "action failed without reason given...").
        return Optional.of(actionMessage.isEmpty() ? "action failed without reason given, check action for errors"
                : actionMessage);
    }
}
