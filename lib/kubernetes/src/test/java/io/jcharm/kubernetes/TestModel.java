package io.jcharm.kubernetes;

import io.jcharm.core.JujuContext;
import io.jcharm.core.Model;
import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.tools.HookTools;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real {@link Model} for one hook of application {@code app} in model {@code model}, whose
 * hook tools only answer juju-log (recorded as "LEVEL message"), status-set (recorded as
 * "STATUS ...") and is-leader; any other tool call fails the test, since this library must not
 * need one.
 */
final class TestModel {
    final List<String> logs = Collections.synchronizedList(new ArrayList<>());
    final Model model;

    TestModel(String app, String modelName, Map<String, String> env) {
        JujuContext ctx = new JujuContext("hooks/config-changed", "config-changed", app + "/0", modelName,
                "0b6f4d4e-0000-4000-8000-000000000001", "3.6.8", Path.of("/tmp"), Optional.empty(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Map.copyOf(env));
        CharmMetadata meta = new CharmMetadata(app, app, "", "", false, Map.of(), Map.of(), Map.of(), Map.of(),
                List.of(), List.of(), Optional.empty(), Map.of(), Map.of());
        HookTools tools = (HookTools) Proxy.newProxyInstance(HookTools.class.getClassLoader(),
                new Class<?>[] {HookTools.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "jujuLog" -> {
                        logs.add(args[0] + " " + args[1]);
                        yield null;
                    }
                    case "isLeader" -> true;
                    case "statusSet" -> {
                        logs.add("STATUS " + args[0] + (Boolean.TRUE.equals(args[1]) ? " (app)" : ""));
                        yield null;
                    }
                    case "toString" -> "TestModel tools";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("unexpected hook tool call " + method.getName());
                });
        model = new Model(ctx, meta, tools, System.err);
    }

    /** Log lines at a level ("ERROR", "WARNING", "INFO", "DEBUG"). */
    List<String> logs(String level) {
        synchronized (logs) {
            return logs.stream().filter(l -> l.startsWith(level + " ")).toList();
        }
    }
}
