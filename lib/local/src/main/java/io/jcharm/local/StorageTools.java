package io.jcharm.local;

import io.jcharm.core.meta.StorageMeta;
import io.jcharm.local.ToolRouter.ToolError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * storage-list, storage-get and storage-add: each storage the charm declares is one directory of
 * the unit ({@code units/<unit>/storage/<name>-0}), attached from the start.
 *
 * <pre>{@code
 * storageTools.handle(call);   // storage-get --format=json -s data/0
 * }</pre>
 */
final class StorageTools {
    private final Controller controller;
    private final HookContext ctx;
    private final StateDir dirs;

    StorageTools(Controller controller, HookContext ctx, StateDir dirs) {
        this.controller = controller;
        this.ctx = ctx;
        this.dirs = dirs;
    }

    ToolReply handle(ToolCall call) {
        Map<String, StorageMeta> storage = controller.metadata(ctx.app).storage();
        switch (call.tool()) {
            case "storage-list": {
                Flags f = Flags.parse(call.args(), Set.of(), Set.of("format"));
                List<String> ids = new ArrayList<>();
                storage.keySet().stream().filter(n -> f.positional().isEmpty() || f.positional().contains(n))
                        .forEach(n -> ids.add(n + "/0"));
                return controller.output.print(ids, f.format());
            }
            case "storage-get": {
                Flags f = Flags.parse(call.args(), Set.of(), Set.of("format", "s"));
                String id = f.value("s").orElseThrow(() -> new Flags.UsageException("no storage instance specified"));
                String name = id.contains("/") ? id.substring(0, id.indexOf('/')) : id;
                StorageMeta meta = storage.get(name);
                if (meta == null) {
                    throw new ToolError(1, "storage instance \"" + id + "\" not found");
                }
                Path location = dirs.unitDir(ctx.unit).resolve("storage").resolve(name + "-0");
                try {
                    Files.createDirectories(location);
                } catch (IOException e) {
                    throw new ToolError(1, "cannot create storage " + id + ": " + e.getMessage());
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("kind", "block".equals(meta.type()) ? "block" : "filesystem");
                out.put("location", location.toString());
                Object value = f.positional().isEmpty() ? out : out.get(f.positional().get(0));
                return controller.output.print(value, f.format());
            }
            default:
                return ToolReply.error(1, "storage-add: the jcharm local model attaches one instance of each storage"
                        + " at deploy and cannot add more");
        }
    }
}
