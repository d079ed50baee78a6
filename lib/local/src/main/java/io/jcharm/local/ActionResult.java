package io.jcharm.local;

import java.util.List;
import java.util.Map;

/**
 * An action run as {@code juju show-operation} reports it.
 *
 * <pre>{@code
 * ActionResult r = model.runAction("hello/0", "greet", Map.of("name", "world"));
 * r.results().get("message");   // "Hello, world!"
 * }</pre>
 *
 * @param status {@code pending}, {@code running}, {@code completed} or {@code failed}
 * @param results what action-set set, nested by the dots in its keys
 * @param log what action-log logged
 */
public record ActionResult(String id, String unit, String action, String status, String message,
                           Map<String, Object> results, List<String> log) {
    public ActionResult {
        results = Map.copyOf(results);
        log = List.copyOf(log);
    }
}
