package io.jcharm.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one apply did: each desired object's outcome, in the order applied, and what was pruned.
 *
 * <pre>{@code
 * ApplyResult r = resources.apply(desired);
 * r.count(ApplyResult.Outcome.UNCHANGED);  // 12 on a second, identical apply
 * r.pruned();                             // [ConfigMap kubeflow/old-config]
 * }</pre>
 */
public record ApplyResult(Map<ObjectRef, Outcome> applied, List<ObjectRef> pruned) {

    /** What happened to one desired object. */
    public enum Outcome {
        /** Server-side applied; the server decides whether anything changed. */
        APPLIED,
        /** Create-or-replace: it did not exist. */
        CREATED,
        /** Create-or-replace: it differed and was replaced. */
        UPDATED,
        /** Create-or-replace: it already matched; nothing was written. */
        UNCHANGED
    }

    public ApplyResult {
        applied = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(applied));
        pruned = List.copyOf(pruned);
    }

    /** How many objects had this outcome. */
    public long count(Outcome outcome) {
        return applied.values().stream().filter(outcome::equals).count();
    }

    /** One line for the log: {@code 3 applied, 1 created, 0 updated, 8 unchanged, 1 pruned}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (Outcome o : Outcome.values()) {
            long n = count(o);
            if (n > 0) {
                sb.append(sb.isEmpty() ? "" : ", ").append(n).append(' ').append(o.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (sb.isEmpty()) {
            sb.append("nothing desired");
        }
        return sb.append(", ").append(pruned.size()).append(" pruned").toString();
    }
}
