package io.jcharm.local;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The controller's whole state, persisted as {@code model.json} in the state directory.
 *
 * <p>These are mutable documents on purpose: the controller is a state machine whose state is
 * one JSON document, changed in place under the controller's lock and written back atomically.
 * Nothing outside the controller holds a reference to them; what leaves the package is copied
 * into records ({@link ModelStatus}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
final class ModelDoc {
    public int format = 1;
    public String name;
    public String uuid;
    /** The bundle (and overlays) last deployed, for status. */
    public String bundle;
    public int nextRelationId;
    public long nextActionId = 1;
    public long hooksRun;
    public Map<String, App> applications = new LinkedHashMap<>();
    public Map<Integer, Relation> relations = new TreeMap<>();
    public Map<String, Secret> secrets = new TreeMap<>();
    public Map<String, Action> actions = new LinkedHashMap<>();
    public List<FaultDoc> faults = new ArrayList<>();

    Optional<Unit> unit(String unitName) {
        int slash = unitName.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        App app = applications.get(unitName.substring(0, slash));
        return app == null ? Optional.empty() : Optional.ofNullable(app.units.get(unitName));
    }

    /** Every unit in deploy order: applications as deployed, units by number. */
    List<Unit> allUnits() {
        List<Unit> out = new ArrayList<>();
        applications.values().forEach(a -> out.addAll(a.units.values()));
        return out;
    }

    /** An application of the model. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class App {
        public String name;
        public String charmName;
        /** The deployed archive, copied into the state directory (so target/ may be rebuilt); relative to it. */
        public String charmArchive;
        /** Where the archive was taken from, for humans. */
        public String charmSource;
        public int revision;
        public boolean kubernetes;
        /** The charm's workload containers (Kubernetes charms). */
        public List<String> containers = new ArrayList<>();
        public boolean trust;
        /** Options set by the bundle or {@code jcharm config}; defaults come from the charm. */
        public Map<String, Object> config = new TreeMap<>();
        /** Resource name to the path or image the bundle gave. */
        public Map<String, String> resources = new TreeMap<>();
        public String leader;
        public int nextUnit;
        public String life = "alive";
        /** Set by the leader with status-set --application; null until then. */
        public StatusDoc status;
        public String workloadVersion = "";
        public Map<String, Unit> units = new LinkedHashMap<>();

        @JsonIgnore
        boolean dying() {
            return !"alive".equals(life);
        }
    }

    /** A unit: its queue of hooks, statuses, error, controller-side state and ports. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Unit {
        public String name;
        public String app;
        public int number;
        public String life = "alive";
        public int charmRevision;
        public boolean installed;
        public boolean started;
        public StatusDoc workload = new StatusDoc("waiting", "agent initialising");
        /** allocating, executing, idle or failed (the agent's own status). */
        public StatusDoc agent = new StatusDoc("allocating", "");
        public List<HookSpec> queue = new ArrayList<>();
        /** The hook being run; a crash of the local model leaves it here and it runs again. */
        public HookSpec running;
        public ErrorDoc error;
        public Map<String, String> state = new TreeMap<>();
        public TreeSet<String> ports = new TreeSet<>();
        /** Relation id to the remote units this unit has seen join (what relation-list shows). */
        public Map<Integer, TreeSet<String>> members = new TreeMap<>();
        /** Relations this unit has run relation-created for (what relation-ids shows). */
        public TreeSet<Integer> entered = new TreeSet<>();
        /** The last lines its hooks printed, for status and errors. */
        public List<String> lastLog = new ArrayList<>();

        @JsonIgnore
        boolean dying() {
            return !"alive".equals(life);
        }
    }

    /** A status with its message. */
    record StatusDoc(String status, String message) {
        StatusDoc {
            message = message == null ? "" : message;
        }
    }

    /**
     * A failed hook: kept until it succeeds on a retry or is resolved.
     *
     * @param attempts how many times it has run and failed
     * @param retryAt when the next automatic retry is due (epoch ms); 0 when none is left
     */
    record ErrorDoc(HookSpec hook, String message, List<String> log, int attempts, long retryAt) {
    }

    /** A relation between two endpoints (or a peer relation of one application). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Relation {
        public int id;
        public List<EndpointDoc> endpoints = new ArrayList<>();
        public String life = "alive";
        /** Application name to its application data bag. */
        public Map<String, Map<String, String>> appData = new TreeMap<>();
        /** Unit name to its unit data bag. */
        public Map<String, Map<String, String>> unitData = new TreeMap<>();

        @JsonIgnore
        boolean peer() {
            return endpoints.size() == 1;
        }

        @JsonIgnore
        boolean dying() {
            return !"alive".equals(life);
        }

        /** This application's side; empty when it is not in the relation. */
        Optional<EndpointDoc> side(String app) {
            return endpoints.stream().filter(e -> e.app().equals(app)).findFirst();
        }

        /** The other side (for a peer relation, the same one). */
        Optional<EndpointDoc> other(String app) {
            if (peer()) {
                return side(app);
            }
            return endpoints.stream().filter(e -> !e.app().equals(app)).findFirst();
        }

        /** {@code a:x b:y}, as juju status prints a relation. */
        String key() {
            return String.join(" ", endpoints.stream().map(EndpointDoc::toString).toList());
        }
    }

    /** One side of a relation. */
    record EndpointDoc(String app, String endpoint, String role, String interfaceName) {
        @Override
        public String toString() {
            return app + ":" + endpoint;
        }
    }

    /** A Juju secret: owner, revisions, labels and grants. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Secret {
        public String id;
        /** The owning application (app-owned) or unit (unit-owned). */
        public String owner;
        public boolean unitOwned;
        public String label;
        public String description;
        public String expire;
        public String rotate;
        public TreeMap<Integer, Map<String, String>> revisions = new TreeMap<>();
        /** Consumer (unit name) to what it tracks. */
        public Map<String, ConsumerDoc> consumers = new TreeMap<>();
        public List<GrantDoc> grants = new ArrayList<>();

        int latest() {
            return revisions.isEmpty() ? 0 : revisions.lastKey();
        }
    }

    /** A consumer's view of a secret: its own label and the revision it tracks. */
    record ConsumerDoc(String label, int revision) {
    }

    /** Access granted over a relation to the remote application, or to one of its units. */
    record GrantDoc(int relationId, String app, String unit) {
    }

    /** One action run. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Action {
        public String id;
        public String unit;
        public String name;
        public Map<String, Object> params = new LinkedHashMap<>();
        /** pending, running, completed or failed. */
        public String status = "pending";
        public Map<String, Object> results = new TreeMap<>();
        public String message = "";
        public List<String> log = new ArrayList<>();
    }

    /** An injected fault: the next {@code remaining} matching hook-tool calls fail. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class FaultDoc {
        public String unit;
        public String tool;
        public List<String> args = new ArrayList<>();
        public int remaining;
    }
}
