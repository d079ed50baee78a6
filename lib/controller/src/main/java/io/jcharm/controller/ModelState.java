package io.jcharm.controller;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The controller's state of one model: applications and their units, relations, secrets and
 * action runs. Mutable documents, serialisable with Jackson as they are (lib/local persists a
 * subclass as its model.json); whoever owns one changes it under one lock.
 *
 * @param <A> the host's application type
 *
 * <pre>{@code
 * ModelState<AppState<UnitState>> m = ModelState.basic("test-model", uuid);
 * m.applications.put("hello", AppState.named("hello"));
 * }</pre>
 */
public class ModelState<A extends AppState<? extends UnitState>> {
    public String name;
    public String uuid;
    public Map<String, A> applications = new LinkedHashMap<>();
    public Map<Integer, Relation> relations = new TreeMap<>();
    public Map<String, Secret> secrets = new TreeMap<>();
    public Map<String, Action> actions = new LinkedHashMap<>();

    /** A model whose applications and units are the controller's own types. */
    public static ModelState<AppState<UnitState>> basic(String name, String uuid) {
        ModelState<AppState<UnitState>> m = new ModelState<>();
        m.name = name;
        m.uuid = uuid;
        return m;
    }

    /** The unit of this name, if its application and it exist. */
    public Optional<UnitState> unitState(String unitName) {
        int slash = unitName.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        A app = applications.get(unitName.substring(0, slash));
        return app == null ? Optional.empty() : Optional.ofNullable(app.units.get(unitName));
    }

    /** Whether {@code unitName} is its application's leader. */
    public boolean isLeader(String unitName) {
        int slash = unitName.indexOf('/');
        A app = slash <= 0 ? null : applications.get(unitName.substring(0, slash));
        return app != null && unitName.equals(app.leader);
    }

    /** The alive units {@code unit} sees on the other side of {@code r} (its peers, for a peer relation). */
    public List<UnitState> remoteUnits(Relation r, UnitState unit) {
        A other = applications.get(r.remoteApp(unit.app));
        List<UnitState> out = new ArrayList<>();
        if (other != null) {
            other.units.values().stream().filter(x -> !x.dying() && !x.name.equals(unit.name)).forEach(out::add);
        }
        return out;
    }
}
