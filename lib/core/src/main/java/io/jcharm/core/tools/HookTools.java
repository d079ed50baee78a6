package io.jcharm.core.tools;

import io.jcharm.core.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Every Juju hook tool the SDK uses, as typed calls; one implementation runs the real tools
 * ({@link ExecHookTools}), another backs state-transition tests.
 *
 * <p>Relations are addressed as {@code endpoint:id} (a {@link RelationRef}) so that Juju checks
 * the id belongs to the endpoint. Secret values are never passed on argv.
 *
 * <pre>{@code
 * HookTools tools = new ExecHookTools(env);
 * Map<String, String> data = tools.relationGet(new RelationRef("db", 3), "mysql/0", false);
 * tools.relationSet(new RelationRef("db", 3), Map.of("database", "mlflow"), false);
 * }</pre>
 */
public interface HookTools {

    // --- relations -------------------------------------------------------------------------

    /** {@code relation-ids <endpoint> --format=json}: the ids of the endpoint's relations. */
    List<RelationRef> relationIds(String endpoint);

    /** {@code relation-list --format=json -r <ref>}: the remote units. */
    List<String> relationList(RelationRef relation);

    /** {@code relation-list --format=json --app -r <ref>}: the remote application's name. */
    String relationRemoteApp(RelationRef relation);

    /**
     * {@code relation-get --format=json -r <ref> [--app] - <unit-or-app>}: a whole data bag.
     */
    Map<String, String> relationGet(RelationRef relation, String unitOrApp, boolean app);

    /**
     * {@code relation-set -r <ref> [--app] --file -} with the changed keys as JSON on stdin;
     * an empty value deletes the key.
     */
    void relationSet(RelationRef relation, Map<String, String> changes, boolean app);

    /** {@code relation-model-get --format=json -r <ref>}: the remote model's uuid. */
    String relationModelUuid(RelationRef relation);

    // --- config, leadership, status ------------------------------------------------------

    /** {@code config-get --format=json}: every set or defaulted option (secrets as ids). */
    Map<String, Object> configGet();

    /** {@code is-leader --format=json}. */
    boolean isLeader();

    /** {@code status-get --include-data --format=json --application=false}. */
    Status unitStatusGet();

    /** {@code status-get --include-data --format=json --application=true} (leader only). */
    Status appStatusGet();

    /** {@code status-set --application=<bool> <status> [-- <message>]}. */
    void statusSet(Status status, boolean application);

    /** {@code application-version-set -- <version>}. */
    void applicationVersionSet(String version);

    /** {@code juju-log --log-level <LEVEL> -- <message>}. */
    void jujuLog(LogLevel level, String message);

    // --- resources and storage -----------------------------------------------------------

    /** {@code resource-get <name>}: the local path of the attached resource. */
    Path resourceGet(String name);

    /** {@code storage-get --format=json -s <id>}: the storage's kind and mount point. */
    StorageInfo storageGet(String storageId);

    /** {@code storage-list --format=json [<name>]}: ids such as {@code data/0}. */
    List<String> storageList(Optional<String> name);

    /** {@code storage-add <name>=<count>}. */
    void storageAdd(String name, int count);

    // --- actions -------------------------------------------------------------------------

    /** {@code action-get --format=json}: the action's parameters. */
    Map<String, Object> actionGet();

    /** {@code action-set k=v ...} with already flattened, validated keys. */
    void actionSet(Map<String, String> flattened);

    /** {@code action-log -- <message>}. */
    void actionLog(String message);

    /** {@code action-fail [-- <message>]}. */
    void actionFail(String message);

    // --- ports ---------------------------------------------------------------------------

    /** {@code open-port [--endpoints a,b] <port>}. */
    void openPort(Port port, List<String> endpoints);

    /** {@code close-port [--endpoints a,b] <port>}. */
    void closePort(Port port, List<String> endpoints);

    /** {@code opened-ports --format=json}. */
    List<Port> openedPorts();

    // --- controller-side unit state ------------------------------------------------------

    /** {@code state-get --format=json}: every key. */
    Map<String, String> stateGet();

    /** {@code state-set --file -} with the keys as JSON on stdin. */
    void stateSet(Map<String, String> values);

    /** {@code state-delete <key>}. */
    void stateDelete(String key);

    // --- secrets -------------------------------------------------------------------------

    /**
     * {@code secret-add [--label L] [--description D] [--expire E] [--rotate P] --owner <o>
     * k#file=...}: values travel in 0600 temporary files, deleted afterwards.
     *
     * @return the new secret's id
     */
    String secretAdd(Map<String, String> content, SecretOptions options);

    /** {@code secret-get --format=json <id> [--label L] [--refresh] [--peek]}. */
    Map<String, String> secretGet(Optional<String> id, Optional<String> label, boolean refresh, boolean peek);

    /** {@code secret-info-get --format=json <id>} or {@code --label L} (owner only). */
    SecretInfo secretInfoGet(Optional<String> id, Optional<String> label);

    /** {@code secret-set [options] <id> [k#file=...]}: new content and/or metadata. */
    void secretSet(String id, Optional<Map<String, String>> content, SecretOptions options);

    /** {@code secret-grant --relation <endpoint:id> [--unit <unit>] <secret-id>}. */
    void secretGrant(String id, RelationRef relation, Optional<String> unit);

    /** {@code secret-revoke --relation <endpoint:id> [--unit <unit>] <secret-id>}. */
    void secretRevoke(String id, RelationRef relation, Optional<String> unit);

    /** {@code secret-remove <id> [--revision N]}. */
    void secretRemove(String id, Optional<Integer> revision);

    /** {@code secret-ids --format=json}. */
    List<String> secretIds();

    // --- environment ---------------------------------------------------------------------

    /** {@code credential-get --format=json}: the cloud credential (needs trust). */
    JsonNode credentialGet();

    /** {@code goal-state --format=json}. */
    GoalState goalState();

    /** {@code network-get --format=json [-r <ref>] <binding>}. */
    NetworkInfo networkGet(String binding, Optional<RelationRef> relation);

    /** {@code juju-reboot [--now]}. */
    void jujuReboot(boolean now);

    /** Per-call timeout for tools that talk to the controller. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
}
