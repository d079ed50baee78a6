package io.jcharm.core;

import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.Endpoint;
import io.jcharm.core.meta.Role;
import io.jcharm.core.tools.HookTools;
import io.jcharm.core.tools.NetworkInfo;
import io.jcharm.core.tools.Port;
import io.jcharm.core.tools.RelationRef;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a charm sees of Juju during one hook: this unit and application, leadership, config,
 * relations, secrets, state, resources, storage, ports and networks.
 *
 * <pre>{@code
 * model.relation("greeting").ifPresent(r -> r.localUnit().put("greeting", "Hello"));
 * int served = model.state().get("greetings-served", Integer.class).orElse(0);
 * }</pre>
 */
public final class Model {
    private final JujuContext context;
    private final CharmMetadata metadata;
    private final HookTools tools;
    private final Log log;
    private final Unit unit;
    private final App app;
    private final Secrets secrets;
    private final StateStore state;
    private final Map<String, List<Relation>> relations = new LinkedHashMap<>();
    private final Map<String, Container> containers = new LinkedHashMap<>();
    private final List<AutoCloseable> closeAtEnd = new ArrayList<>();
    private Boolean leader;
    private Map<String, Object> rawConfig;
    private final Map<Class<?>, Object> boundConfig = new HashMap<>();
    private String activeMessage = "";

    public Model(JujuContext context, CharmMetadata metadata, HookTools tools, PrintStream stderr) {
        this.context = context;
        this.metadata = metadata;
        this.tools = tools;
        this.log = new Log(tools, stderr, context.debug());
        this.unit = new Unit(context.unitName(), tools);
        this.app = new App(context.appName(), tools, this::isLeader, log);
        this.secrets = new Secrets(this);
        this.state = new StateStore(tools);
    }

    public String name() { return context.modelName(); }
    public String uuid() { return context.modelUuid(); }
    public JujuContext context() { return context; }
    public CharmMetadata metadata() { return metadata; }
    public Unit unit() { return unit; }
    public App app() { return app; }
    public Log log() { return log; }
    public Secrets secrets() { return secrets; }
    public StateStore state() { return state; }

    /** The hook's environment (KUBECONFIG, proxies...). */
    public Map<String, String> environment() { return context.environment(); }

    /** Whether this unit is the leader; asked once per hook. */
    public boolean isLeader() {
        if (leader == null) {
            leader = tools.isLeader();
        }
        return leader;
    }

    /** The raw config (set values and defaults, secret options as ids). */
    public Map<String, Object> rawConfig() {
        if (rawConfig == null) {
            rawConfig = Map.copyOf(withoutNulls(tools.configGet()));
        }
        return rawConfig;
    }

    /**
     * The config bound to the charm's record, once per hook: later calls return the same record
     * (or throw the same error). Components receive it from {@link Component#config}; this is for
     * actions and the remove hook.
     *
     * @throws InvalidConfigException naming the option when a value is wrong
     */
    public <T extends Record> T config(Class<T> type) {
        Object bound = boundConfig.computeIfAbsent(type, t -> {
            try {
                return RecordBinder.config(type, rawConfig(), metadata.config());
            } catch (InvalidConfigException e) {
                return e;
            }
        });
        if (bound instanceof InvalidConfigException e) {
            throw e;
        }
        return type.cast(bound);
    }

    /** Every relation on an endpoint (empty list when none), without the one being broken. */
    public List<Relation> relations(String endpoint) {
        Endpoint ep = metadata.endpoint(endpoint).orElseThrow(() -> new IllegalArgumentException(
                "charm \"" + metadata.name() + "\" has no endpoint \"" + endpoint + "\"; declared: "
                        + metadata.endpoints().keySet()));
        return relations.computeIfAbsent(endpoint, e -> {
            Optional<RelationRef> broken = context.hookName().endsWith("-relation-broken") ? context.relation() : Optional.empty();
            List<Relation> out = new ArrayList<>();
            for (RelationRef ref : tools.relationIds(e)) {
                if (broken.isPresent() && broken.get().equals(ref)) {
                    continue;
                }
                Optional<String> remote = context.relation().filter(ref::equals).flatMap(r -> context.remoteApp());
                out.add(new Relation(this, ref, ep.role() == Role.PEER, false, remote));
            }
            return List.copyOf(out);
        });
    }

    /**
     * The single relation on an endpoint, if any.
     *
     * @throws IllegalStateException when there are several (use {@link #relations})
     */
    public Optional<Relation> relation(String endpoint) {
        List<Relation> all = relations(endpoint);
        if (all.size() > 1) {
            throw new IllegalStateException("endpoint " + endpoint + " has " + all.size()
                    + " relations; use relations(\"" + endpoint + "\")");
        }
        return all.stream().findFirst();
    }

    /** The relation of the current relation hook (also in relation-broken, where it is inactive). */
    public Optional<Relation> eventRelation() {
        return context.relation().map(ref -> relations(ref.endpoint()).stream().filter(r -> r.ref().equals(ref))
                .findFirst().orElseGet(() -> new Relation(this, ref, metadata.endpoint(ref.endpoint())
                        .map(e -> e.role() == Role.PEER).orElse(false), true, context.remoteApp())));
    }

    /**
     * A workload container, reached through its Pebble socket (connecting lazily; check
     * {@link Container#canConnect}).
     *
     * @throws IllegalArgumentException when the charm does not declare the container
     */
    public Container container(String name) {
        if (!metadata.containers().containsKey(name)) {
            throw new IllegalArgumentException("charm \"" + metadata.name() + "\" declares no container \"" + name
                    + "\"; declared: " + metadata.containers().keySet());
        }
        return containers.computeIfAbsent(name, n -> Container.connect(n, environment()));
    }

    /** The local path of an attached resource. */
    public Path resource(String name) {
        if (!metadata.resources().containsKey(name)) {
            throw new IllegalArgumentException("charm \"" + metadata.name() + "\" declares no resource \"" + name + "\"");
        }
        return tools.resourceGet(name);
    }

    /** Opens exactly these ports, closing the others this unit had open. */
    public void setPorts(Collection<Port> wanted) {
        Set<Port> open = new HashSet<>(tools.openedPorts());
        Set<Port> want = new LinkedHashSet<>(wanted);
        for (Port p : open) {
            if (!want.contains(p)) {
                tools.closePort(p, List.of());
            }
        }
        for (Port p : want) {
            if (!open.contains(p)) {
                tools.openPort(p, List.of());
            }
        }
    }

    /** The network details of an endpoint or extra binding. */
    public NetworkInfo network(String binding) {
        return tools.networkGet(binding, Optional.empty());
    }

    /**
     * The message shown with Active when every component proceeds (for example "node ready;
     * addons: dns, rbac"); the last one set in the hook wins.
     */
    public void setActiveMessage(String message) {
        activeMessage = message == null ? "" : message;
    }

    /** The active message set in this hook, "" when none. */
    public String activeMessage() {
        return activeMessage;
    }

    /**
     * Closes {@code resource} when the hook ends, whatever happens (clients, connections).
     * A hook's process exits anyway; this matters where hooks run in one JVM, as in tests.
     */
    public void closeAtHookEnd(AutoCloseable resource) {
        closeAtEnd.add(resource);
    }

    /** Closes what was registered and the containers' Pebble clients, last first. */
    void closeResources() {
        List<AutoCloseable> all = new ArrayList<>(containers.values());
        all.addAll(closeAtEnd);
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).close();
            } catch (Exception e) {
                log.debug("closing " + all.get(i) + " at hook end failed: " + e);
            }
        }
        closeAtEnd.clear();
        containers.clear();
    }

    /** Sends the relation data written in this hook: one relation-set per bag, changed keys only. */
    public void commit() {
        relations.values().forEach(list -> list.forEach(Relation::flush));
    }

    HookTools tools() { return tools; }

    void redact(Collection<String> secretValues) {
        log.addSecrets(secretValues);
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }
}
