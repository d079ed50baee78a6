package io.jcharm.controller;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * storage-list, storage-get and storage-add: each storage the charm declares starts with one
 * instance ({@code data/0}); storage-add asks for more, which the unit gets when the hook
 * succeeds. Where an instance lives is the host's ({@link Host#storageLocation}).
 *
 * <pre>{@code
 * new StorageTools(jujuc, run).handle(ToolCall.of("storage-get", "--format=json", "-s", "data/0"));
 * }</pre>
 */
final class StorageTools {
    private final Jujuc j;
    private final HookRun run;

    StorageTools(Jujuc j, HookRun run) {
        this.j = j;
        this.run = run;
    }

    ToolReply handle(ToolCall call) {
        Map<String, String> storage = new TreeMap<>(j.host.charm(run.app).storage());
        switch (call.tool()) {
            case "storage-list": {
                Flags f = Flags.parse(call.args(), Set.of(), Set.of("format"));
                List<String> ids = new ArrayList<>();
                for (String n : storage.keySet()) {
                    if (f.positional().isEmpty() || f.positional().contains(n)) {
                        for (int i = 0; i < instances(n); i++) {
                            ids.add(n + "/" + i);
                        }
                    }
                }
                return j.output.print(ids, f.format());
            }
            case "storage-get": {
                Flags f = Flags.parse(call.args(), Set.of(), Set.of("format", "s"));
                String id = f.value("s").orElseThrow(() -> new Flags.UsageException("no storage instance specified"));
                int slash = id.indexOf('/');
                String name = slash > 0 ? id.substring(0, slash) : id;
                String type = storage.get(name);
                if (type == null || slash < 0 || !id.substring(slash + 1).matches("\\d+")
                        || Integer.parseInt(id.substring(slash + 1)) >= instances(name)) {
                    throw new ToolError(1, "storage instance \"" + id + "\" not found");
                }
                Path location = j.host.storageLocation(run.unit, id);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("kind", "block".equals(type) ? "block" : "filesystem");
                out.put("location", location.toString());
                Object value = f.positional().isEmpty() ? out : out.get(f.positional().get(0));
                return j.output.print(value, f.format());
            }
            default: { // storage-add <name>[=<count>] ...
                Flags f = Flags.parse(call.args(), Set.of(), Set.of());
                if (f.positional().isEmpty()) {
                    throw new Flags.UsageException("storage add requires a storage directive");
                }
                Map<String, Integer> adds = new TreeMap<>();
                for (String d : f.positional()) {
                    int eq = d.indexOf('=');
                    String name = eq < 0 ? d : d.substring(0, eq);
                    int count;
                    try {
                        count = eq < 0 ? 1 : Integer.parseInt(d.substring(eq + 1));
                    } catch (NumberFormatException e) {
                        throw new Flags.UsageException("cannot parse count in storage directive \"" + d + "\"");
                    }
                    if (!storage.containsKey(name)) {
                        throw new ToolError(1, "storage \"" + name + "\" not found");
                    }
                    adds.merge(name, count, Integer::sum);
                }
                adds.forEach((n, c) -> run.storageAdds.merge(n, c, Integer::sum));
                return ToolReply.OK;
            }
        }
    }

    /** Instances the unit has of a declared storage: the first, and those storage-add gave it. */
    private int instances(String name) {
        UnitState u = j.model.unitState(run.unit).orElseThrow(() -> new ToolError(1, "unit " + run.unit + " is gone"));
        return 1 + u.storageAdded.getOrDefault(name, 0);
    }
}
