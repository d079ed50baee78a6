package io.jcharm.bundle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ordered, unmodifiable copies that (unlike {@code Map.copyOf}) keep nulls and insertion order. */
final class Maps {
    private Maps() {
    }

    static <K, V> Map<K, V> copy(Map<K, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m == null ? Map.of() : m));
    }
}
