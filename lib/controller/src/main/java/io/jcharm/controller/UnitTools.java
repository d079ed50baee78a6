package io.jcharm.controller;

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
 * new UnitTools(jujuc, run).handle(ToolCall.of("status-set", "--application=False", "active", "--", "ready"));
 * }</pre>
 */
final class UnitTools {
    private static final Set<String> SETTABLE = Set.of("active", "blocked", "maintenance", "waiting");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private final Jujuc j;
    private final HookRun run;
    private final ActionTools actions;

    UnitTools(Jujuc j, HookRun run) {
        this.j = j;
        this.run = run;
        this.actions = new ActionTools(j, run);
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
                yield j.output.print(j.model.isLeader(run.unit), f.format());
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
                f.positional().forEach(k -> run.stateWrites.put(k, null));
                yield ToolReply.OK;
            }
            case "goal-state" -> goalState(Flags.parse(call.args(), Set.of(), Set.of("format")));
            case "unit-get" -> j.output.print(j.host.network(run.unit).address(), Flags.parse(call.args(), Set.of(), Set.of("format")).format());
            case "resource-get" -> resourceGet(Flags.parse(call.args(), Set.of(), Set.of()));
            case "storage-list", "storage-get", "storage-add" -> new StorageTools(j, run).handle(call);
            case "credential-get" -> {
                Flags f = Flags.parse(call.args(), Set.of(), Set.of("format"));
                // juju/juju 3.6 worker/uniter/runner/jujuc/credential-get.go, on a model without trust.
                yield j.host.credential(run.app).map(c -> j.output.print(c, f.format()))
                        .orElseGet(() -> ToolReply.error(1, "cannot access cloud credentials: permission denied"));
            }
            case "juju-reboot" -> {
                j.host.log(new LogRecord(run.unit, "WARNING", "juju.worker.uniter", Optional.empty(),
                        "reboot requested (simulated: nothing restarts)"));
                yield ToolReply.OK;
            }
            case "add-metric" -> ToolReply.OK;
            default -> ToolReply.error(1, "bad request: unknown hook tool \"" + tool + "\"");
        };
    }

    private ToolReply configGet(Flags f) {
        Map<String, Object> config = j.host.config(run.app);
        if (f.positional().isEmpty()) {
            return j.output.print(config, f.format());
        }
        return j.output.print(config.get(f.positional().get(0)), f.format());
    }

    private ToolReply statusGet(Flags f) {
        if (f.bool("application")) {
            if (!j.model.isLeader(run.unit)) {
                throw new ToolError(1, "finding application status: this unit is not the leader");
            }
            AppState<?> a = app();
            Map<String, Object> app = statusMap(a.status != null ? a.status : new StatusDoc("unknown", ""));
            Map<String, Object> units = new TreeMap<>();
            a.units.values().forEach(u -> units.put(u.name, statusMap(u.workload)));
            app.put("units", units);
            return j.output.print(Map.of("application-status", app), f.format());
        }
        return j.output.print(statusMap(unit().workload), f.format());
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
            if (!j.model.isLeader(run.unit)) {
                // juju/juju 3.6 worker/uniter/runner/context/context.go SetApplicationStatus: ErrIsNotLeader.
                throw new ToolError(1, SecretTools.NOT_LEADER);
            }
            app().status = s;
        } else {
            unit().workload = s;
        }
        return ToolReply.OK;
    }

    private ToolReply log(Flags f) {
        String level = f.value("l", "log-level").orElse(f.bool("debug") ? "DEBUG" : "INFO").toUpperCase(java.util.Locale.ROOT);
        // Juju prefixes a relation hook's log lines with its relation, endpoint:id (juju-log.go).
        Optional<String> relation = Optional.ofNullable(run.relationId)
                .map(id -> run.hookName.replaceAll("-relation-[a-z]+$", "") + ":" + id);
        j.host.log(new LogRecord(run.unit, level, "unit." + run.unit + ".juju-log", relation,
                String.join(" ", f.positional())));
        return ToolReply.OK;
    }

    private ToolReply port(String tool, Flags f) {
        if (f.positional().size() != 1) {
            throw new Flags.UsageException("invalid arguments, expected <port>[/<protocol>] or <from>-<to>[/<protocol>] or icmp");
        }
        String p = PortSpec.normalise(f.positional().get(0));
        run.portOps.add(new String[] {tool.equals("open-port") ? "open" : "close", p});
        return ToolReply.OK;
    }

    private ToolReply openedPorts(Flags f) {
        TreeSet<String> ports = new TreeSet<>(unit().ports);
        for (String[] op : run.portOps) {
            if (op[0].equals("open")) {
                ports.add(op[1]);
            } else {
                ports.remove(op[1]);
            }
        }
        List<String> out = new ArrayList<>();
        ports.forEach(p -> out.add(f.bool("endpoints") ? p + " (*)" : p));
        return j.output.print(out, f.format());
    }

    private ToolReply stateGet(Flags f) {
        Map<String, String> state = new TreeMap<>(unit().state);
        run.stateWrites.forEach((k, v) -> {
            if (v == null) {
                state.remove(k);
            } else {
                state.put(k, v);
            }
        });
        if (f.positional().isEmpty()) {
            return j.output.print(state, f.format());
        }
        String key = f.positional().get(0);
        if (!state.containsKey(key) && f.bool("strict")) {
            throw new ToolError(1, "\"" + key + "\" not found");
        }
        return j.output.print(state.get(key), f.format());
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
        values.forEach((k, v) -> run.stateWrites.put(k, v.isEmpty() ? null : v));
        return ToolReply.OK;
    }

    private ToolReply goalState(Flags f) {
        AppState<?> a = app();
        Map<String, Object> units = new TreeMap<>();
        a.units.values().forEach(u -> units.put(u.name, Map.of("status", u.dying() ? "dying" : u.workload.status(), "since", "")));
        Map<String, Object> relations = new TreeMap<>();
        for (Relation r : j.model.relations.values()) {
            if (r.side(a.name).isEmpty()) {
                continue;
            }
            Map<String, Object> members = new TreeMap<>();
            String other = r.remoteApp(a.name);
            members.put(other, Map.of("status", r.dying() ? "dying" : "joined", "since", ""));
            AppState<?> oa = j.model.applications.get(other);
            if (oa != null) {
                oa.units.values().forEach(u -> members.put(u.name, Map.of("status", u.dying() ? "dying" : "active", "since", "")));
            }
            relations.put(r.endpoint(a.name), members);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("units", units);
        out.put("relations", relations);
        return j.output.print(out, f.format());
    }

    private ToolReply resourceGet(Flags f) {
        if (f.positional().size() != 1) {
            throw new Flags.UsageException("resource-get needs the resource's name");
        }
        String name = f.positional().get(0);
        CharmFacts meta = j.host.charm(run.app);
        if (!meta.resources().contains(name)) {
            throw new ToolError(1, "could not download resource: resource \"" + name + "\" not found (the charm declares "
                    + new TreeSet<>(meta.resources()) + ")");
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
        Path out = j.host.resourceDir(run.app, name).resolve("image.yaml");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, "registrypath: " + given + "\nusername: \"\"\npassword: \"\"\n");
        } catch (IOException e) {
            throw new ToolError(1, "cannot write resource " + name + ": " + e.getMessage());
        }
        return ToolReply.out(out + "\n");
    }

    private AppState<?> app() {
        return j.model.applications.get(run.app);
    }

    private UnitState unit() {
        return j.model.unitState(run.unit).orElseThrow(() -> new ToolError(1, "unit " + run.unit + " is gone"));
    }
}
