package io.jcharm.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One task of {@code juju run <unit> <action> --format=json}, as Juju 3.6 prints it on stdout
 * (cmd/juju/action/common.go, formatActionResult): {@code {"<unit>": {"id": "2", "status":
 * "completed"|"failed"|..., "message": "...", "results": {..., "return-code": 0}}}}. juju exits 1
 * when the return code is not 0 but still prints the task; an action that called action-fail and
 * exited 0 is "failed" with exit 0, so both are checked.
 *
 * <pre>{@code
 * ActionTask t = ActionTask.parse(stdout).orElseThrow();
 * if (t.failed()) { ... t.message() ... }
 * }</pre>
 *
 * @param results the action's results, nested values as JSON text
 * @param returnCode the results' return-code, -1 when absent
 */
public record ActionTask(String unit, String id, String status, String message, Map<String, String> results, int returnCode) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public boolean failed() {
        return !status.equals("completed") || returnCode > 0;
    }

    /** The first task in juju's JSON, or empty when stdout holds none (juju failed before the task ran). */
    static Optional<ActionTask> parse(String stdout) {
        JsonNode root;
        try {
            root = JSON.readTree(stdout);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            return Optional.empty();
        }
        String unit = root.propertyNames().iterator().next();
        JsonNode t = root.path(unit);
        Map<String, String> results = new LinkedHashMap<>();
        JsonNode r = t.path("results");
        for (String k : r.propertyNames()) {
            results.put(k, r.path(k).isValueNode() ? r.path(k).asString("") : r.path(k).toString());
        }
        int code = r.path("return-code").isNumber() ? r.path("return-code").asInt() : -1;
        return Optional.of(new ActionTask(unit, t.path("id").asString(""), t.path("status").asString(""),
                t.path("message").asString(""), results, code));
    }
}
