package io.jcharm.local;

import io.jcharm.bundle.CheckResult;
import io.jcharm.bundle.EndpointInference;
import io.jcharm.bundle.Grammar.EndpointSpec;
import io.jcharm.bundle.Inference;
import io.jcharm.controller.Action;
import io.jcharm.controller.Relation;
import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The local model: a rehearsal of a bundle on this machine, kept in a state directory so that
 * commands compose across invocations. Opening it takes the directory's lock (commands run one
 * at a time); each change queues the hooks Juju would run and {@link #settle} runs them as real
 * processes; closing it saves everything and stops the embedded servers. Nothing runs between
 * invocations.
 *
 * <pre>{@code
 * try (LocalModel model = LocalModel.open(Path.of(".jcharm/model"), ModelOptions.defaults())) {
 *     model.deploy(Path.of("bundles/edge"), List.of(), Progress.NONE);
 *     model.status().unit("istio/0").orElseThrow().workload();   // "active"
 * }
 * }</pre>
 */
public final class LocalModel implements AutoCloseable {
    /** Where a rehearsal lives unless told otherwise. */
    public static final Path DEFAULT_STATE_DIR = Path.of(".jcharm", "model");

    private final StateDir dirs;
    private final ModelOptions options;
    private final StateStore.Lock lock;
    private final Controller controller;
    private final Operations ops;
    private final ModelRuntime runtime;
    private boolean closed;
    private volatile boolean interrupted;

    private LocalModel(StateDir dirs, ModelOptions options, StateStore.Lock lock, ModelDoc doc) {
        this.dirs = dirs;
        this.options = options;
        this.lock = lock;
        this.runtime = new ModelRuntime(dirs, options);
        Map<String, CharmMetadata> cache = new HashMap<>();
        this.controller = new Controller(doc, options, new DebugLog(dirs.debugLog(), options.clock()),
                app -> {
                    // Keyed by file and time: a removed application's name may come back with another charm.
                    Path archive = dirs.root().resolve(app.charmArchive);
                    return cache.computeIfAbsent(archive + "@" + archive.toFile().lastModified(), k -> Operations.metadata(archive));
                }, runtime);
        this.runtime.attach(controller);
        this.ops = new Operations(controller, dirs);
    }

    /** Opens (or creates) the model in {@code stateDir}, waiting up to the settle timeout for another command. */
    public static LocalModel open(Path stateDir, ModelOptions options) {
        return open(stateDir, options, true);
    }

    /**
     * Opens the model in {@code stateDir}, creating it only when {@code create} (as {@code deploy}
     * does); otherwise a missing model is reported ("no model in ...") and nothing is written.
     *
     * @throws LocalModelException when there is no model and {@code create} is false, or its state is damaged
     */
    public static LocalModel open(Path stateDir, ModelOptions options, boolean create) {
        StateDir dirs = new StateDir(stateDir);
        if (!create) {
            StateStore.require(dirs); // before the lock, which would create the directory
        }
        StateStore.Lock lock = StateStore.lock(dirs, options.settleTimeout());
        try {
            ModelDoc doc = (create ? StateStore.load(dirs) : Optional.of(StateStore.require(dirs))).orElseGet(() -> {
                ModelDoc d = new ModelDoc();
                d.name = options.modelName().orElse("local");
                d.uuid = UUID.randomUUID().toString();
                return d;
            });
            return new LocalModel(dirs, options, lock, doc);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public Path stateDir() {
        return dirs.root();
    }

    /**
     * Verifies the bundle (refusing it with every problem before anything runs), deploys its
     * applications and relations, and settles. As {@code juju deploy} of a bundle into a model
     * that has some of it, the difference is applied (new applications, changed options, added
     * units, added relations) after {@code progress} is told the changes as {@code juju
     * diff-bundle} lists them; what the bundle no longer names is kept. An application of the same
     * name with another charm is refused.
     *
     * @throws BundleRefusedException when the bundle does not verify or names charms the local model cannot run
     */
    public SettleResult deploy(Path bundle, List<Path> overlays, Progress progress) {
        return deploy(bundle, overlays, Optional.empty(), progress);
    }

    /**
     * As {@link #deploy(Path, List, Progress)}, with the Charmhub data files ({@code
     * bundles/charmhub}: snapshots, and {@code charms/standins} next to it) given rather than
     * searched for above the bundle: a bundle rendered outside the repository still finds them.
     */
    public SettleResult deploy(Path bundle, List<Path> overlays, Optional<Path> charmhubDir, Progress progress) {
        Optional<Path> hub = BundleDeployer.charmhubDir(bundle, charmhubDir);
        CheckResult checked = BundleDeployer.check(bundle, overlays, hub);
        synchronized (controller) {
            if (controller.doc.applications.isEmpty() && options.modelName().isEmpty()) {
                controller.doc.name = checked.bundle().orElseThrow().name().orElse(controller.doc.name);
            }
            if (checked.bundle().orElseThrow().isKubernetes()) {
                runtime.startKubeEarly(); // while the charms are copied and unpacked; the namespace is named now
            }
            controller.doc.bundle = bundle.toString() + (overlays.isEmpty() ? "" : " + " + overlays);
            new BundleDeployer(ops, dirs).deploy(checked, hub, progress::note);
            save();
        }
        return settle(progress);
    }

    /**
     * Relates two applications ({@code app} or {@code app:endpoint} each), inferring endpoints as
     * juju integrate does; when they cannot be inferred, the hint names the candidate pairs.
     *
     * @return the relation made, {@code a:x b:y}
     */
    public String integrate(String a, String b) {
        EndpointSpec sa = BundleDeployer.spec(a);
        EndpointSpec sb = BundleDeployer.spec(b);
        java.util.function.Function<String, Optional<CharmMetadata>> lookup = app -> {
            try {
                return Optional.of(controller.metadata(app));
            } catch (LocalModelException e) {
                return Optional.empty();
            }
        };
        for (EndpointSpec s : List.of(sa, sb)) {
            if (lookup.apply(s.application()).isEmpty()) {
                throw new LocalModelException("application \"" + s.application() + "\" not found",
                        "the model has " + controller.doc.applications.keySet());
            }
        }
        Inference inf = EndpointInference.infer(sa, sb, lookup, EndpointInference.Style.SERVER);
        if (inf instanceof Inference.Failed f) {
            CharmMetadata ma = lookup.apply(sa.application()).orElseThrow();
            CharmMetadata mb = lookup.apply(sb.application()).orElseThrow();
            List<String> pairs = new ArrayList<>();
            ma.endpoints().values().stream().filter(e -> e.role() != Role.PEER).forEach(ea -> mb.endpoints().values().stream()
                    .filter(eb -> eb.role() != Role.PEER && eb.interfaceName().equals(ea.interfaceName()) && eb.role() != ea.role())
                    .forEach(eb -> pairs.add(sa.application() + ":" + ea.name() + " " + sb.application() + ":" + eb.name())));
            String hint = pairs.isEmpty()
                    ? "no endpoints share an interface; " + endpointList(sa.application(), ma) + "; " + endpointList(sb.application(), mb)
                    : "name the endpoints, one of: " + pairs.stream().map(p -> "jcharm integrate " + p).toList();
            throw new LocalModelException("cannot integrate " + a + " " + b + ": " + f.message(), hint);
        }
        Inference.Inferred i = (Inference.Inferred) inf;
        ops.addRelation(i.first().application(), i.first().endpoint().name(), i.second().application(), i.second().endpoint().name());
        return i.first() + " " + i.second() + " (interface " + i.first().endpoint().interfaceName() + ")";
    }

    private static String endpointList(String app, CharmMetadata meta) {
        return app + " has " + meta.endpoints().values().stream().filter(e -> e.role() != Role.PEER)
                .map(e -> app + ":" + e.name() + " (" + e.role().key() + " " + e.interfaceName() + ")").toList();
    }

    /** Removes the relation between {@code a} and {@code b} ({@code app} or {@code app:endpoint} each). */
    public void removeRelation(String a, String b) {
        int id;
        synchronized (controller) {
            List<Relation> matches = controller.doc.relations.values().stream()
                    .filter(r -> !r.dying() && !r.peer() && matches(r, a) && matches(r, b)).toList();
            if (matches.size() != 1) {
                throw new LocalModelException(matches.isEmpty() ? "relation between " + a + " and " + b + " not found"
                        : "ambiguous relation: " + a + " " + b + " could refer to " + matches.stream().map(Relation::key).toList(),
                        "see jcharm status; name the endpoints as app:endpoint");
            }
            id = matches.get(0).id;
        }
        ops.removeRelation(id);
    }

    private static boolean matches(Relation r, String spec) {
        return r.endpoints.stream().anyMatch(e -> e.toString().equals(spec) || e.app().equals(spec));
    }

    /** Sets options ({@code k=v} as strings, typed by the charm) and resets others to their defaults. */
    public void config(String app, Map<String, String> values, List<String> reset) {
        ops.configure(app, values, reset);
    }

    /** The application's effective config. */
    public Map<String, Object> config(String app) {
        ops.app(app);
        return controller.config(app);
    }

    /**
     * The effective config, checking that {@code key} is one of the charm's options.
     *
     * @throws LocalModelException naming the option and listing the charm's options
     */
    public Map<String, Object> config(String app, String key) {
        ops.app(app);
        Configs.coerce(controller.metadata(app), key, null); // an unknown option is refused, with the charm's options
        return controller.config(app);
    }

    /** Queues an action and settles until it (and what it caused) ran; returns its outcome. */
    public ActionResult runAction(String unit, String action, Map<String, String> params, Progress progress) {
        String id = ops.queueAction(unit, action, params);
        settle(progress);
        return action(id).orElseThrow();
    }

    public Optional<ActionResult> action(String id) {
        synchronized (controller) {
            Action a = controller.doc.actions.get(id);
            return a == null ? Optional.empty()
                    : Optional.of(new ActionResult(a.id, a.unit, a.name, a.status, a.message, a.results, a.log));
        }
    }

    /** Upgrades an application to a new packed charm (units in error wait); see {@link #refresh(String, Path, boolean)}. */
    public List<String> refresh(String app, Path archive) {
        return refresh(app, archive, false);
    }

    /**
     * Upgrades an application to a new packed charm, as {@code juju refresh [--force-units]}: units
     * in error keep their revision until their failed hook succeeds, unless {@code forceUnits}.
     *
     * @return one line per unit in error: what happened to it and the next step
     */
    public List<String> refresh(String app, Path archive, boolean forceUnits) {
        return ops.refresh(app, archive.toAbsolutePath(), archive.toString(), forceUnits);
    }

    public void removeApplication(String app, boolean force) {
        ops.removeApplication(app, force);
    }

    /** Scales up by one unit (install phase, then joined/changed with every related unit). */
    public String addUnit(String app) {
        return ops.addUnit(app);
    }

    /** Scales down by one unit (departed on both sides, stop, remove; a new leader if it led). */
    public void removeUnit(String unit) {
        ops.removeUnit(unit);
    }

    /** Retries a unit's failed hook, or with {@code retry} false marks it done without running it. */
    public void resolve(String unit, boolean retry) {
        ops.resolve(unit, retry);
    }

    /** Queues update-status on every started unit. */
    public void updateStatus() {
        ops.updateStatus();
    }

    public void injectFault(Fault fault) {
        ops.injectFault(fault);
    }

    /**
     * Starts the embedded Kubernetes API in the background now (a command that will run
     * Kubernetes hooks calls it first, e.g. before deploying an edge bundle's machine part), so
     * that the first Kubernetes hook does not wait for it.
     */
    public void prepareKubernetes() {
        synchronized (controller) {
            if (controller.doc.applications.isEmpty() && options.modelName().isEmpty()) {
                return; // the first bundle deployed names the model, and so the API's namespace: not yet
            }
        }
        runtime.startKubeEarly();
    }

    /** Runs hooks until nothing is left to run (or the settle timeout passes). */
    public SettleResult settle(Progress progress) {
        SettleResult r = new Settler(controller, runtime, options, this::save, () -> interrupted).settle(progress);
        save();
        return r;
    }

    /**
     * Stops this command's work, from another thread (a signal handler): the running hooks are
     * killed and marked failed (they run again, first, on the next command), no more start, and
     * the settle in progress throws {@link ModelInterruptedException}; closing saves the rest.
     */
    public void interrupt() {
        interrupted = true;
        runtime.stopHooks();
    }

    public ModelStatus status() {
        runtime.saveWorkloads(); // the simulated workloads' state, as of now
        synchronized (controller) {
            return StatusView.of(controller.doc, dirs, options.jujuVersion());
        }
    }

    /** The embedded Kubernetes API's objects (starting it if this command has not yet). */
    public List<JsonNode> kubernetesObjects() {
        return runtime.kube().objects();
    }

    /** The Pebble emulators of a unit started by this command (empty before its first hook). */
    public Map<String, io.jcharm.pebble.emulator.PebbleEmulator> workloads(String unit) {
        return runtime.workloads().emulators(unit);
    }

    private void save() {
        java.util.Optional<List<JsonNode>> kube = runtime.kubernetesObjects();
        synchronized (controller) {
            kube.ifPresent(objects -> controller.doc.kubernetes = new ArrayList<>(objects));
            StateStore.save(dirs, controller.doc);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            save(); // the Kubernetes objects, while the API still runs
            runtime.close();
            save();
            synchronized (controller) {
                new CharmCache(dirs).collect(controller.doc); // unpacked charms and archives no unit uses any more
            }
        } finally {
            lock.close();
        }
    }

    // --- reading a model without opening it (no lock, no servers) ------------------------------

    /** The status of the model in {@code stateDir}, as last saved; works while another command runs. */
    public static ModelStatus readStatus(Path stateDir, String jujuVersion) {
        StateDir dirs = new StateDir(stateDir);
        return StatusView.of(StateStore.require(dirs), dirs, jujuVersion);
    }

    /** The last {@code lines} lines of the model's log, only those of {@code entity} (a unit or application) when given. */
    public static List<String> readLog(Path stateDir, int lines, Optional<String> entity) {
        DebugLog log = new DebugLog(new StateDir(stateDir).debugLog(), java.time.Clock.systemUTC());
        // An application's lines are its units': unit-<app>-<n>: (not those of an app named <app>-x).
        java.util.function.Predicate<String> filter = entity.map(e -> e.contains("/")
                ? (java.util.function.Predicate<String>) l -> l.startsWith(DebugLog.tag(e) + ":")
                : java.util.regex.Pattern.compile("^unit-" + java.util.regex.Pattern.quote(e) + "-\\d+:").asPredicate())
                .orElse(l -> true);
        return log.tail(lines, filter);
    }

    /** The Kubernetes objects saved with the model in {@code stateDir}. */
    public static List<JsonNode> readKubernetesObjects(Path stateDir) {
        ModelDoc doc = StateStore.require(new StateDir(stateDir));
        return doc.kubernetes == null ? List.of() : List.copyOf(doc.kubernetes);
    }
}
