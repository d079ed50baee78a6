package io.jcharm.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One hook or action waiting to run on a unit, with the context Juju would pass in its
 * environment; persisted in the unit's queue.
 *
 * <pre>{@code
 * HookSpec h = HookSpec.relation("greeting-relation-joined", 3, "listener", "listener/0", null);
 * }</pre>
 *
 * @param name the hook name ({@code install}, {@code db-relation-changed}) or the action name
 * @param action whether this is an action (dispatched as {@code actions/<name>})
 * @param relationId the relation of a relation hook
 * @param remoteApp the remote application of a relation hook
 * @param remoteUnit the remote unit of joined/changed/departed (absent for app-level changed)
 * @param departingUnit the unit leaving, for departed
 * @param workload the container of a pebble hook
 * @param secretId the secret of a secret hook
 * @param secretRevision the revision of secret-remove/-expired
 * @param actionId the action run's id
 * @param charmRevision run with this charm revision instead of the unit's current one (refresh)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HookSpec(String name, boolean action, Integer relationId, String remoteApp, String remoteUnit,
                String departingUnit, String workload, String secretId, Integer secretRevision, String actionId,
                Integer charmRevision) {

    HookSpec {
        Objects.requireNonNull(name, "hook name");
    }

    static HookSpec simple(String name) {
        return new HookSpec(name, false, null, null, null, null, null, null, null, null, null);
    }

    static HookSpec relation(String name, int relationId, String remoteApp, String remoteUnit, String departingUnit) {
        return new HookSpec(name, false, relationId, remoteApp, remoteUnit, departingUnit, null, null, null, null, null);
    }

    static HookSpec workload(String container, String suffix) {
        return new HookSpec(container + suffix, false, null, null, null, null, container, null, null, null, null);
    }

    static HookSpec secret(String name, String secretId, Integer revision) {
        return new HookSpec(name, false, null, null, null, null, null, secretId, revision, null, null);
    }

    static HookSpec action(String name, String actionId) {
        return new HookSpec(name, true, null, null, null, null, null, null, null, actionId, null);
    }

    HookSpec withCharmRevision(int revision) {
        return new HookSpec(name, action, relationId, remoteApp, remoteUnit, departingUnit, workload, secretId,
                secretRevision, actionId, revision);
    }

    /** How Juju names it in status and logs: the hook name, or the action with its id. */
    String display() {
        return action ? "action " + name + " (" + actionId + ")" : name;
    }
}
