package io.jcharm.controller;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the controller keeps of a unit for its hook tools: workload status, controller-side
 * state, opened ports, which relations it has entered and whom it has seen join, and storage it
 * added. A host extends it with its own bookkeeping (lib/local: the hook queue).
 *
 * <pre>{@code
 * UnitState u = UnitState.named("hello/0");
 * u.state.put("served", "3");
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UnitState {
    public String name;
    public String app;
    public int number;
    public String life = "alive";
    public StatusDoc workload = new StatusDoc("waiting", "agent initialising");
    public Map<String, String> state = new TreeMap<>();
    public TreeSet<String> ports = new TreeSet<>();
    /** Relation id to the remote units this unit has seen join (what relation-list shows). */
    public Map<Integer, TreeSet<String>> members = new TreeMap<>();
    /** Relations this unit has run relation-created for (what relation-ids shows). */
    public TreeSet<Integer> entered = new TreeSet<>();
    /** Storage name to the instances storage-add asked for beyond the one each storage starts with. */
    public Map<String, Integer> storageAdded = new TreeMap<>();

    /** A unit of the given name ({@code app/N}), alive, status waiting. */
    public static UnitState named(String unitName) {
        UnitState u = new UnitState();
        u.init(unitName);
        return u;
    }

    /** Fills name, app and number from {@code app/N}. */
    public final void init(String unitName) {
        int slash = unitName.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("unit name \"" + unitName + "\" is not of the form <application>/<number>");
        }
        name = unitName;
        app = unitName.substring(0, slash);
        try {
            number = Integer.parseInt(unitName.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unit name \"" + unitName + "\" does not end in a number", e);
        }
    }

    @JsonIgnore
    public boolean dying() {
        return !"alive".equals(life);
    }
}
