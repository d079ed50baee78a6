package io.jcharm.pebble.layer;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/** Pebble's CombineLayers rules, shared by {@link Plan#combine} and {@link Layer#combinedWith}. */
final class Layers {
    private Layers() {
    }

    static <T> Map<String, T> combine(String label, String what, Map<String, T> base, Map<String, T> layer,
            Function<T, OverrideMode> overrideOf, BinaryOperator<T> merge) {
        TreeMap<String, T> out = new TreeMap<>(base);
        layer.forEach((name, entry) -> {
            OverrideMode mode = overrideOf.apply(entry);
            if (mode == null) {
                throw new IllegalArgumentException(String.format(
                        "layer \"%s\" must define \"override\" for %s \"%s\"", label == null ? "" : label, what, name));
            }
            T old = out.get(name);
            out.put(name, mode == OverrideMode.MERGE && old != null ? merge.apply(old, entry) : entry);
        });
        return out;
    }

    static <T> void requireEntries(Map<String, T> entries, String what) {
        if (entries == null) {
            return;
        }
        entries.forEach((name, entry) -> {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("cannot use empty string as " + what + " name");
            }
            if (entry == null) {
                throw new IllegalArgumentException(what + " object cannot be null for " + what + " \"" + name + "\"");
            }
        });
    }
}
