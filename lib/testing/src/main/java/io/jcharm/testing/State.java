package io.jcharm.testing;

import io.jcharm.core.Status;
import io.jcharm.core.tools.Port;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of everything a unit sees, before or after one event.
 *
 * <pre>{@code
 * State in = State.empty().withLeader(true).withConfig(Map.of("greeting", "hi"));
 * State out = ctx.run(Events.configChanged(), in);
 * assertEquals(Status.active(), out.unitStatus());
 * }</pre>
 *
 * @param stored controller-side unit state (state-get/state-set), values as JSON text
 * @param logs juju-log lines written by the hook, "LEVEL message"
 * @param actionResults what action-set recorded (flattened keys)
 * @param actionFailure the action-fail message, if the action failed
 * @param actionLogs action-log messages
 * @param environment extra hook environment (for example KUBECONFIG)
 */
public record State(boolean leader, Map<String, Object> config, List<RelationState> relations,
                    List<SecretState> secrets, Map<String, String> stored, Map<String, Path> resources,
                    List<ContainerState> containers, String modelName, String modelUuid, Status unitStatus,
                    Status appStatus, String workloadVersion, Set<Port> openedPorts, int plannedUnits,
                    Map<String, String> environment, List<String> logs, Map<String, String> actionResults,
                    Optional<String> actionFailure, List<String> actionLogs) {

    public State {
        config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
        relations = List.copyOf(relations);
        secrets = List.copyOf(secrets);
        stored = Map.copyOf(stored);
        resources = Map.copyOf(resources);
        containers = List.copyOf(containers);
        openedPorts = Set.copyOf(openedPorts);
        environment = Map.copyOf(environment);
        logs = List.copyOf(logs);
        actionResults = Map.copyOf(actionResults);
        actionLogs = List.copyOf(actionLogs);
    }

    /** A unit that is not leader, with default config, no relations and unknown status. */
    public static State empty() {
        return new State(false, Map.of(), List.of(), List.of(), Map.of(), Map.of(), List.of(), "test-model",
                "00000000-0000-4000-8000-000000000000", Status.of("unknown", ""), Status.of("unknown", ""), "",
                Set.of(), 1, Map.of(), List.of(), Map.of(), Optional.empty(), List.of());
    }

    public State withLeader(boolean l) {
        return new State(l, config, relations, secrets, stored, resources, containers, modelName, modelUuid, unitStatus,
                appStatus, workloadVersion, openedPorts, plannedUnits, environment, logs, actionResults, actionFailure,
                actionLogs);
    }

    /** Config values set by the user (defaults come from the charm's config options). */
    public State withConfig(Map<String, Object> c) {
        return new State(leader, c, relations, secrets, stored, resources, containers, modelName, modelUuid, unitStatus,
                appStatus, workloadVersion, openedPorts, plannedUnits, environment, logs, actionResults, actionFailure,
                actionLogs);
    }

    /** Adds a relation (or replaces the one with the same id). */
    public State withRelation(RelationState r) {
        List<RelationState> rs = new ArrayList<>(relations);
        rs.removeIf(x -> x.id() == r.id());
        rs.add(r);
        return withRelations(rs);
    }

    public State withoutRelation(int id) {
        List<RelationState> rs = new ArrayList<>(relations);
        rs.removeIf(x -> x.id() == id);
        return withRelations(rs);
    }

    public State withRelations(List<RelationState> rs) {
        return new State(leader, config, rs, secrets, stored, resources, containers, modelName, modelUuid, unitStatus,
                appStatus, workloadVersion, openedPorts, plannedUnits, environment, logs, actionResults, actionFailure,
                actionLogs);
    }

    /** Adds a secret (or replaces the one with the same id). */
    public State withSecret(SecretState s) {
        List<SecretState> ss = new ArrayList<>(secrets);
        ss.removeIf(x -> x.id().equals(s.id()));
        ss.add(s);
        return withSecrets(ss);
    }

    public State withSecrets(List<SecretState> ss) {
        return new State(leader, config, relations, ss, stored, resources, containers, modelName, modelUuid, unitStatus,
                appStatus, workloadVersion, openedPorts, plannedUnits, environment, logs, actionResults, actionFailure,
                actionLogs);
    }

    public State withStored(Map<String, String> s) {
        return new State(leader, config, relations, secrets, s, resources, containers, modelName, modelUuid, unitStatus,
                appStatus, workloadVersion, openedPorts, plannedUnits, environment, logs, actionResults, actionFailure,
                actionLogs);
    }

    public State withResources(Map<String, Path> r) {
        return new State(leader, config, relations, secrets, stored, r, containers, modelName, modelUuid, unitStatus,
                appStatus, workloadVersion, openedPorts, plannedUnits, environment, logs, actionResults, actionFailure,
                actionLogs);
    }

    public State withContainer(ContainerState c) {
        List<ContainerState> cs = new ArrayList<>(containers);
        cs.removeIf(x -> x.name().equals(c.name()));
        cs.add(c);
        return withContainers(cs);
    }

    /** The state to feed the next event: every container {@link ContainerState#carriedOver carried over}. */
    public State withContainersCarriedOver() {
        return withContainers(containers.stream().map(ContainerState::carriedOver).toList());
    }

    public State withContainers(List<ContainerState> cs) {
        return new State(leader, config, relations, secrets, stored, resources, cs, modelName, modelUuid, unitStatus,
                appStatus, workloadVersion, openedPorts, plannedUnits, environment, logs, actionResults, actionFailure,
                actionLogs);
    }

    public State withModel(String name, String uuid) {
        return new State(leader, config, relations, secrets, stored, resources, containers, name, uuid, unitStatus,
                appStatus, workloadVersion, openedPorts, plannedUnits, environment, logs, actionResults, actionFailure,
                actionLogs);
    }

    public State withUnitStatus(Status s) {
        return new State(leader, config, relations, secrets, stored, resources, containers, modelName, modelUuid, s,
                appStatus, workloadVersion, openedPorts, plannedUnits, environment, logs, actionResults, actionFailure,
                actionLogs);
    }

    public State withPlannedUnits(int n) {
        return new State(leader, config, relations, secrets, stored, resources, containers, modelName, modelUuid,
                unitStatus, appStatus, workloadVersion, openedPorts, n, environment, logs, actionResults, actionFailure,
                actionLogs);
    }

    public State withOpenedPorts(Set<Port> p) {
        return new State(leader, config, relations, secrets, stored, resources, containers, modelName, modelUuid,
                unitStatus, appStatus, workloadVersion, p, plannedUnits, environment, logs, actionResults, actionFailure,
                actionLogs);
    }

    /** Extra hook environment, such as KUBECONFIG pointing at a mock API server. */
    public State withEnvironment(Map<String, String> env) {
        return new State(leader, config, relations, secrets, stored, resources, containers, modelName, modelUuid,
                unitStatus, appStatus, workloadVersion, openedPorts, plannedUnits, env, logs, actionResults,
                actionFailure, actionLogs);
    }

    /** Used by the test runner to record what a hook produced. */
    State withOutputs(Status app, String version, List<String> newLogs, Map<String, String> results,
                      Optional<String> failure, List<String> newActionLogs) {
        return new State(leader, config, relations, secrets, stored, resources, containers, modelName, modelUuid,
                unitStatus, app, version, openedPorts, plannedUnits, environment, newLogs, results, failure,
                newActionLogs);
    }

    /** The relation with this id. */
    public RelationState relation(int id) {
        return relations.stream().filter(r -> r.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no relation with id " + id + " in this state"));
    }

    /** The only relation on an endpoint. */
    public RelationState relation(String endpoint) {
        List<RelationState> rs = relations.stream().filter(r -> r.endpoint().equals(endpoint)).toList();
        if (rs.size() != 1) {
            throw new IllegalArgumentException(rs.size() + " relations on endpoint " + endpoint + " in this state");
        }
        return rs.get(0);
    }

    /** A secret by label. */
    public Optional<SecretState> secretByLabel(String label) {
        return secrets.stream().filter(s -> s.label().filter(label::equals).isPresent()).findFirst();
    }

    /** A stored value (raw JSON text). */
    public Optional<String> storedValue(String key) {
        return Optional.ofNullable(stored.get(key));
    }

    /** The container with this name. */
    public ContainerState container(String name) {
        return containers.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no container " + name + " in this state"));
    }
}
