package io.jcharm.core;

import io.jcharm.core.tools.GoalState;
import io.jcharm.core.tools.HookToolException;
import io.jcharm.core.tools.HookTools;
import io.jcharm.core.tools.LogLevel;
import io.jcharm.core.tools.NetworkInfo;
import io.jcharm.core.tools.Port;
import io.jcharm.core.tools.RelationNotFoundException;
import io.jcharm.core.tools.RelationRef;
import io.jcharm.core.tools.SecretInfo;
import io.jcharm.core.tools.SecretNotFoundException;
import io.jcharm.core.tools.SecretOptions;
import io.jcharm.core.tools.StorageInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * An in-memory {@link HookTools} that records every call as one line ("tool args"), so tests can
 * assert exactly which hook tools the SDK ran and with what. Answers come from public fields.
 */
final class RecordingHookTools implements HookTools {
    /** One relation: remote app, remote units, and every bag by owner ("app/0" or "app" for app bags). */
    static final class Rel {
        String remoteApp;
        List<String> units = new ArrayList<>();
        final Map<String, Map<String, String>> unitBags = new LinkedHashMap<>();
        final Map<String, Map<String, String>> appBags = new LinkedHashMap<>();
    }

    /** A recorded relation-set. */
    record RelationSet(RelationRef ref, Map<String, String> changes, boolean app) {
    }

    final List<String> calls = new ArrayList<>();
    final Map<RelationRef, Rel> relations = new LinkedHashMap<>();
    final List<RelationSet> relationSets = new ArrayList<>();
    boolean leader;
    Map<String, Object> config = new LinkedHashMap<>();
    Status unitStatus = Status.of("unknown", "");
    Status appStatus = Status.of("unknown", "");
    final List<String> logs = new ArrayList<>();
    RuntimeException jujuLogFailure;
    Map<String, Object> actionParams = new LinkedHashMap<>();
    final Map<String, String> actionResults = new LinkedHashMap<>();
    final List<String> actionLogs = new ArrayList<>();
    final List<String> actionFailures = new ArrayList<>();
    final Set<Port> ports = new LinkedHashSet<>();
    final Map<String, String> state = new LinkedHashMap<>();
    final Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
    final Map<String, String> secretLabels = new LinkedHashMap<>();
    final Map<String, Path> resources = new LinkedHashMap<>();
    final Map<String, String> goalUnits = new LinkedHashMap<>();
    String workloadVersion;

    /** Adds a relation with remote units; returns its reference. */
    RelationRef relate(String endpoint, int id, String remoteApp, String... units) {
        RelationRef ref = new RelationRef(endpoint, id);
        Rel r = new Rel();
        r.remoteApp = remoteApp;
        r.units = new ArrayList<>(List.of(units));
        relations.put(ref, r);
        return ref;
    }

    Map<String, String> unitBag(RelationRef ref, String unit) {
        return relations.get(ref).unitBags.computeIfAbsent(unit, u -> new LinkedHashMap<>());
    }

    Map<String, String> appBag(RelationRef ref, String app) {
        return relations.get(ref).appBags.computeIfAbsent(app, u -> new LinkedHashMap<>());
    }

    long count(String tool) {
        return calls.stream().filter(c -> c.equals(tool) || c.startsWith(tool + " ")).count();
    }

    private void call(String line) {
        calls.add(line.strip());
    }

    private Rel rel(RelationRef ref) {
        Rel r = relations.get(ref);
        if (r == null) {
            throw new RelationNotFoundException(List.of("relation-get", "-r", ref.toString()), 2,
                    "ERROR invalid value \"" + ref + "\" for option -r: relation not found");
        }
        return r;
    }

    @Override public List<RelationRef> relationIds(String endpoint) {
        call("relation-ids " + endpoint);
        return relations.keySet().stream().filter(r -> r.endpoint().equals(endpoint)).toList();
    }

    @Override public List<String> relationList(RelationRef relation) {
        call("relation-list " + relation);
        return List.copyOf(rel(relation).units);
    }

    @Override public String relationRemoteApp(RelationRef relation) {
        call("relation-list --app " + relation);
        return rel(relation).remoteApp;
    }

    @Override public Map<String, String> relationGet(RelationRef relation, String unitOrApp, boolean app) {
        call("relation-get " + relation + (app ? " --app " : " ") + unitOrApp);
        Rel r = rel(relation);
        return Map.copyOf((app ? r.appBags : r.unitBags).getOrDefault(unitOrApp, Map.of()));
    }

    @Override public void relationSet(RelationRef relation, Map<String, String> changes, boolean app) {
        call("relation-set " + relation + (app ? " --app " : " ") + new TreeMap<>(changes));
        relationSets.add(new RelationSet(relation, Map.copyOf(changes), app));
    }

    @Override public String relationModelUuid(RelationRef relation) {
        call("relation-model-get " + relation);
        return "uuid";
    }

    @Override public Map<String, Object> configGet() {
        call("config-get");
        return new LinkedHashMap<>(config);
    }

    @Override public boolean isLeader() {
        call("is-leader");
        return leader;
    }

    @Override public Status unitStatusGet() {
        call("status-get");
        return unitStatus;
    }

    @Override public Status appStatusGet() {
        call("status-get --application");
        return appStatus;
    }

    @Override public void statusSet(Status status, boolean application) {
        call("status-set " + (application ? "--application " : "") + status.name() + " " + status.message());
        if (application) {
            appStatus = status;
        } else {
            unitStatus = status;
        }
    }

    @Override public void applicationVersionSet(String version) {
        call("application-version-set " + version);
        workloadVersion = version;
    }

    @Override public void jujuLog(LogLevel level, String message) {
        call("juju-log " + level);
        if (jujuLogFailure != null) {
            throw jujuLogFailure;
        }
        logs.add(level + " " + message);
    }

    @Override public Path resourceGet(String name) {
        call("resource-get " + name);
        return Optional.ofNullable(resources.get(name)).orElseThrow(() -> new HookToolException(
                List.of("resource-get", name), 1, "ERROR resource not found"));
    }

    @Override public StorageInfo storageGet(String storageId) {
        call("storage-get " + storageId);
        return new StorageInfo(storageId, "filesystem", Path.of("/srv"));
    }

    @Override public List<String> storageList(Optional<String> name) {
        call("storage-list " + name.orElse(""));
        return List.of();
    }

    @Override public void storageAdd(String name, int count) {
        call("storage-add " + name + "=" + count);
    }

    @Override public Map<String, Object> actionGet() {
        call("action-get");
        return new LinkedHashMap<>(actionParams);
    }

    @Override public void actionSet(Map<String, String> flattened) {
        call("action-set " + new TreeMap<>(flattened));
        actionResults.putAll(flattened);
    }

    @Override public void actionLog(String message) {
        call("action-log");
        actionLogs.add(message);
    }

    @Override public void actionFail(String message) {
        call("action-fail");
        actionFailures.add(message);
    }

    @Override public void openPort(Port port, List<String> endpoints) {
        call("open-port " + port);
        ports.add(port);
    }

    @Override public void closePort(Port port, List<String> endpoints) {
        call("close-port " + port);
        ports.remove(port);
    }

    @Override public List<Port> openedPorts() {
        call("opened-ports");
        return List.copyOf(ports);
    }

    @Override public Map<String, String> stateGet() {
        call("state-get");
        return Map.copyOf(state);
    }

    @Override public void stateSet(Map<String, String> values) {
        call("state-set " + new TreeMap<>(values));
        state.putAll(values);
    }

    @Override public void stateDelete(String key) {
        call("state-delete " + key);
        state.remove(key);
    }

    @Override public String secretAdd(Map<String, String> content, SecretOptions options) {
        String id = "secret:c" + (secrets.size() + 100);
        call("secret-add --owner " + options.owner().orElse("") + " --label " + options.label().orElse("") + " -> " + id);
        secrets.put(id, Map.copyOf(content));
        options.label().ifPresent(l -> secretLabels.put(l, id));
        return id;
    }

    private String resolve(Optional<String> id, Optional<String> label) {
        String resolved = id.orElseGet(() -> label.map(secretLabels::get).orElse(null));
        if (resolved == null || !secrets.containsKey(resolved)) {
            throw new SecretNotFoundException(List.of("secret-get"), 1,
                    "ERROR secret \"" + id.or(() -> label).orElse("") + "\" not found");
        }
        return resolved;
    }

    @Override public Map<String, String> secretGet(Optional<String> id, Optional<String> label, boolean refresh,
                                                   boolean peek) {
        call("secret-get " + id.orElse("") + label.map(l -> " --label " + l).orElse("") + (refresh ? " --refresh" : "")
                + (peek ? " --peek" : ""));
        return secrets.get(resolve(id, label));
    }

    @Override public SecretInfo secretInfoGet(Optional<String> id, Optional<String> label) {
        call("secret-info-get " + id.orElse("") + label.map(l -> "--label " + l).orElse(""));
        // Juju keys secret-info-get's answer by the bare xid, without "secret:".
        String resolved = resolve(id, label).replaceFirst("^secret:", "");
        return new SecretInfo(resolved, label, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1);
    }

    @Override public void secretSet(String id, Optional<Map<String, String>> content, SecretOptions options) {
        call("secret-set " + id);
        content.ifPresent(c -> secrets.put(id, Map.copyOf(c)));
    }

    @Override public void secretGrant(String id, RelationRef relation, Optional<String> unit) {
        call("secret-grant " + id + " " + relation + unit.map(u -> " " + u).orElse(""));
    }

    @Override public void secretRevoke(String id, RelationRef relation, Optional<String> unit) {
        call("secret-revoke " + id + " " + relation);
    }

    @Override public void secretRemove(String id, Optional<Integer> revision) {
        call("secret-remove " + id + revision.map(r -> " --revision " + r).orElse(""));
    }

    @Override public List<String> secretIds() {
        call("secret-ids");
        return List.copyOf(secrets.keySet());
    }

    @Override public JsonNode credentialGet() {
        call("credential-get");
        return JsonNodeFactory.instance.objectNode();
    }

    @Override public GoalState goalState() {
        call("goal-state");
        return new GoalState(Map.copyOf(goalUnits), Map.of());
    }

    @Override public NetworkInfo networkGet(String binding, Optional<RelationRef> relation) {
        call("network-get " + binding);
        return new NetworkInfo(List.of(), List.of(), List.of("10.0.0.1"));
    }

    @Override public void jujuReboot(boolean now) {
        call("juju-reboot" + (now ? " --now" : ""));
    }
}
