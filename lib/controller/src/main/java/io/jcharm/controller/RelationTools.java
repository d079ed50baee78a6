package io.jcharm.controller;

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
 * relation-ids, relation-list, relation-get, relation-set, relation-model-get and network-get,
 * with Juju's access rules: a unit reads every bag of a relation it is in except its own
 * application's, which only the leader reads (everyone, on a peer relation); it writes its own
 * unit bag, and its application's bag when it is the leader. Writes wait for the hook to succeed.
 *
 * <pre>{@code
 * new RelationTools(jujuc, run).handle(ToolCall.of("relation-get", "--format=json", "-r", "greeting:1", "-", "b/0"));
 * }</pre>
 */
final class RelationTools {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private final Jujuc j;
    private final HookRun run;

    RelationTools(Jujuc j, HookRun run) {
        this.j = j;
        this.run = run;
    }

    ToolReply handle(ToolCall call) {
        return switch (call.tool()) {
            case "relation-ids" -> ids(Flags.parse(call.args(), Set.of(), Set.of("format")));
            case "relation-list" -> list(Flags.parse(call.args(), Set.of("app"), Set.of("format", "r", "relation")));
            case "relation-get" -> get(Flags.parse(call.args(), Set.of("app"), Set.of("format", "r", "relation")));
            case "relation-set" -> set(call, Flags.parse(call.args(), Set.of("app"), Set.of("format", "r", "relation", "file")));
            case "relation-model-get" -> {
                Flags f = Flags.parse(call.args(), Set.of(), Set.of("format", "r", "relation"));
                relation(f);
                yield j.output.print(Map.of("uuid", j.model.uuid), f.format());
            }
            case "network-get" -> network(Flags.parse(call.args(), Set.of("primary-address", "ingress-address",
                    "bind-address", "egress-subnets"), Set.of("format", "r", "relation")));
            default -> ToolReply.error(1, "unknown hook tool \"" + call.tool() + "\"");
        };
    }

    private ToolReply ids(Flags f) {
        if (f.positional().size() > 1) {
            throw new Flags.UsageException("unrecognized args: " + f.positional().subList(1, f.positional().size()));
        }
        String ep = f.positional().isEmpty() ? null : f.positional().get(0);
        UnitState u = unit();
        List<String> out = new ArrayList<>();
        for (int id : u.entered) {
            Relation r = j.model.relations.get(id);
            if (r == null) {
                continue;
            }
            String mine = r.endpoint(u.app);
            if (ep == null || ep.equals(mine)) {
                out.add(mine + ":" + id);
            }
        }
        return j.output.print(out, f.format());
    }

    private ToolReply list(Flags f) {
        Relation r = relation(f);
        if (f.bool("app")) {
            return j.output.print(remoteApp(r), f.format());
        }
        List<String> members = new ArrayList<>(unit().members.getOrDefault(r.id, new TreeSet<>()));
        members.sort(RelationTools::byUnitNumber);
        return j.output.print(members, f.format());
    }

    private ToolReply get(Flags f) {
        Relation r = relation(f);
        boolean app = f.bool("app");
        List<String> pos = f.positional();
        if (pos.size() > 2) {
            throw new Flags.UsageException("unrecognized args: " + pos.subList(2, pos.size()));
        }
        String key = pos.isEmpty() ? "-" : pos.get(0);
        String owner;
        if (pos.size() == 2) {
            owner = pos.get(1);
        } else if (app) {
            owner = remoteApp(r);
        } else if (run.remoteUnit != null && Integer.valueOf(r.id).equals(run.relationId)) {
            owner = run.remoteUnit;
        } else {
            throw new Flags.UsageException("no unit id specified");
        }
        Map<String, String> bag = app ? appBag(r, owner) : unitBag(r, owner);
        if (key.equals("-")) {
            return j.output.print(new TreeMap<>(bag), f.format());
        }
        return j.output.print(bag.getOrDefault(key, ""), f.format());
    }

    private Map<String, String> unitBag(Relation r, String owner) {
        if (owner.equals(run.unit)) {
            return merged(r.unitData.get(owner), run.unitWrites.get(r.id));
        }
        String ownerApp = owner.contains("/") ? owner.substring(0, owner.indexOf('/')) : "";
        if (r.side(ownerApp).isEmpty() || !r.peer() && ownerApp.equals(run.app)) {
            throw new ToolError(1, "cannot read settings for unit \"" + owner + "\" in relation \"" + ref(r)
                    + "\": permission denied");
        }
        return r.unitData.getOrDefault(owner, Map.of());
    }

    private Map<String, String> appBag(Relation r, String owner) {
        if (owner.equals(run.app)) {
            if (!r.peer() && !j.model.isLeader(run.unit)) {
                throw new ToolError(1, "permission denied");
            }
            return merged(r.appData.get(owner), run.appWrites.get(r.id));
        }
        if (r.side(owner).isEmpty()) {
            throw new ToolError(1, "cannot read settings for application \"" + owner + "\" in relation \"" + ref(r)
                    + "\": permission denied");
        }
        return r.appData.getOrDefault(owner, Map.of());
    }

    private ToolReply set(ToolCall call, Flags f) {
        Relation r = relation(f);
        boolean app = f.bool("app");
        if (app && !j.model.isLeader(run.unit)) {
            // juju/juju 3.6 worker/uniter/runner/jujuc/relation-set.go: a bare Errorf, no leader detail.
            throw new ToolError(1, "cannot write relation settings");
        }
        Map<String, String> writes = new LinkedHashMap<>();
        Optional<String> file = f.value("file");
        if (file.isPresent()) {
            writes.putAll(readSettings(call, file.get()));
        }
        for (String kv : f.positional()) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new Flags.UsageException("expected \"key=value\", got \"" + kv + "\"");
            }
            writes.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        (app ? run.appWrites : run.unitWrites).computeIfAbsent(r.id, k -> new TreeMap<>()).putAll(writes);
        return ToolReply.OK;
    }

    private static Map<String, String> readSettings(ToolCall call, String file) {
        byte[] bytes;
        try {
            bytes = file.equals("-") ? call.stdin().orElse(new byte[0]) : Files.readAllBytes(Path.of(call.cwd()).resolve(file));
        } catch (java.io.IOException e) {
            throw new ToolError(1, "cannot read settings file \"" + file + "\": " + e.getMessage());
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return Map.of();
        }
        Object parsed;
        try {
            parsed = YAML.readValue(text, Object.class);
        } catch (JacksonException e) {
            throw new ToolError(1, "cannot parse settings file \"" + file + "\" as YAML: " + e.getOriginalMessage());
        }
        if (!(parsed instanceof Map<?, ?> m)) {
            throw new ToolError(1, "settings file \"" + file + "\" must hold a map of keys to values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        return out;
    }

    private ToolReply network(Flags f) {
        if (f.positional().size() != 1) {
            throw new Flags.UsageException("no endpoint name specified");
        }
        if (f.value("r", "relation").isPresent()) {
            relation(f);
        }
        String binding = f.positional().get(0);
        CharmFacts meta = j.host.charm(run.app);
        if (!meta.endpoints().contains(binding) && !meta.extraBindings().contains(binding) && !binding.equals("juju-info")) {
            throw new ToolError(1, "no network config found for binding \"" + binding + "\"");
        }
        // One address per unit, whatever the binding: the host says which.
        Host.Network net = j.host.network(run.unit);
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("hostname", "");
        address.put("value", net.address());
        address.put("cidr", net.cidr());
        address.put("address", net.address()); // the pre-2.9 key, still printed by Juju 3
        Map<String, Object> bind = new LinkedHashMap<>();
        bind.put("mac-address", "");
        bind.put("interface-name", net.iface());
        bind.put("addresses", List.of(address));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bind-addresses", List.of(bind));
        out.put("egress-subnets", List.of(net.address() + "/32"));
        out.put("ingress-addresses", List.of(net.address()));
        return j.output.print(out, f.format());
    }

    /** The relation -r names (endpoint:id or id), else the hook's own; Juju's error otherwise. */
    private Relation relation(Flags f) {
        Optional<String> given = f.value("r", "relation");
        if (given.isEmpty()) {
            if (run.relationId == null) {
                throw new Flags.UsageException("no relation id specified");
            }
            Relation r = j.model.relations.get(run.relationId);
            if (r == null) {
                throw new ToolError(2, "invalid value \"" + run.relationId + "\" for option -r: relation not found");
            }
            return r;
        }
        String text = given.get();
        String ep = null;
        String idText = text;
        int colon = text.lastIndexOf(':');
        if (colon >= 0) {
            ep = text.substring(0, colon);
            idText = text.substring(colon + 1);
        }
        Relation r = null;
        try {
            r = j.model.relations.get(Integer.parseInt(idText));
        } catch (NumberFormatException e) {
            // reported below
        }
        UnitState u = unit();
        boolean known = r != null && r.side(u.app).isPresent()
                && (u.entered.contains(r.id) || Integer.valueOf(r.id).equals(run.relationId))
                && (ep == null || ep.equals(r.endpoint(u.app)));
        if (!known) {
            throw new ToolError(2, "invalid value \"" + text + "\" for option -r: relation not found");
        }
        return r;
    }

    private String remoteApp(Relation r) {
        return r.other(run.app).map(EndpointDoc::app).orElse(run.app);
    }

    private String ref(Relation r) {
        return r.endpoint(run.app) + ":" + r.id;
    }

    private UnitState unit() {
        return j.model.unitState(run.unit).orElseThrow(() -> new ToolError(1, "unit " + run.unit + " is gone"));
    }

    private static Map<String, String> merged(Map<String, String> committed, Map<String, String> pending) {
        Map<String, String> out = new TreeMap<>(committed == null ? Map.of() : committed);
        if (pending != null) {
            pending.forEach((k, v) -> {
                if (v.isEmpty()) {
                    out.remove(k);
                } else {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    static int byUnitNumber(String a, String b) {
        String appA = a.substring(0, Math.max(0, a.indexOf('/')));
        String appB = b.substring(0, Math.max(0, b.indexOf('/')));
        if (!appA.equals(appB)) {
            return appA.compareTo(appB);
        }
        return Integer.compare(number(a), number(b));
    }

    private static int number(String unit) {
        try {
            return Integer.parseInt(unit.substring(unit.indexOf('/') + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
