package io.jcharm.kubernetes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        UNCHANGED;

        /** The word the log uses: {@code created}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ApplyResult {
        applied = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(applied));
        pruned = List.copyOf(pruned);
    }

    /** How many objects had this outcome. */
    public long count(Outcome outcome) {
        return applied.values().stream().filter(outcome::equals).count();
    }

    /**
     * Whether the apply may have changed the cluster: something was created, updated or pruned,
     * or server-side applied (the server alone knows whether that changed anything).
     */
    public boolean changed() {
        return !pruned.isEmpty() || applied.values().stream().anyMatch(o -> o != Outcome.UNCHANGED);
    }

    /**
     * The objects created, updated and pruned, by name, for the log:
     * {@code created ConfigMap kubeflow/a; updated Service kubeflow/b; pruned Secret kubeflow/c};
     * empty when there were none. Server-side applied objects are not listed (every desired one is).
     */
    public String changes() {
        List<String> parts = new ArrayList<>();
        for (Outcome o : List.of(Outcome.CREATED, Outcome.UPDATED)) {
            List<ObjectRef> refs = applied.entrySet().stream().filter(e -> e.getValue() == o).map(Map.Entry::getKey).toList();
            if (!refs.isEmpty()) {
                parts.add(o.word() + " " + names(refs));
            }
        }
        if (!pruned.isEmpty()) {
            parts.add("pruned " + names(pruned));
        }
        return String.join("; ", parts);
    }

    /** Objects for the log: {@code ConfigMap kubeflow/a, Service kubeflow/b}. */
    static String names(Collection<ObjectRef> refs) {
        return String.join(", ", refs.stream().map(ObjectRef::toString).toList());
    }

    /** One line for the log: {@code 3 applied, 1 created, 0 updated, 8 unchanged, 1 pruned}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (Outcome o : Outcome.values()) {
            long n = count(o);
            if (n > 0) {
                sb.append(sb.isEmpty() ? "" : ", ").append(n).append(' ').append(o.word());
            }
        }
        if (sb.isEmpty()) {
            sb.append("nothing desired");
        }
        return sb.append(", ").append(pruned.size()).append(" pruned").toString();
    }
}
