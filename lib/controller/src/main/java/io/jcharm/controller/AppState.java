package io.jcharm.controller;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the controller keeps of an application for its hook tools: leader, set config, resources,
 * status, workload version and units. A host extends it (lib/local: the charm archive).
 *
 * @param <U> the host's unit type
 *
 * <pre>{@code
 * AppState<UnitState> app = AppState.named("hello");
 * app.units.put("hello/0", UnitState.named("hello/0"));
 * app.leader = "hello/0";
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppState<U extends UnitState> {
    public String name;
    /** Options set by the user; defaults come from the charm ({@link Host#config}). */
    public Map<String, Object> config = new TreeMap<>();
    /** Resource name to the file path or OCI image given at deploy. */
    public Map<String, String> resources = new TreeMap<>();
    public String leader;
    public String life = "alive";
    /** Set by the leader with status-set --application; null until then. */
    public StatusDoc status;
    public String workloadVersion = "";
    public Map<String, U> units = new LinkedHashMap<>();

    /** An application with no units. */
    public static AppState<UnitState> named(String name) {
        AppState<UnitState> a = new AppState<>();
        a.name = name;
        return a;
    }

    @JsonIgnore
    public boolean dying() {
        return !"alive".equals(life);
    }
}
