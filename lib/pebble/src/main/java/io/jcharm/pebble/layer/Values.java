package io.jcharm.pebble.layer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Normalisation and merge helpers so that records compare by value (null and empty are the same). */
final class Values {
    private Values() {
    }

    static List<String> list(List<String> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        List<String> copy = new ArrayList<>(values.size());
        for (String value : values) {
            if (value != null) {
                copy.add(value);
            }
        }
        return List.copyOf(copy);
    }

    /** A sorted, unmodifiable copy; a YAML key without a value ({@code FOO:}) means "", as in Go. */
    static <V> Map<String, V> map(Map<String, V> values, V emptyValue) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, V> copy = new TreeMap<>();
        values.forEach((k, v) -> copy.put(k, v == null ? emptyValue : v));
        return Collections.unmodifiableMap(copy);
    }

    static String text(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    static <T> T pick(T override, T base) {
        return override != null ? override : base;
    }

    static List<String> concat(List<String> base, List<String> more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(more);
        return all;
    }

    static <V> Map<String, V> overlay(Map<String, V> base, Map<String, V> more) {
        TreeMap<String, V> all = new TreeMap<>(base);
        all.putAll(more);
        return all;
    }
}
