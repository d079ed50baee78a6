package io.jcharm.testing;

import io.jcharm.core.Status;
import io.jcharm.core.tools.GoalState;
import io.jcharm.core.tools.HookTools;
import io.jcharm.core.tools.HookToolException;
import io.jcharm.core.tools.LogLevel;
import io.jcharm.core.tools.NetworkInfo;
import io.jcharm.core.tools.Port;
import io.jcharm.core.tools.RelationRef;
import io.jcharm.core.tools.SecretInfo;
import io.jcharm.core.tools.SecretOptions;
import io.jcharm.core.tools.StorageInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Hook tools answered from a test {@link State}, enforcing what the controller enforces
 * (leader-only app data and app status, unknown relations and secrets), and recording writes
 * so the output state can be built.
 */
final class FakeHookTools implements HookTools {
    private final String unit;
    private final String app;
    private final State in;
    private final Map<String, Object> config;
    private final Map<Integer, RelationState> relations = new LinkedHashMap<>();
    private final Map<String, SecretState> secrets = new LinkedHashMap<>();
    private final Map<String, String> stored;
    private final Set<Port> ports;
    private final Map<String, Object> actionParams;
    final List<String> logs = new ArrayList<>();
    final Map<String, String> actionResults = new LinkedHashMap<>();
    final List<String> actionLogs = new ArrayList<>();
    Optional<String> actionFailure = Optional.empty();
    Status unitStatus;
    Status appStatus;
    String workloadVersion;
    private int secretCounter;

    FakeHookTools(String unit, State in, Map<String, Object> config, Map<String, Object> actionParams) {
        this.unit = unit;
        this.app = unit.substring(0, unit.indexOf('/'));
        this.in = in;
        this.config = config;
        in.relations().forEach(r -> relations.put(r.id(), r));
        in.secrets().forEach(s -> secrets.put(s.id(), s));
        this.stored = new LinkedHashMap<>(in.stored());
        this.ports = new LinkedHashSet<>(in.openedPorts());
        this.actionParams = actionParams;
        this.unitStatus = in.unitStatus();
        this.appStatus = in.appStatus();
        this.workloadVersion = in.workloadVersion();
    }

    State output() {
        return in.withRelations(List.copyOf(relations.values())).withSecrets(List.copyOf(secrets.values()))
                .withStored(stored).withOpenedPorts(ports).withUnitStatus(unitStatus).withOutputs(appStatus,
                        workloadVersion, logs, actionResults, actionFailure, actionLogs);
    }

    private RelationState rel(RelationRef ref, String tool) {
        RelationState r = relations.get(ref.id());
        if (r == null || !r.endpoint().equals(ref.endpoint())) {
            throw HookToolException.of(List.of(tool, "-r", ref.toString()), 2,
                    "ERROR invalid value \"" + ref + "\" for option -r: relation not found");
        }
        return r;
    }

    @Override
    public List<RelationRef> relationIds(String endpoint) {
        return relations.values().stream().filter(r -> r.endpoint().equals(endpoint))
                .map(r -> new RelationRef(r.endpoint(), r.id())).toList();
    }

    @Override
    public List<String> relationList(RelationRef relation) {
        return List.copyOf(rel(relation, "relation-list").remoteUnitsData().keySet());
    }

    @Override
    public String relationRemoteApp(RelationRef relation) {
        return rel(relation, "relation-list").remoteApp();
    }

    @Override
    public Map<String, String> relationGet(RelationRef relation, String unitOrApp, boolean isApp) {
        RelationState r = rel(relation, "relation-get");
        if (isApp) {
            if (unitOrApp.equals(app)) {
                return r.localAppData();
            }
            return unitOrApp.equals(r.remoteApp()) ? r.remoteAppData() : Map.of();
        }
        if (unitOrApp.equals(unit)) {
            return r.localUnitData();
        }
        return r.remoteUnitsData().getOrDefault(unitOrApp, Map.of());
    }

    @Override
    public void relationSet(RelationRef relation, Map<String, String> changes, boolean isApp) {
        RelationState r = rel(relation, "relation-set");
        if (isApp && !in.leader()) {
            throw HookToolException.of(List.of("relation-set", "-r", relation.toString(), "--app", "--file", "-"), 1,
                    "ERROR cannot write relation settings: this unit is not the leader");
        }
        Map<String, String> bag = new LinkedHashMap<>(isApp ? r.localAppData() : r.localUnitData());
        changes.forEach((k, v) -> {
            if (v.isEmpty()) {
                bag.remove(k);
            } else {
                bag.put(k, v);
            }
        });
        relations.put(r.id(), isApp ? r.withLocalAppData(bag) : r.withLocalUnitData(bag));
    }

    @Override
    public String relationModelUuid(RelationRef relation) {
        rel(relation, "relation-model-get");
        return in.modelUuid();
    }

    @Override
    public Map<String, Object> configGet() {
        return config;
    }

    @Override
    public boolean isLeader() {
        return in.leader();
    }

    @Override
    public Status unitStatusGet() {
        return unitStatus;
    }

    @Override
    public Status appStatusGet() {
        if (!in.leader()) {
            throw HookToolException.of(List.of("status-get", "--application=true"), 1,
                    "ERROR finding application status: this unit is not the leader");
        }
        return appStatus;
    }

    @Override
    public void statusSet(Status status, boolean application) {
        if (application) {
            if (!in.leader()) {
                throw HookToolException.of(List.of("status-set", "--application=True"), 1,
                        "ERROR setting application status: this unit is not the leader");
            }
            appStatus = status;
        } else {
            unitStatus = status;
        }
    }

    @Override
    public void applicationVersionSet(String version) {
        workloadVersion = version;
    }

    @Override
    public void jujuLog(LogLevel level, String message) {
        logs.add(level + " " + message);
    }

    @Override
    public Path resourceGet(String name) {
        Path p = in.resources().get(name);
        if (p == null) {
            throw HookToolException.of(List.of("resource-get", name), 1,
                    "ERROR could not download resource: resource \"" + name + "\" not found");
        }
        return p;
    }

    @Override
    public StorageInfo storageGet(String storageId) {
        return new StorageInfo(storageId, "filesystem", Path.of("/srv", storageId.replace('/', '-')));
    }

    @Override
    public List<String> storageList(Optional<String> name) {
        return name.map(n -> List.of(n + "/0")).orElse(List.of());
    }

    @Override
    public void storageAdd(String name, int count) {
        logs.add("DEBUG storage-add " + name + "=" + count);
    }

    @Override
    public Map<String, Object> actionGet() {
        return actionParams;
    }

    @Override
    public void actionSet(Map<String, String> flattened) {
        actionResults.putAll(flattened);
    }

    @Override
    public void actionLog(String message) {
        actionLogs.add(message);
    }

    @Override
    public void actionFail(String message) {
        actionFailure = Optional.of(message == null ? "action failed" : message);
    }

    @Override
    public void openPort(Port port, List<String> endpoints) {
        ports.add(port);
    }

    @Override
    public void closePort(Port port, List<String> endpoints) {
        ports.remove(port);
    }

    @Override
    public List<Port> openedPorts() {
        return List.copyOf(ports);
    }

    @Override
    public Map<String, String> stateGet() {
        return Map.copyOf(stored);
    }

    @Override
    public void stateSet(Map<String, String> values) {
        stored.putAll(values);
    }

    @Override
    public void stateDelete(String key) {
        stored.remove(key);
    }

    @Override
    public String secretAdd(Map<String, String> content, SecretOptions options) {
        if (options.owner().filter("application"::equals).isPresent() && !in.leader()) {
            throw HookToolException.of(List.of("secret-add", "--owner", "application"), 1,
                    "ERROR this unit is not the leader: cannot add an application secret");
        }
        String id = String.format("secret:cv0tmpd2ju3s6a%06d", ++secretCounter);
        secrets.put(id, new SecretState(id, options.label(), options.owner(), content, content, 1,
                options.description(), Set.of()));
        return id;
    }

    private SecretState find(Optional<String> id, Optional<String> label, String tool) {
        Optional<SecretState> s = id.map(secrets::get);
        if (s.isEmpty() && label.isPresent()) {
            s = secrets.values().stream().filter(x -> x.label().equals(label)).findFirst();
        }
        return s.orElseThrow(() -> HookToolException.of(List.of(tool), 1,
                "ERROR secret \"" + id.or(() -> label).orElse("") + "\" not found"));
    }

    @Override
    public Map<String, String> secretGet(Optional<String> id, Optional<String> label, boolean refresh, boolean peek) {
        SecretState s = find(id, label, "secret-get");
        if (id.isPresent() && label.isPresent()) {
            s = s.withLabel(label.get());
            secrets.put(s.id(), s);
        }
        if (refresh) {
            s = new SecretState(s.id(), s.label(), s.owner(), s.latestContent(), s.latestContent(), s.revision(),
                    s.description(), s.grantedTo());
            secrets.put(s.id(), s);
        }
        return peek || refresh ? s.latestContent() : s.content();
    }

    @Override
    public SecretInfo secretInfoGet(Optional<String> id, Optional<String> label) {
        SecretState s = find(id, label, "secret-info-get");
        if (s.owner().isEmpty()) {
            throw HookToolException.of(List.of("secret-info-get"), 1, "ERROR permission denied: not the owner");
        }
        return new SecretInfo(s.id(), s.label(), s.description(), Optional.empty(), Optional.empty(), Optional.empty(),
                s.revision());
    }

    /** Only the owner manages a secret, and only the leader manages an application-owned one. */
    private SecretState owned(String id, String tool) {
        SecretState s = find(Optional.of(id), Optional.empty(), tool);
        if (s.owner().isEmpty()) {
            throw HookToolException.of(List.of(tool, id), 1, "ERROR permission denied: " + app
                    + " does not own secret " + id);
        }
        if (s.owner().get().equals("application") && !in.leader()) {
            throw HookToolException.of(List.of(tool, id), 1, "ERROR this unit is not the leader: cannot manage "
                    + "application secret " + id);
        }
        return s;
    }

    @Override
    public void secretSet(String id, Optional<Map<String, String>> content, SecretOptions options) {
        SecretState s = owned(id, "secret-set");
        Map<String, String> latest = content.orElse(s.latestContent());
        int rev = content.isPresent() && !latest.equals(s.latestContent()) ? s.revision() + 1 : s.revision();
        // The owner always tracks the revision it just published.
        secrets.put(id, new SecretState(id, options.label().or(s::label), s.owner(), latest, latest, rev,
                options.description().or(s::description), s.grantedTo()));
    }

    @Override
    public void secretGrant(String id, RelationRef relation, Optional<String> unitName) {
        SecretState s = owned(id, "secret-grant");
        rel(relation, "secret-grant");
        Set<Integer> grants = new HashSet<>(s.grantedTo());
        grants.add(relation.id());
        secrets.put(id, new SecretState(id, s.label(), s.owner(), s.content(), s.latestContent(), s.revision(),
                s.description(), grants));
    }

    @Override
    public void secretRevoke(String id, RelationRef relation, Optional<String> unitName) {
        SecretState s = owned(id, "secret-revoke");
        Set<Integer> grants = new HashSet<>(s.grantedTo());
        grants.remove(relation.id());
        secrets.put(id, new SecretState(id, s.label(), s.owner(), s.content(), s.latestContent(), s.revision(),
                s.description(), grants));
    }

    @Override
    public void secretRemove(String id, Optional<Integer> revision) {
        owned(id, "secret-remove");
        if (revision.isEmpty()) {
            secrets.remove(id);
        }
    }

    @Override
    public List<String> secretIds() {
        return secrets.values().stream().filter(s -> s.owner().isPresent()).map(SecretState::id).toList();
    }

    @Override
    public JsonNode credentialGet() {
        return JsonNodeFactory.instance.objectNode().put("type", "kubernetes").put("name", "test");
    }

    @Override
    public GoalState goalState() {
        Map<String, String> units = new LinkedHashMap<>();
        for (int i = 0; i < in.plannedUnits(); i++) {
            units.put(app + "/" + i, "active");
        }
        return new GoalState(units, Map.of());
    }

    @Override
    public NetworkInfo networkGet(String binding, Optional<RelationRef> relation) {
        NetworkInfo.Address a = new NetworkInfo.Address("", "10.1.0.10", "10.1.0.0/16");
        return new NetworkInfo(List.of(new NetworkInfo.BindAddress("eth0", "", List.of(a))), List.of("10.1.0.10/32"),
                List.of("10.1.0.10"));
    }

    @Override
    public void jujuReboot(boolean now) {
        logs.add("DEBUG juju-reboot" + (now ? " --now" : ""));
    }
}
