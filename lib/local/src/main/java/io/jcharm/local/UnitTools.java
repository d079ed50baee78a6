package io.jcharm.local;

import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.ResourceMeta;
import io.jcharm.core.tools.Port;
import io.jcharm.local.ModelDoc.App;
import io.jcharm.local.ModelDoc.StatusDoc;
import io.jcharm.local.ModelDoc.Unit;
import io.jcharm.local.ToolRouter.ToolError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The unit's own hook tools: config-get, is-leader, status-get/-set, application-version-set,
 * juju-log, ports, controller-side state, goal-state, unit-get, resources, storage and the
 * action tools ({@link ActionTools}).
 *
 * <pre>{@code
 * unitTools.handle(call);   // e.g. status-set --application=False active -- ready
 * }</pre>
 */
final class UnitTools {
    private static final Set<String> SETTABLE = Set.of("active", "blocked", "maintenance", "waiting");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private final Controller controller;
    private final HookContext ctx;
    private final StateDir dirs;
    private final ActionTools actions;

    UnitTools(Controller controller, HookContext ctx, StateDir dirs) {
        this.controller = controller;
        this.ctx = ctx;
        this.dirs = dirs;
        this.actions = new ActionTools(controller, ctx);
    }

    ToolReply handle(ToolCall call) {
        String tool = call.tool();
        if (tool.startsWith("action-")) {
            return actions.handle(call);
        }
        return switch (tool) {
            case "config-get" -> configGet(Flags.parse(call.args(), Set.of("all", "a"), Set.of("format")));
            case "is-leader" -> {
                Flags f = Flags.parse(call.args(), Set.of(), Set.of("format"));
                yield controller.output.print(controller.isLeader(ctx.unit), f.format());
            }
            case "status-get" -> statusGet(Flags.parse(call.args(), Set.of("include-data", "application"), Set.of("format")));
            case "status-set" -> statusSet(Flags.parse(call.args(), Set.of("application"), Set.of()));
            case "application-version-set" -> {
                Flags f = Flags.parse(call.args(), Set.of(), Set.of());
                app().workloadVersion = String.join(" ", f.positional());
                yield ToolReply.OK;
            }
            case "juju-log" -> log(Flags.parse(call.args(), Set.of("debug"), Set.of("l", "log-level", "format")));
            case "open-port", "close-port" -> port(tool, Flags.parse(call.args(), Set.of(), Set.of("endpoints", "format")));
            case "opened-ports" -> openedPorts(Flags.parse(call.args(), Set.of("endpoints"), Set.of("format")));
            case "state-get" -> stateGet(Flags.parse(call.args(), Set.of("strict"), Set.of("format")));
            case "state-set" -> stateSet(call, Flags.parse(call.args(), Set.of(), Set.of("file")));
            case "state-delete" -> {
                Flags f = Flags.parse(call.args(), Set.of(), Set.of());
                f.positional().forEach(k -> ctx.stateWrites.put(k, null));
                yield ToolReply.OK;
            }
            case "goal-state" -> goalState(Flags.parse(call.args(), Set.of(), Set.of("format")));
            case "unit-get" -> controller.output.print("127.0.0.1", Flags.parse(call.args(), Set.of(), Set.of("format")).format());
            case "resource-get" -> resourceGet(Flags.parse(call.args(), Set.of(), Set.of()));
            case "storage-list", "storage-get", "storage-add" -> new StorageTools(controller, ctx, dirs).handle(call);
            case "credential-get" -> ToolReply.error(1, "credential-get: the jcharm local model has no cloud credential to give;"
                    + " Kubernetes charms reach the embedded API through KUBECONFIG");
            case "juju-reboot" -> {
                controller.log.append(ctx.unit, "WARNING", "juju.worker.uniter", "reboot requested (simulated: nothing restarts)");
                yield ToolReply.OK;
            }
            case "add-metric" -> ToolReply.OK;
            default -> ToolReply.error(1, "bad request: unknown hook tool \"" + tool + "\" in the jcharm local model");
        };
    }

    private ToolReply configGet(Flags f) {
        Map<String, Object> config = controller.config(ctx.app);
        if (f.positional().isEmpty()) {
            return controller.output.print(config, f.format());
        }
        return controller.output.print(config.get(f.positional().get(0)), f.format());
    }

    private ToolReply statusGet(Flags f) {
        if (f.bool("application")) {
            if (!controller.isLeader(ctx.unit)) {
                throw new ToolError(1, "finding application status: this unit is not the leader");
            }
            App a = app();
            Map<String, Object> app = statusMap(a.status != null ? a.status : new StatusDoc("unknown", ""));
            Map<String, Object> units = new TreeMap<>();
            a.units.values().forEach(u -> units.put(u.name, statusMap(u.workload)));
            app.put("units", units);
            return controller.output.print(Map.of("application-status", app), f.format());
        }
        return controller.output.print(statusMap(unit().workload), f.format());
    }

    private static Map<String, Object> statusMap(StatusDoc s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", s.message());
        m.put("status", s.status());
        m.put("status-data", Map.of());
        return m;
    }

    private ToolReply statusSet(Flags f) {
        if (f.positional().isEmpty()) {
            throw new Flags.UsageException("invalid args, require <status> [message] [data]");
        }
        String status = f.positional().get(0);
        if (!SETTABLE.contains(status)) {
            throw new ToolError(1, "invalid status \"" + status + "\", expected one of [maintenance blocked waiting active]");
        }
        String message = String.join(" ", f.positional().subList(1, f.positional().size()));
        StatusDoc s = new StatusDoc(status, message);
        if (f.bool("application")) {
            if (!controller.isLeader(ctx.unit)) {
                throw new ToolError(1, "setting application status: this unit is not the leader");
            }
            app().status = s;
        } else {
            unit().workload = s;
        }
        return ToolReply.OK;
    }

    private ToolReply log(Flags f) {
        String level = f.value("l", "log-level").orElse(f.bool("debug") ? "DEBUG" : "INFO").toUpperCase(java.util.Locale.ROOT);
        // Juju prefixes a relation hook's log lines with its relation, endpoint:id.
        String prefix = ctx.hook.relationId() != null
                ? ctx.hook.name().replaceAll("-relation-[a-z]+$", "") + ":" + ctx.hook.relationId() + ": " : "";
        controller.log.append(ctx.unit, level, "unit." + ctx.unit + ".juju-log", prefix + String.join(" ", f.positional()));
        return ToolReply.OK;
    }

    private ToolReply port(String tool, Flags f) {
        if (f.positional().size() != 1) {
            throw new Flags.UsageException("invalid arguments, expected <port>[/<protocol>] or <from>-<to>[/<protocol>] or icmp");
        }
        Port p;
        try {
            p = Port.parse(f.positional().get(0));
        } catch (IllegalArgumentException e) {
            throw new Flags.UsageException(e.getMessage());
        }
        ctx.portOps.add(new String[] {tool.equals("open-port") ? "open" : "close", p.toString()});
        return ToolReply.OK;
    }

    private ToolReply openedPorts(Flags f) {
        TreeSet<String> ports = new TreeSet<>(unit().ports);
        for (String[] op : ctx.portOps) {
            if (op[0].equals("open")) {
                ports.add(op[1]);
            } else {
                ports.remove(op[1]);
            }
        }
        List<String> out = new ArrayList<>();
        ports.forEach(p -> out.add(f.bool("endpoints") ? p + " (*)" : p));
        return controller.output.print(out, f.format());
    }

    private ToolReply stateGet(Flags f) {
        Map<String, String> state = new TreeMap<>(unit().state);
        ctx.stateWrites.forEach((k, v) -> {
            if (v == null) {
                state.remove(k);
            } else {
                state.put(k, v);
            }
        });
        if (f.positional().isEmpty()) {
            return controller.output.print(state, f.format());
        }
        String key = f.positional().get(0);
        if (!state.containsKey(key) && f.bool("strict")) {
            throw new ToolError(1, "\"" + key + "\" not found");
        }
        return controller.output.print(state.get(key), f.format());
    }

    private ToolReply stateSet(ToolCall call, Flags f) {
        Map<String, String> values = new LinkedHashMap<>();
        Optional<String> file = f.value("file");
        if (file.isPresent()) {
            byte[] bytes;
            try {
                bytes = file.get().equals("-") ? call.stdin().orElse(new byte[0])
                        : Files.readAllBytes(Path.of(call.cwd()).resolve(file.get()));
            } catch (IOException e) {
                throw new ToolError(1, "cannot read " + file.get() + ": " + e.getMessage());
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (!text.isBlank()) {
                try {
                    Object parsed = YAML.readValue(text, Object.class);
                    if (!(parsed instanceof Map<?, ?> m)) {
                        throw new ToolError(1, "state-set --file: expected a map of keys to values");
                    }
                    m.forEach((k, v) -> values.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
                } catch (JacksonException e) {
                    throw new ToolError(1, "state-set --file: cannot parse YAML: " + e.getOriginalMessage());
                }
            }
        }
        for (String kv : f.positional()) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new Flags.UsageException("expected \"key=value\", got \"" + kv + "\"");
            }
            values.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        // An empty value deletes the key, as in Juju.
        values.forEach((k, v) -> ctx.stateWrites.put(k, v.isEmpty() ? null : v));
        return ToolReply.OK;
    }

    private ToolReply goalState(Flags f) {
        App a = app();
        Map<String, Object> units = new TreeMap<>();
        a.units.values().forEach(u -> units.put(u.name, Map.of("status", u.dying() ? "dying" : u.workload.status(), "since", "")));
        Map<String, Object> relations = new TreeMap<>();
        for (ModelDoc.Relation r : controller.doc.relations.values()) {
            if (r.side(a.name).isEmpty()) {
                continue;
            }
            Map<String, Object> members = new TreeMap<>();
            String other = r.other(a.name).map(ModelDoc.EndpointDoc::app).orElse(a.name);
            members.put(other, Map.of("status", r.dying() ? "dying" : "joined", "since", ""));
            App oa = controller.doc.applications.get(other);
            if (oa != null) {
                oa.units.values().forEach(u -> members.put(u.name, Map.of("status", u.dying() ? "dying" : "active", "since", "")));
            }
            relations.put(Lifecycle.endpoint(r, a.name), members);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("units", units);
        out.put("relations", relations);
        return controller.output.print(out, f.format());
    }

    private ToolReply resourceGet(Flags f) {
        if (f.positional().size() != 1) {
            throw new Flags.UsageException("resource-get needs the resource's name");
        }
        String name = f.positional().get(0);
        CharmMetadata meta = controller.metadata(ctx.app);
        ResourceMeta declared = meta.resources().get(name);
        if (declared == null) {
            throw new ToolError(1, "could not download resource: resource \"" + name + "\" not found (the charm declares "
                    + meta.resources().keySet() + ")");
        }
        String given = app().resources.get(name);
        if (given == null) {
            throw new ToolError(1, "could not download resource: resource \"" + name + "\" has no value: give it in the"
                    + " bundle (resources: {" + name + ": <path or image>})");
        }
        Path path = Path.of(given);
        if (Files.isRegularFile(path)) {
            return ToolReply.out(path.toAbsolutePath() + "\n");
        }
        // An OCI image: Juju hands the charm a small YAML file naming it.
        Path out = dirs.resources(ctx.app).resolve(name).resolve("image.yaml");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, "registrypath: " + given + "\nusername: \"\"\npassword: \"\"\n");
        } catch (IOException e) {
            throw new ToolError(1, "cannot write resource " + name + ": " + e.getMessage());
        }
        return ToolReply.out(out + "\n");
    }

    private App app() {
        return controller.doc.applications.get(ctx.app);
    }

    private Unit unit() {
        return controller.doc.unit(ctx.unit).orElseThrow(() -> new ToolError(1, "unit " + ctx.unit + " is gone"));
    }
}
