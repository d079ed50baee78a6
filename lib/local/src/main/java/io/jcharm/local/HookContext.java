package io.jcharm.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One hook run as the controller sees it: who runs what, and the changes the hook made that
 * become visible to others only if it succeeds (relation data, unit state, ports, secrets,
 * action results). Reads within the hook see its own pending changes, as in Juju.
 *
 * <pre>{@code
 * HookContext ctx = controller.claim(now).orElseThrow();
 * ctx.unitWrites.computeIfAbsent(3, k -> new TreeMap<>()).put("greeting", "Hello");
 * }</pre>
 */
final class HookContext {
    final String unit;
    final String app;
    final HookSpec hook;
    final long seq;
    /** Set by the runner once the tool server has registered the run. */
    String contextId = "";
    /** Relation id to the unit-bag keys written (value "" deletes). */
    final Map<Integer, Map<String, String>> unitWrites = new TreeMap<>();
    /** Relation id to the application-bag keys written (value "" deletes). */
    final Map<Integer, Map<String, String>> appWrites = new TreeMap<>();
    /** Unit state keys set; a null value deletes. */
    final Map<String, String> stateWrites = new LinkedHashMap<>();
    /** {@code open 80/tcp} / {@code close 80/tcp}, in call order. */
    final List<String[]> portOps = new ArrayList<>();
    final List<SecretOp> secretOps = new ArrayList<>();
    /** Flattened action results (a.b=c). */
    final Map<String, String> actionResults = new TreeMap<>();
    boolean actionFailed;
    String actionMessage = "";

    HookContext(String unit, HookSpec hook, long seq) {
        this.unit = unit;
        this.app = unit.substring(0, unit.indexOf('/'));
        this.hook = hook;
        this.seq = seq;
    }
}
