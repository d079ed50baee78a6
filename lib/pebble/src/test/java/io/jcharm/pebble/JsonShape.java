package io.jcharm.pebble;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Compares a captured JSON value with the emulator's: same keys and values, except that
 * volatile keys (ids, times, counters) only need the same presence-independent JSON type, and
 * arrays match as multisets (Pebble lists some things in map order).
 */
final class JsonShape {
    private final Set<String> volatileKeys;

    JsonShape(Set<String> volatileKeys) {
        this.volatileKeys = volatileKeys;
    }

    /** Differences, empty when the shapes match. */
    List<String> diff(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare("$", expected, actual, out);
        return out;
    }

    private void compare(String at, JsonNode expected, JsonNode actual, List<String> out) {
        if (actual == null || actual.isMissingNode()) {
            out.add(at + ": missing, expected " + expected);
            return;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                out.add(at + ": expected an object, got " + actual);
                return;
            }
            for (Map.Entry<String, JsonNode> e : expected.properties()) {
                if (!volatileKeys.contains(e.getKey())) {
                    compare(at + "." + e.getKey(), e.getValue(), actual.get(e.getKey()), out);
                }
            }
            for (Iterator<String> names = actual.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                if (!expected.has(name) && !volatileKeys.contains(name)) {
                    out.add(at + "." + name + ": unexpected key with value " + actual.get(name));
                }
            }
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                out.add(at + ": expected " + expected.size() + " elements, got " + actual);
                return;
            }
            List<JsonNode> unmatched = new ArrayList<>();
            actual.forEach(unmatched::add);
            for (JsonNode want : expected) {
                JsonNode match = unmatched.stream().filter(got -> diff(want, got).isEmpty()).findFirst().orElse(null);
                if (match == null) {
                    out.add(at + ": no element matches " + want + " among " + unmatched);
                    return;
                }
                unmatched.remove(match);
            }
        } else if (!expected.equals(actual)) {
            out.add(at + ": expected " + expected + ", got " + actual);
        }
    }
}
