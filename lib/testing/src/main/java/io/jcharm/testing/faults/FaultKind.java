package io.jcharm.testing.faults;

import io.jcharm.testing.ToolFault;
import java.util.Optional;

/**
 * The faults of the matrix, in the order of issue 18's list: every charm has one cell per kind,
 * filled with what its test observed or with why the fault cannot happen to it.
 *
 * <pre>{@code
 * faults.observed(FaultKind.K8S_409, "", FaultChecks.outcome(out));
 * }</pre>
 */
public enum FaultKind {
    RELATION_GET_FAILS("hook tools", "relation-get fails"),
    RELATION_GET_TIMES_OUT("hook tools", "relation-get times out"),
    SECRET_GET_FAILS("hook tools", "secret-get fails"),
    SECRET_GET_TIMES_OUT("hook tools", "secret-get times out"),
    STATE_SET_FAILS("hook tools", "state-set fails"),
    STATE_SET_TIMES_OUT("hook tools", "state-set times out"),
    STATUS_SET_FAILS("hook tools", "status-set fails"),
    STATUS_SET_TIMES_OUT("hook tools", "status-set times out"),
    K8S_403("Kubernetes API", "403 forbidden"),
    K8S_404_CRD_NOT_ESTABLISHED("Kubernetes API", "404: CRD not yet established"),
    K8S_409("Kubernetes API", "409 conflict"),
    K8S_422("Kubernetes API", "422 invalid"),
    K8S_429("Kubernetes API", "429 too many requests"),
    K8S_5XX("Kubernetes API", "500/503"),
    K8S_TIMEOUT("Kubernetes API", "request times out"),
    K8S_CONNECTION_DROPPED("Kubernetes API", "connection drops mid ordered apply"),
    PEBBLE_UNREACHABLE("Pebble", "Pebble unreachable"),
    PEBBLE_SERVICE_FAILS_TO_START("Pebble", "a service fails to start"),
    PEBBLE_CHECK_DOWN("Pebble", "a check goes down"),
    PEBBLE_PUSH_FAILS("Pebble", "a push fails half-way"),
    RELATION_MALFORMED("relation data", "malformed (bad YAML/JSON)"),
    RELATION_WRONG_TYPES("relation data", "wrong types"),
    RELATION_MISSING_KEYS("relation data", "missing keys"),
    RELATION_UNSUPPORTED_SDI_VERSION("relation data", "unsupported SDI version"),
    RELATION_SECRET_NOT_GRANTED("relation data", "secret URI not granted"),
    RELATION_SECRET_REMOVED("relation data", "secret URI removed"),
    CONFIG_BAD("config", "bad value (per option)"),
    CONFIG_UNSET("config", "every option unset"),
    LEADERSHIP_MOVES("lifecycle", "leadership moves mid multi-hook flow"),
    POD_CHURN("lifecycle", "pod churn (new filesystem, controller state and secrets kept)"),
    MACHINE_REBOOT("lifecycle", "machine reboots"),
    UPGRADE("lifecycle", "upgrade from the previous revision"),
    DOWNGRADE_REFUSED("lifecycle", "refused downgrade"),
    SCALE_3_AND_BACK("lifecycle", "scale to 3 units and back to 1"),
    REMOVE_WITH_RELATION("lifecycle", "remove while a relation is established");

    private final String area;
    private final String title;

    FaultKind(String area, String title) {
        this.area = area;
        this.title = title;
    }

    /** The hook tool a hook-tool kind breaks ({@code "relation-get"}...), empty for the other kinds. */
    public Optional<String> hookTool() {
        if (!area.equals("hook tools")) {
            return Optional.empty();
        }
        return Optional.of(title.substring(0, title.indexOf(' ')));
    }

    /**
     * How a hook-tool kind breaks its tool, for {@code Context.withToolFault(kind.hookTool().get(), kind.toolFault())}.
     *
     * @throws IllegalStateException for a kind that is not about a hook tool
     */
    public ToolFault toolFault() {
        if (hookTool().isEmpty()) {
            throw new IllegalStateException(this + " is not a hook-tool fault");
        }
        return title.endsWith("times out") ? ToolFault.TIMES_OUT : ToolFault.FAILS;
    }

    /**
     * The kinds of one area, in the table's order: {@code inArea("hook tools")} are the eight
     * hook-tool kinds, {@code inArea("Kubernetes API")} the eight API kinds.
     *
     * @throws IllegalArgumentException for an area no kind belongs to
     */
    public static java.util.List<FaultKind> inArea(String area) {
        java.util.List<FaultKind> kinds = java.util.Arrays.stream(values()).filter(k -> k.area.equals(area)).toList();
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no fault kind in area \"" + area + "\": the areas are hook tools,"
                    + " Kubernetes API, Pebble, relation data, config and lifecycle");
        }
        return kinds;
    }

    /** The group the fault belongs to in the table, e.g. {@code "Kubernetes API"}. */
    public String area() {
        return area;
    }

    /** The fault in a few words, as the table's row heading. */
    public String title() {
        return title;
    }
}
