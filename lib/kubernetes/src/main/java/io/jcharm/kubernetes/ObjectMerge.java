package io.jcharm.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The create-or-replace mode's merge: the desired fields laid over the live object, maps merged
 * key by key, lists and scalars replaced whole. Server-set fields the charm does not state
 * (status, clusterIP, uid) survive, as they would under server-side apply.
 */
final class ObjectMerge {

    private ObjectMerge() {
    }

    /** A new map: {@code live} with {@code desired} merged in; neither argument changes. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> live, Map<String, Object> desired) {
        Map<String, Object> out = new LinkedHashMap<>(live);
        for (Map.Entry<String, Object> e : desired.entrySet()) {
            Object current = out.get(e.getKey());
            if (current instanceof Map<?, ?> cm && e.getValue() instanceof Map<?, ?> dm) {
                out.put(e.getKey(), merge((Map<String, Object>) cm, (Map<String, Object>) dm));
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
