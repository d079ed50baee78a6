package io.jcharm.controller;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * action-get, action-set, action-log and action-fail, valid only while an action runs.
 *
 * <pre>{@code
 * new ActionTools(jujuc, run).handle(ToolCall.of("action-set", "message=Hello"));   // action-set message="Hello, world!" count=1
 * }</pre>
 */
final class ActionTools {
    /** Juju's key rule for action results: lower-case words joined by dashes, dotted for nesting. */
    private static final Pattern KEY = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*");
    private static final Set<String> RESERVED = Set.of("stdout", "stdout-encoding", "stderr", "stderr-encoding");
    private final Jujuc j;
    private final HookRun run;

    ActionTools(Jujuc j, HookRun run) {
        this.j = j;
        this.run = run;
    }

    ToolReply handle(ToolCall call) {
        if (!run.action()) {
            // juju/juju 3.6 worker/uniter/runner/context/context.go: errors.New("not running an action").
            throw new ToolError(1, "not running an action");
        }
        Action action = j.model.actions.get(run.actionId);
        return switch (call.tool()) {
            case "action-get" -> get(action, Flags.parse(call.args(), Set.of(), Set.of("format")));
            case "action-set" -> set(Flags.parse(call.args(), Set.of(), Set.of()));
            case "action-log" -> {
                String message = String.join(" ", Flags.parse(call.args(), Set.of(), Set.of()).positional());
                if (action != null) {
                    action.log.add(message);
                }
                j.host.log(new LogRecord(run.unit, "INFO", "unit." + run.unit + ".action-log", Optional.empty(), message));
                yield ToolReply.OK;
            }
            case "action-fail" -> {
                run.actionFailed = true;
                run.actionMessage = String.join(" ", Flags.parse(call.args(), Set.of(), Set.of()).positional());
                yield ToolReply.OK;
            }
            default -> ToolReply.error(1, "bad request: unknown hook tool \"" + call.tool() + "\"");
        };
    }

    @SuppressWarnings("unchecked")
    private ToolReply get(Action action, Flags f) {
        Object value = action == null ? Map.of() : action.params;
        if (!f.positional().isEmpty()) {
            for (String part : f.positional().get(0).split("\\.")) {
                value = value instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(part) : null;
            }
        }
        return j.output.print(value, f.format());
    }

    private ToolReply set(Flags f) {
        if (f.positional().isEmpty()) {
            throw new Flags.UsageException("no key=value pairs given");
        }
        for (String kv : f.positional()) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new Flags.UsageException("argument \"" + kv + "\" must be of the form key...=value");
            }
            String key = kv.substring(0, eq);
            if (!KEY.matcher(key).matches()) {
                throw new ToolError(2, "key \"" + key + "\" must start and end with lowercase alphanumeric, and contain"
                        + " only lowercase alphanumeric, hyphens and periods");
            }
            if (RESERVED.contains(key)) {
                throw new ToolError(2, "cannot set reserved action key \"" + key + "\"");
            }
            run.actionResults.put(key, kv.substring(eq + 1));
        }
        return ToolReply.OK;
    }
}
