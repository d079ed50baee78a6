package io.jcharm.pack;

import io.jcharm.controller.AppState;
import io.jcharm.controller.CharmFacts;
import io.jcharm.controller.EndpointDoc;
import io.jcharm.controller.HookRun;
import io.jcharm.controller.HookToolServer;
import io.jcharm.controller.Host;
import io.jcharm.controller.Jujuc;
import io.jcharm.controller.LogRecord;
import io.jcharm.controller.ModelState;
import io.jcharm.controller.Relation;
import io.jcharm.controller.StatusDoc;
import io.jcharm.controller.ToolsDir;
import io.jcharm.controller.UnitState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The hook tools of the packer's training runs (and its tests): real executables (jcharm's
 * hook-tool client, one symlink per tool, as Juju installs jujuc) answered by jcharm-controller's
 * rules for a unit that leads, whose config is at its defaults, and that has one remote unit on
 * each endpoint. Each call is recorded; what a successful hook changes (secrets, state, relation
 * data) carries over to the next, as in Juju.
 *
 * <pre>{@code
 * try (TrainingTools tools = TrainingTools.create(dir, project, remoteData)) {
 *     Map<String, String> env = tools.hookEnv(charmDir, "demo", "install");
 *     // run dispatch with env, then:
 *     tools.hookEnded(exitCode);
 *     tools.calls();  // [[juju-log, --log-level, DEBUG, --, ...], [status-set, ...]]
 * }
 * }</pre>
 */
public final class TrainingTools implements AutoCloseable, Host {
    /** The model the training unit lives in. */
    public static final String MODEL_UUID = "9f0c7a52-6f3e-4c0e-8d7a-2a4f1e0b5c11";
    /** Relation ids start here, one per endpoint in requires, provides, peers order. */
    static final int FIRST_RELATION_ID = 7;

    private final Path dir;
    private final CharmProject project;
    private final Map<String, Object> config;
    private final ModelState<AppState<UnitState>> model;
    private final HookToolServer server = HookToolServer.start();
    private final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
    private HookRun run;
    private String contextId;
    private int secrets;

    private TrainingTools(Path dir, CharmProject project, Map<String, String> remoteData) {
        this.dir = ToolsDir.install(dir);
        this.project = project;
        this.config = defaults(project);
        this.model = world(project, remoteData);
    }

    /**
     * Installs the tools into {@code dir} and starts answering them; every endpoint has a remote
     * unit (remote/0, or {@code <charm>/1} on a peer relation) whose data is {@code remoteData}.
     */
    public static TrainingTools create(Path dir, CharmProject project, Map<String, String> remoteData) {
        return new TrainingTools(dir, project, remoteData);
    }

    private static ModelState<AppState<UnitState>> world(CharmProject project, Map<String, String> remoteData) {
        ModelState<AppState<UnitState>> m = ModelState.basic("training", MODEL_UUID);
        String name = project.name();
        UnitState self = UnitState.named(name + "/0");
        self.workload = StatusDoc.UNKNOWN;
        AppState<UnitState> app = AppState.named(name);
        app.leader = self.name;
        app.units.put(self.name, self);
        m.applications.put(name, app);
        int id = FIRST_RELATION_ID;
        for (String role : List.of("requires", "provides", "peers")) {
            for (String endpoint : project.endpoints(role)) {
                Relation r = new Relation();
                r.id = id++;
                r.endpoints.add(new EndpointDoc(name, endpoint, role, ""));
                String remoteUnit = role.equals("peers") ? name + "/1" : "remote/0";
                if (!role.equals("peers")) {
                    r.endpoints.add(new EndpointDoc("remote", endpoint, "", ""));
                    r.appData.put("remote", new TreeMap<>(remoteData));
                }
                r.unitData.put(remoteUnit, new TreeMap<>(remoteData));
                self.entered.add(r.id);
                self.members.put(r.id, new TreeSet<>(List.of(remoteUnit)));
                m.relations.put(r.id, r);
            }
        }
        return m;
    }

    /** config-get's answer: every option with a default, as Juju returns unset options. */
    static Map<String, Object> defaults(CharmProject project) {
        Map<String, Object> out = new LinkedHashMap<>();
        project.config().ifPresent(c -> {
            if (c.get("options") instanceof Map<?, ?> opts) {
                opts.forEach((k, v) -> {
                    if (v instanceof Map<?, ?> o && o.get("default") != null) {
                        out.put(String.valueOf(k), o.get("default"));
                    }
                });
            }
        });
        return out;
    }

    /** Identifies how these tools answer, so that archives trained with other answers are not reused. */
    static String behaviour() {
        return Hashes.sha256("jcharm-controller training world 1: leader, defaults, one remote unit per endpoint|"
                + StartupArchiveBuilder.trainingRemoteData()).substring(0, 12);
    }

    public Path dir() {
        return dir;
    }

    /**
     * Starts a hook run and returns the environment Juju gives {@code hook} for unit
     * {@code <charm>/0}: JUJU_* variables, the tool server's address and this run's context id,
     * and a PATH with these tools first. Relation hooks ({@code <endpoint>-relation-<kind>}) get
     * the relation variables for the endpoint's relation and remote unit. End it with
     * {@link #hookEnded}.
     */
    public synchronized Map<String, String> hookEnv(Path charmDir, String charmName, String hook) {
        endRun();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", dir + ":/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", dir.toString());
        env.put("LANG", "C.UTF-8");
        // Training and checking the startup archive needs the cold path, and no runtime left behind.
        env.put(DispatchScript.WARM_ENV, "0");
        env.put("JUJU_CHARM_DIR", charmDir.toString());
        env.put("JUJU_DISPATCH_PATH", "hooks/" + hook);
        env.put("JUJU_HOOK_NAME", hook);
        env.put("JUJU_MODEL_NAME", "training");
        env.put("JUJU_MODEL_UUID", MODEL_UUID);
        env.put("JUJU_UNIT_NAME", charmName + "/0");
        env.put("JUJU_VERSION", "3.6.8");
        env.put("JUJU_MACHINE_ID", "0");
        env.put("JUJU_AVAILABILITY_ZONE", "zone-a");
        Integer relationId = null;
        String remoteUnit = null;
        int rel = hook.indexOf("-relation-");
        if (rel > 0) {
            String endpoint = hook.substring(0, rel);
            Relation r = model.relations.values().stream().filter(x -> x.endpoint(project.name()).equals(endpoint))
                    .findFirst().orElse(null);
            if (r != null) {
                relationId = r.id;
                String remote = model.unitState(charmName + "/0").map(u -> u.members.get(r.id).first()).orElseThrow();
                env.put("JUJU_RELATION", endpoint);
                env.put("JUJU_RELATION_ID", endpoint + ":" + r.id);
                env.put("JUJU_REMOTE_APP", remote.substring(0, remote.indexOf('/')));
                if (!hook.endsWith("-created") && !hook.endsWith("-broken")) {
                    env.put("JUJU_REMOTE_UNIT", remote);
                    remoteUnit = remote;
                }
                if (hook.endsWith("-departed")) {
                    env.put("JUJU_DEPARTING_UNIT", remote);
                }
            }
        }
        run = new HookRun(charmName + "/0", hook, relationId, remoteUnit, null);
        HookRun current = run;
        Jujuc jujuc = new Jujuc(model, this);
        contextId = server.register(current.unit, call -> {
            calls.add(call.argv());
            synchronized (this) {
                return jujuc.run(current, call);
            }
        });
        env.put("JUJU_CONTEXT_ID", contextId);
        env.put("JUJU_AGENT_SOCKET_ADDRESS", server.address());
        return env;
    }

    /** Ends the hook run: a hook that exited 0 has its changes kept for the next one, as in Juju. */
    public synchronized void hookEnded(int exitCode) {
        if (run != null && exitCode == 0) {
            Jujuc.commit(model, run);
        }
        endRun();
    }

    private void endRun() {
        if (contextId != null) {
            server.unregister(contextId);
        }
        contextId = null;
        run = null;
    }

    /** Every call made so far, as argv lists (tool name first). */
    public List<List<String>> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** Forgets the calls recorded so far. */
    public void reset() {
        calls.clear();
    }

    @Override
    public void close() {
        server.close();
    }

    // --- what the controller asks of its host ------------------------------------------------

    @Override
    public CharmFacts charm(String app) {
        Set<String> endpoints = new TreeSet<>();
        List.of("requires", "provides", "peers").forEach(role -> endpoints.addAll(project.endpoints(role)));
        Map<String, String> storage = new TreeMap<>();
        if (project.metadata().get("storage") instanceof Map<?, ?> s) {
            s.forEach((k, v) -> storage.put(String.valueOf(k),
                    v instanceof Map<?, ?> m && m.get("type") != null ? String.valueOf(m.get("type")) : "filesystem"));
        }
        return new CharmFacts(endpoints, keys("extra-bindings"), keys("resources"), storage);
    }

    private Set<String> keys(String field) {
        Set<String> out = new TreeSet<>();
        if (project.metadata().get(field) instanceof Map<?, ?> m) {
            m.keySet().forEach(k -> out.add(String.valueOf(k)));
        }
        return out;
    }

    @Override
    public Map<String, Object> config(String app) {
        return config;
    }

    @Override
    public Path storageLocation(String unit, String storageId) {
        return dir.resolve("storage").resolve(storageId.replace('/', '-')); // never mounted: training reads, not writes
    }

    @Override
    public Path resourceDir(String app, String resource) {
        return dir.resolve("resources").resolve(resource);
    }

    @Override
    public Network network(String unit) {
        return new Network("eth0", "10.1.2.3", "10.1.2.0/24");
    }

    @Override
    public synchronized String newSecretId() {
        return String.format("secret:cfakesecret%09d", ++secrets);
    }

    @Override
    public void log(LogRecord record) {
        // Training output is not kept: the calls list records every juju-log.
    }
}
