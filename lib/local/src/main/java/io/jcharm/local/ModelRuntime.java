package io.jcharm.local;

import io.jcharm.controller.ConsumerDoc;
import io.jcharm.controller.HookToolServer;
import io.jcharm.controller.Secret;
import io.jcharm.controller.Secrets;
import io.jcharm.controller.ToolsDir;
import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.warm.WarmRuntimes;
import io.jcharm.local.ModelDoc.App;
import io.jcharm.local.ModelDoc.Unit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What runs while a command settles the model: the hook-tool server, the embedded Kubernetes
 * API (started only when a Kubernetes application needs it), the Pebble emulators and the
 * machine sandboxes; and the running of one hook as a process with the environment Juju gives.
 *
 * <pre>{@code
 * try (ModelRuntime rt = new ModelRuntime(dirs, options)) {
 *     rt.attach(controller);
 *     rt.run(controller.claim().orElseThrow());
 * }
 * }</pre>
 */
final class ModelRuntime implements ModelEvents, AutoCloseable {
    private final StateDir dirs;
    private final ModelOptions options;
    private final HookRunner runner;
    private Controller controller;
    private HookToolServer toolServer;
    private Path toolsDir;
    private KubeApi kube;
    private Workloads workloads;
    private final WorkloadStandins standins;
    private final HookTimings timings;
    /** Set once {@link #close} began: nothing starts after it (an early Kubernetes start that comes late). */
    private boolean closed;
    /** Whether this command has brought the workload stand-ins in line with the saved model yet. */
    private boolean standinsStarted;
    /**
     * Each application's trust as of its latest hook's start: the API server asks on its own
     * threads, which must not wait for the controller's lock (a hook holding it may be calling the API).
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Boolean> trusted = new java.util.concurrent.ConcurrentHashMap<>();

    ModelRuntime(StateDir dirs, ModelOptions options) {
        this.dirs = dirs;
        this.options = options;
        this.runner = new HookRunner(options.hookTimeout());
        this.standins = new WorkloadStandins(dirs);
        this.timings = new HookTimings(dirs.hookTimings());
    }

    /** Where each hook's time went ({@code hook-timings.log}). */
    HookTimings timings() {
        return timings;
    }

    void attach(Controller c) {
        this.controller = c;
    }

    private synchronized void startTools() {
        if (toolServer == null) {
            toolsDir = ToolsDir.install(dirs.tools());
            toolServer = HookToolServer.start();
            workloads = new Workloads(dirs, options.socketDir());
        }
    }

    /**
     * Starts the embedded Kubernetes API on a thread of its own, so that its start-up (vert.x,
     * fabric8, the saved objects) overlaps with what the command does before its first
     * Kubernetes hook (unpacking charms, a machine part's hooks) instead of delaying that hook.
     */
    void startKubeEarly() {
        Thread t = new Thread(() -> {
            try {
                kube();
            } catch (RuntimeException e) {
                // Not lost: the first hook that needs the API calls kube() again, which fails with
                // the same cause and reports it as that hook's failure.
            }
        }, "jcharm-kube-start");
        t.setDaemon(true);
        t.start();
    }

    /** The embedded Kubernetes API, started on first use in this command. */
    synchronized KubeApi kube() {
        if (closed) {
            throw new IllegalStateException("the local model's runtime is closed: no Kubernetes API to start");
        }
        if (kube == null) {
            // Not under the controller's lock (lock order: controller, then runtime); save() replaces the list, never edits it.
            List<tools.jackson.databind.JsonNode> saved = controller.doc.kubernetes == null ? List.of() : controller.doc.kubernetes;
            kube = KubeApi.start(dirs, controller.doc.name, saved, app -> trusted.getOrDefault(app, false), timings::kubeRequest);
        }
        return kube;
    }

    synchronized Workloads workloads() {
        startTools();
        return workloads;
    }

    /** Saves the running containers' state now (so that a status shows it). */
    synchronized void saveWorkloads() {
        if (workloads != null) {
            workloads.save();
        }
    }

    /** Kills the running hooks and starts no more (the command is being stopped). */
    void stopHooks() {
        runner.stopAll();
    }

    /** Runs one claimed hook to its end and records the outcome with the controller. */
    HookRunner.Result run(HookContext ctx) {
        HookTimings.Hook t = new HookTimings.Hook(ctx.seq, ctx.unit, ctx.hook.display());
        ctx.timing = t;
        long t0 = System.nanoTime();
        startTools();
        startStandins();
        Map<String, String> env;
        Path charmDir;
        String app;
        synchronized (controller) {
            Unit u = controller.doc.unit(ctx.unit).orElseThrow();
            App a = controller.doc.applications.get(u.app);
            app = a.name;
            int rev = ctx.hook.charmRevision() != null ? ctx.hook.charmRevision() : u.charmRevision;
            charmDir = dirs.charmDir(u.name, rev);
            env = environment(controller.doc, a, u, ctx, charmDir, controller.metadata(a.name));
        }
        ToolRouter router = new ToolRouter(controller, ctx, dirs);
        String id = toolServer.register(ctx.unit, call -> {
            long c0 = System.nanoTime();
            try {
                return router.handle(call);
            } finally {
                t.tools.increment();
                t.toolNanos.add(System.nanoTime() - c0);
            }
        });
        ctx.contextId = id;
        env.put("JUJU_CONTEXT_ID", id);
        t.warm = java.nio.file.Files.exists(charmDir.resolve(".jcharm-warm").resolve("runtime"));
        long[] kubeBefore = timings.kubeSoFar(app);
        long t1 = System.nanoTime();
        t.prepareNanos = t1 - t0;
        HookRunner.Result r;
        try {
            r = runner.run(charmDir, ctx.hook, env, dirs.unitDir(ctx.unit).resolve("hook-output.log"));
        } finally {
            toolServer.unregister(id);
            t.runNanos = System.nanoTime() - t1;
            long[] kubeAfter = timings.kubeSoFar(app);
            t.kubeRequests = kubeAfter[0] - kubeBefore[0];
            t.kubeNanos = kubeAfter[1] - kubeBefore[1];
        }
        t.exit = r.exit();
        log(ctx, r);
        // Before the hook's changes are committed: a related unit woken by them (new credentials
        // in a relation) must find the workload already serving as the plan now says.
        reconcileStandins(app);
        List<String> tail = r.output().size() <= options.logTail() ? r.output()
                : r.output().subList(r.output().size() - options.logTail(), r.output().size());
        if (r.interrupted()) {
            controller.interrupted(ctx, new ArrayList<>(tail));
        } else {
            controller.finish(ctx, r.exit(), new ArrayList<>(tail), r.failure());
        }
        return r;
    }

    /**
     * Once per command, before its first hook: every application whose workload has a stand-in
     * gets it as its saved containers say (a hook of another application may need it now).
     */
    private void startStandins() {
        List<String> apps;
        synchronized (this) {
            if (standinsStarted) {
                return;
            }
            standinsStarted = true;
        }
        synchronized (controller) {
            apps = controller.doc.applications.values().stream()
                    .filter(a -> a.kubernetes && WorkloadStandins.covers(a.charmName)).map(a -> a.name).toList();
        }
        apps.forEach(this::reconcileStandins);
    }

    /**
     * Brings the application's workload stand-in (if its charm has one) in line with its
     * leader's containers (else the first unit's whose containers started a service) and its
     * Service; what changed goes to the debug log.
     */
    void reconcileStandins(String app) {
        String charm;
        List<String> units;
        synchronized (controller) {
            App a = controller.doc.applications.get(app);
            if (a == null || !a.kubernetes || !WorkloadStandins.covers(a.charmName)) {
                return;
            }
            charm = a.charmName;
            units = new ArrayList<>();
            a.units.values().stream().filter(u -> !u.dying() && u.name.equals(a.leader)).forEach(u -> units.add(u.name));
            a.units.values().stream().filter(u -> !u.dying() && !u.name.equals(a.leader)).forEach(u -> units.add(u.name));
        }
        List<String> changes = standins.reconcile(app, charm, () -> {
            String unit = units.isEmpty() ? app + "/?" : units.get(0);
            Map<String, ContainerView> containers = Map.of();
            for (String u : units) {
                Map<String, ContainerView> cs = workloads().containers(u);
                if (cs.values().stream().anyMatch(c -> !c.active().isEmpty())) {
                    unit = u;
                    containers = cs;
                    break;
                }
            }
            return new WorkloadView(app, unit, containers, containers.isEmpty() ? java.util.Optional.empty() : kube().service(app));
        });
        for (String line : changes) {
            controller.log.append(units.isEmpty() ? app : units.get(0), line.startsWith("cannot") ? "ERROR" : "INFO",
                    "jcharm.local.workload", app + ": " + line);
        }
    }

    /** What serves for an application's workload in this command, if anything (see {@link WorkloadStandins}). */
    java.util.Optional<Served> standin(String app) {
        return standins.serving(app);
    }

    private void log(HookContext ctx, HookRunner.Result r) {
        String what = ctx.hook.action() ? "action " + ctx.hook.name() : ctx.hook.name();
        String level = r.exit() == 0 ? "DEBUG" : "WARNING";
        if (!r.output().isEmpty()) {
            controller.log.append(ctx.unit, level, "unit." + ctx.unit + "." + what.replace(' ', '-'), String.join("\n", r.output()));
        }
        if (r.skipped()) {
            controller.log.append(ctx.unit, "INFO", "juju.worker.uniter.operation", "skipped \"" + what + "\" hook (missing)");
        } else if (r.exit() == 0) {
            controller.log.append(ctx.unit, "INFO", "juju.worker.uniter.operation", "ran \"" + what
                    + "\" hook (via hook dispatching script: dispatch)");
        }
    }

    /**
     * The environment Juju gives a hook (the JUJU_* variables of juju/juju's
     * {@code docs/reference/hook.md}, as ops' JujuContext reads them), plus the local model's own.
     */
    private Map<String, String> environment(ModelDoc doc, App a, Unit u, HookContext ctx, Path charmDir, CharmMetadata meta) {
        Map<String, String> env = new TreeMap<>();
        Path sandbox = null;
        if (!a.kubernetes) {
            MachineSandbox box = MachineSandbox.prepare(dirs.sandbox(u.name), "juju-" + u.name.replace('/', '-'));
            sandbox = box.bin();
            env.put("JCHARM_MACHINE_ROOT", box.root().toString());
            env.put("JUJU_MACHINE_ID", Integer.toString(u.number));
        }
        String inherited = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("PATH", toolsDir + (sandbox != null ? ":" + sandbox : "") + ":" + inherited);
        Path home = dirs.unitDir(u.name).resolve("home");
        Path tmp = dirs.unitDir(u.name).resolve("tmp");
        try {
            java.nio.file.Files.createDirectories(home);
            java.nio.file.Files.createDirectories(tmp);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + home + " or " + tmp + ": " + e.getMessage(), e);
        }
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmp.toString());
        env.put("LANG", "C.UTF-8");
        env.put("JCHARM_LOCAL_MODEL", "1");
        HookSpec h = ctx.hook;
        env.put("JUJU_DISPATCH_PATH", (h.action() ? "actions/" : "hooks/") + h.name());
        if (!h.action()) {
            env.put("JUJU_HOOK_NAME", h.name());
        }
        env.put("JUJU_UNIT_NAME", u.name);
        env.put("JUJU_MODEL_NAME", doc.name);
        env.put("JUJU_MODEL_UUID", doc.uuid);
        env.put("JUJU_VERSION", options.jujuVersion());
        env.put("JUJU_CHARM_DIR", charmDir.toString());
        env.put("JUJU_AGENT_SOCKET_ADDRESS", toolServer.address());
        env.put("JUJU_AGENT_SOCKET_NETWORK", "tcp");
        // jcharm's SDK then asks the tools over that socket, not as a process each (the client
        // script stays on PATH for anything else); JCHARM_HOOK_TOOLS=exec given to the command keeps processes.
        env.put(io.jcharm.core.tools.ExecHookTools.TRANSPORT_ENV, io.jcharm.core.tools.ExecHookTools.SOCKET_TRANSPORT);
        env.put("JUJU_AVAILABILITY_ZONE", "local");
        if (h.relationId() != null) {
            env.put("JUJU_RELATION", h.name().replaceAll("-relation-[a-z]+$", ""));
            env.put("JUJU_RELATION_ID", env.get("JUJU_RELATION") + ":" + h.relationId());
            env.put("JUJU_REMOTE_APP", h.remoteApp());
            if (h.remoteUnit() != null) {
                env.put("JUJU_REMOTE_UNIT", h.remoteUnit());
            }
            if (h.departingUnit() != null) {
                env.put("JUJU_DEPARTING_UNIT", h.departingUnit());
            }
        }
        if (h.action()) {
            env.put("JUJU_ACTION_NAME", h.name());
            env.put("JUJU_ACTION_UUID", h.actionId());
        }
        if (h.workload() != null) {
            env.put("JUJU_WORKLOAD_NAME", h.workload());
        }
        if (h.secretId() != null) {
            env.put("JUJU_SECRET_ID", h.secretId());
            Secret s = doc.secrets.get(h.secretId());
            ConsumerDoc c = s == null ? null : s.consumers.get(u.name);
            String label = c != null && c.label() != null ? c.label() : s != null && Secrets.owns(s, u.name) ? s.label : null;
            if (label != null) {
                env.put("JUJU_SECRET_LABEL", label);
            }
            if (h.secretRevision() != null) {
                env.put("JUJU_SECRET_REVISION", Integer.toString(h.secretRevision()));
            }
        }
        if (a.kubernetes) {
            trusted.put(a.name, a.trust);
            KubeApi api = kube();
            api.ensureApp(a.name, List.copyOf(a.units.keySet()));
            api.writeHosts(dirs.hosts());
            env.put("KUBECONFIG", dirs.kubeconfig(a.name).toString());
            // fabric8's mock server cannot do server-side apply: lib/kubernetes's ApplyMode.ENV.
            env.put("JCHARM_KUBE_APPLY", "create-or-replace");
            Path containers = workloads.prepare(u.name, List.copyOf(meta.containers().keySet()));
            env.put("JCHARM_CONTAINERS_DIR", containers.toString());
        }
        // Hooks run in each unit's warm runtime (dispatch's default). Every runtime is stopped when
        // the command ends, so the idle exit only matters within a settle: it must outlast the
        // longest wait of a unit for its next hook (other units' hooks in between, a runtime that
        // came up while its first, cold hook still ran), or each hook pays a JVM start again.
        env.put(io.jcharm.pack.DispatchScript.WARM_IDLE_ENV, Integer.toString(WARM_IDLE_SECONDS));
        env.putAll(options.hookEnvironment());
        if (a.kubernetes) {
            // The bundled Java runtime resolves the model's Services (ServiceAddresses) from this file only.
            env.merge(io.jcharm.pack.DispatchScript.OPTS_ENV, "-D" + ServiceAddresses.HOSTS_PROPERTY + "=" + dirs.hosts(),
                    (given, hosts) -> given + " " + hosts);
        }
        return env;
    }

    /** How long a unit's warm runtime waits for its next hook in the local model. */
    static final int WARM_IDLE_SECONDS = 300;

    // --- events from the controller (under its lock) ----------------------------------------

    @Override
    public void unitRemoved(String unit) {
        if (workloads != null) {
            workloads.forget(unit);
        }
        WarmRuntimes.stopUnder(dirs.unitDir(unit));
        StateDir.deleteTree(dirs.unitDir(unit));
    }

    @Override
    public void appRemoved(String app, boolean kubernetes) {
        if (kubernetes) {
            kube().deleteApp(app);
            StateDir.deleteTree(dirs.kubeconfig(app)); // it holds the service account's token
        }
        standins.remove(app).ifPresent(line -> controller.log.append(app, "INFO", "jcharm.local.workload", app + ": " + line));
        StateDir.deleteTree(dirs.resources(app));
    }

    @Override
    public void unitUpgraded(String unit, boolean kubernetes, int revision) {
        if (kubernetes && workloads != null) {
            workloads.reset(unit);
        }
        // The old charm ran its last hook (stop); Juju replaces the charm directory in place.
        try (var dirsOfUnit = java.nio.file.Files.list(dirs.unitDir(unit))) {
            dirsOfUnit.filter(d -> d.getFileName().toString().startsWith("charm-r")
                    && !d.equals(dirs.charmDir(unit, revision))).forEach(d -> {
                        WarmRuntimes.stop(d); // the old revision's runtime, if any, goes with it
                        StateDir.deleteTree(d);
                    });
        } catch (java.io.IOException e) {
            controller.log.append(unit, "WARNING", "jcharm.local", "cannot delete old charm revisions: " + e.getMessage());
        }
    }

    /** The Kubernetes objects now, if this command started the API (else the saved ones stand). */
    synchronized java.util.Optional<List<tools.jackson.databind.JsonNode>> kubernetesObjects() {
        return kube == null ? java.util.Optional.empty() : java.util.Optional.of(kube.objects());
    }

    /** Saves the containers' state and stops everything (the caller saved the Kubernetes objects with the model). */
    @Override
    public void close() {
        try {
            standins.close(); // not under this runtime's lock: a reconcile holds the stand-ins' lock, then takes it
        } finally {
            closeServers();
        }
    }

    private synchronized void closeServers() {
        closed = true;
        try {
            // Hooks of this command ran in warm runtimes: none may outlive the command (the
            // hook-tool server they would call goes away with it).
            WarmRuntimes.stopUnder(dirs.units());
            if (workloads != null) {
                workloads.close();
            }
        } finally {
            if (kube != null) {
                kube.close();
            }
            if (toolServer != null) {
                toolServer.close();
            }
        }
    }
}
