package io.jcharm.testing;

import io.jcharm.controller.Action;
import io.jcharm.controller.AppState;
import io.jcharm.controller.ConsumerDoc;
import io.jcharm.controller.EndpointDoc;
import io.jcharm.controller.GrantDoc;
import io.jcharm.controller.HookRun;
import io.jcharm.controller.ModelState;
import io.jcharm.controller.Relation;
import io.jcharm.controller.Secret;
import io.jcharm.controller.Secrets;
import io.jcharm.controller.StatusDoc;
import io.jcharm.controller.UnitState;
import io.jcharm.core.Status;
import io.jcharm.core.tools.Port;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A test {@link State} as jcharm-controller's model of one unit's world, and back: the unit and
 * its application (with its planned units), every relation with its bags, every secret with its
 * owner, tracked revision and grants, controller-side state, ports and statuses.
 *
 * <pre>{@code
 * ModelState<AppState<UnitState>> model = ModelMapping.toModel("hello/0", state);
 * State out = ModelMapping.fromModel(model, run, state, logs);
 * }</pre>
 */
final class ModelMapping {
    /** Owner of a secret another application owns: the test does not say which. */
    static final String OTHER_OWNER = "(another application)";
    /** The grant that lets this unit read a secret it was given ({@link SecretState#granted}). */
    private static final int GRANT_TO_US = -1;

    private ModelMapping() {
    }

    static ModelState<AppState<UnitState>> toModel(String unit, State in) {
        ModelState<AppState<UnitState>> m = ModelState.basic(in.modelName(), in.modelUuid());
        UnitState self = UnitState.named(unit);
        AppState<UnitState> app = AppState.named(self.app);
        app.leader = in.leader() ? unit : null;
        app.status = doc(in.appStatus());
        app.workloadVersion = in.workloadVersion();
        in.resources().forEach((k, v) -> app.resources.put(k, v.toString()));
        // The other planned units: what goal-state counts. Their status is not part of a State.
        for (int i = 0; i < in.plannedUnits(); i++) {
            UnitState other = UnitState.named(self.app + "/" + i);
            other.workload = new StatusDoc("active", "");
            app.units.put(other.name, other);
        }
        self.workload = doc(in.unitStatus());
        // A unit beyond the planned count is on its way out (remove with no planned units left).
        self.life = app.units.containsKey(unit) ? "alive" : "dying";
        self.state.putAll(in.stored());
        in.openedPorts().forEach(p -> self.ports.add(p.toString()));
        app.units.put(unit, self);
        m.applications.put(app.name, app);
        for (RelationState r : in.relations()) {
            m.relations.put(r.id(), relation(r, self));
        }
        for (SecretState s : in.secrets()) {
            m.secrets.put(s.id(), secret(s, self, in));
        }
        return m;
    }

    private static Relation relation(RelationState r, UnitState self) {
        Relation d = new Relation();
        d.id = r.id();
        boolean peer = r.remoteApp().equals(self.app);
        d.endpoints.add(new EndpointDoc(self.app, r.endpoint(), peer ? "peer" : "", ""));
        if (!peer) {
            // The remote endpoint's name is not part of a RelationState; no tool shows it to this unit.
            d.endpoints.add(new EndpointDoc(r.remoteApp(), r.endpoint(), "", ""));
            d.appData.put(r.remoteApp(), new TreeMap<>(r.remoteAppData()));
        }
        d.appData.put(self.app, new TreeMap<>(r.localAppData()));
        d.unitData.put(self.name, new TreeMap<>(r.localUnitData()));
        r.remoteUnitsData().forEach((u, bag) -> d.unitData.put(u, new TreeMap<>(bag)));
        self.entered.add(r.id());
        self.members.put(r.id(), new TreeSet<>(r.remoteUnitsData().keySet()));
        return d;
    }

    private static Secret secret(SecretState s, UnitState self, State in) {
        Secret d = new Secret();
        d.id = s.id();
        d.description = s.description().orElse(null);
        boolean changed = !s.content().equals(s.latestContent());
        int latest = changed ? Math.max(2, s.revision()) : s.revision();
        int tracked = changed ? latest - 1 : latest;
        d.revisions.put(tracked, new LinkedHashMap<>(s.content()));
        d.revisions.put(latest, new LinkedHashMap<>(s.latestContent()));
        if (s.owner().isPresent()) {
            d.unitOwned = s.owner().get().equals("unit");
            d.owner = d.unitOwned ? self.name : self.app;
            d.label = s.label().orElse(null);
            for (int id : s.grantedTo()) {
                String remote = in.relations().stream().filter(r -> r.id() == id).map(RelationState::remoteApp)
                        .findFirst().orElse(OTHER_OWNER);
                d.grants.add(new GrantDoc(id, remote, null));
            }
        } else if (s.hidden()) {
            d.owner = OTHER_OWNER; // no grant and no consumer: the controller answers "permission denied"
        } else {
            d.owner = OTHER_OWNER;
            d.grants.add(new GrantDoc(GRANT_TO_US, self.app, null));
            d.consumers.put(self.name, new ConsumerDoc(s.label().orElse(null), tracked));
        }
        return d;
    }

    /**
     * The output state: what the committed model holds for this unit, the hook's outputs, and the
     * rest as it came in.
     */
    static State fromModel(ModelState<AppState<UnitState>> m, HookRun run, State in, List<String> logs) {
        String unit = run.unit;
        UnitState self = m.unitState(unit).orElseThrow();
        AppState<UnitState> app = m.applications.get(self.app);
        List<RelationState> relations = new ArrayList<>();
        for (RelationState r : in.relations()) {
            Relation d = m.relations.get(r.id());
            relations.add(r.withLocalAppData(d.appData.getOrDefault(self.app, Map.of()))
                    .withLocalUnitData(d.unitData.getOrDefault(unit, Map.of())));
        }
        Map<String, SecretState> before = new LinkedHashMap<>();
        in.secrets().forEach(s -> before.put(s.id(), s));
        List<String> order = new ArrayList<>(before.keySet());
        m.secrets.keySet().stream().filter(id -> !before.containsKey(id)).forEach(order::add);
        List<SecretState> secrets = new ArrayList<>();
        for (String id : order) {
            Secret d = m.secrets.get(id);
            if (d != null) {
                secrets.add(secretState(d, unit, Optional.ofNullable(before.get(id))));
            }
        }
        Set<Port> ports = new LinkedHashSet<>();
        self.ports.forEach(p -> ports.add(Port.parse(p)));
        return in.withRelations(relations).withSecrets(secrets).withStored(self.state).withOpenedPorts(ports)
                .withUnitStatus(status(self.workload)).withOutputs(status(app.status), app.workloadVersion, logs,
                        run.actionResults, run.actionFailure(),
                        run.action() ? m.actions.get(run.actionId).log : List.of());
    }

    private static SecretState secretState(Secret d, String unit, Optional<SecretState> before) {
        Map<String, String> latest = d.revisions.get(d.latest());
        if (Secrets.owns(d, unit)) {
            Set<Integer> grants = new LinkedHashSet<>();
            d.grants.forEach(g -> grants.add(g.relationId()));
            return new SecretState(d.id, Optional.ofNullable(d.label), Optional.of(d.unitOwned ? "unit" : "application"),
                    latest, latest, d.latest(), Optional.ofNullable(d.description), grants);
        }
        if (!Secrets.granted(d, unit)) {
            return SecretState.notGranted(d.id);
        }
        ConsumerDoc c = d.consumers.get(unit);
        Map<String, String> tracked = c == null ? latest : d.revisions.getOrDefault(c.revision(), latest);
        return new SecretState(d.id, Optional.ofNullable(c == null ? null : c.label()), Optional.empty(), tracked, latest,
                d.latest(), Optional.ofNullable(d.description), before.map(SecretState::grantedTo).orElse(Set.of()));
    }

    /** The action run the controller's action tools answer from. */
    static Action action(String id, String unit, String name, Map<String, Object> params) {
        Action a = new Action();
        a.id = id;
        a.unit = unit;
        a.name = name;
        a.params.putAll(params);
        a.status = "running";
        return a;
    }

    private static StatusDoc doc(Status s) {
        return new StatusDoc(s.name(), s.message());
    }

    private static Status status(StatusDoc d) {
        return d == null ? Status.of("unknown", "") : Status.of(d.status(), d.message());
    }
}
