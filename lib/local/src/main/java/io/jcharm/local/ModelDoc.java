package io.jcharm.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jcharm.controller.AppState;
import io.jcharm.controller.ModelState;
import io.jcharm.controller.StatusDoc;
import io.jcharm.controller.UnitState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The controller's whole state, persisted as {@code model.json} in the state directory.
 *
 * <p>These are mutable documents on purpose: the controller is a state machine whose state is
 * one JSON document, changed in place under the controller's lock and written back atomically.
 * Nothing outside the controller holds a reference to them; what leaves the package is copied
 * into records ({@link ModelStatus}).
 *
 * <p>What the hook tools read and write (applications, units, relations, secrets, actions) is
 * jcharm-controller's {@link ModelState}; this class adds the local model's own bookkeeping:
 * charm archives, hook queues, errors, faults. The JSON is the same as before the split.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
final class ModelDoc extends ModelState<ModelDoc.App> {
    public int format = 1;
    /** The bundle (and overlays) last deployed, for status. */
    public String bundle;
    public int nextRelationId;
    public long nextActionId = 1;
    public long hooksRun;
    public List<FaultDoc> faults = new ArrayList<>();
    /**
     * The embedded Kubernetes API's objects, saved with everything else so that one file is the
     * whole model; null until a Kubernetes application first ran a hook.
     */
    public List<tools.jackson.databind.JsonNode> kubernetes;

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
    static final class App extends AppState<Unit> {
        public String charmName;
        /** The deployed archive, copied into the state directory (so target/ may be rebuilt); relative to it. */
        public String charmArchive;
        /** Where the archive was taken from, for humans. */
        public String charmSource;
        /** For a Charmhub charm, what stands in for it ({@link Standin#describe}); null for the repository's charms. */
        public String standIn;
        public int revision;
        public boolean kubernetes;
        /** The charm's workload containers (Kubernetes charms). */
        public List<String> containers = new ArrayList<>();
        public boolean trust;
        public int nextUnit;
    }

    /** A unit: its queue of hooks, statuses, error, controller-side state and ports. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Unit extends UnitState {
        public int charmRevision;
        public boolean installed;
        public boolean started;
        /** allocating, executing, idle or failed (the agent's own status). */
        public StatusDoc agent = new StatusDoc("allocating", "");
        public List<HookSpec> queue = new ArrayList<>();
        /** The hook being run; a crash of the local model leaves it here and it runs again. */
        public HookSpec running;
        public ErrorDoc error;
        /** The last lines its hooks printed, for status and errors. */
        public List<String> lastLog = new ArrayList<>();
    }

    /**
     * A failed hook: kept until it succeeds on a retry or is resolved.
     *
     * @param attempts how many times it has run and failed
     * @param retryAt when the next automatic retry is due (epoch ms); 0 when none is left
     */
    record ErrorDoc(HookSpec hook, String message, List<String> log, int attempts, long retryAt) {
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
