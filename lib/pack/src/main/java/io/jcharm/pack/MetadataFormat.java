package io.jcharm.pack;

import io.jcharm.yaml.GoFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Juju's metadata format selection and the per-format rules (juju/charm v12
 * {@code ensureUnambiguousFormat}, {@code MetaFormatReasons}, {@code checkV1}/{@code checkV2}),
 * for a charm that ships a manifest.yaml with bases, as every packed charm does: metadata with a
 * non-empty {@code series} is format v1 and is accepted; without it the charm is format v2,
 * where {@code min-juju-version} and {@code deployment} are refused.
 *
 * <pre>{@code
 * MetadataFormat.check(meta, "etcd", problems);  // series: [noble, jammy] -> v1, no problem
 * }</pre>
 */
final class MetadataFormat {
    private static final List<String> V1_KEYS = List.of("deployment", "min-juju-version", "series");
    private static final List<String> V2_KEYS = List.of("assumes", "charm-user", "containers");
    /** juju/charm url.go validSeries. */
    private static final Pattern SERIES = Pattern.compile("^[a-z]+([a-z0-9]+)?$");
    /** juju/version's number syntax: major.minor.patch[.build] or major.minor-tagpatch[.build]. */
    private static final Pattern VERSION = Pattern.compile("^\\d{1,9}\\.\\d{1,9}(\\.|-[a-z]+)\\d{1,9}(\\.\\d{1,9})?$");

    private MetadataFormat() {
    }

    /** Reports every format problem of {@code meta} (metadata.yaml's content) into {@code p}. */
    static void check(Map<String, Object> meta, String name, Problems p) {
        if (ambiguous(meta, p)) {
            return; // Juju stops reading the metadata here
        }
        for (String key : List.of("series", "tags", "categories")) {
            stringList(meta, key, p);
        }
        Object minJuju = meta.get("min-juju-version");
        if (minJuju != null && !(minJuju instanceof String)) {
            p.add("min-juju-version", "metadata: " + Schema.expected("min-juju-version", "string", minJuju));
        } else if (minJuju instanceof String v && !VERSION.matcher(v).matches()) {
            p.add("min-juju-version", "invalid min-juju-version: invalid version " + GoFormat.quote(v));
        }
        List<String> series = meta.get("series") instanceof List<?> l
                ? l.stream().filter(String.class::isInstance).map(String.class::cast).toList() : List.of();
        if (meta.get("deployment") != null) {
            // Parsed before the format is chosen, so this is what Juju says even for v2.
            if (!(meta.get("deployment") instanceof Map)) {
                p.add("deployment", "metadata: " + Schema.expected("deployment", "map", meta.get("deployment")));
            } else if (series.isEmpty()) {
                p.add("deployment", "charm with deployment metadata must declare at least one series");
            } else if (!series.get(0).equals("kubernetes")) {
                p.add("deployment", "charms with deployment metadata only supported for \"kubernetes\"");
            }
        }
        if (series.isEmpty()) {
            // Format v2: manifest.yaml has bases and metadata has no series.
            if (minJuju instanceof String v && VERSION.matcher(v).matches()) {
                p.add("min-juju-version", "min-juju-version in metadata v2 not valid");
            }
            return;
        }
        // Format v1. Its own refusals (assumes, containers) cannot arise here: with series beside
        // them the metadata is ambiguous, reported above.
        for (int i = 0; i < series.size(); i++) {
            if (!SERIES.matcher(series.get(i)).matches()) {
                p.add("series[" + i + "]", "charm \"" + name + "\" declares invalid series: " + GoFormat.quote(series.get(i)));
            }
        }
    }

    /** ensureUnambiguousFormat: keys sorted, the first one's format wins, the others are named. */
    private static boolean ambiguous(Map<String, Object> meta, Problems p) {
        List<String> matched = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        List<String> format = null;
        for (String key : new TreeSet<>(meta.keySet())) {
            List<String> detected = V1_KEYS.contains(key) ? V1_KEYS : V2_KEYS.contains(key) ? V2_KEYS : null;
            if (detected == null) {
                continue;
            }
            format = format == null ? detected : format;
            (format == detected ? matched : mismatched).add(key);
        }
        if (mismatched.isEmpty()) {
            return false;
        }
        p.add(mismatched.get(0), "ambiguous metadata: keys \"" + String.join("\", \"", mismatched) + "\" cannot be used with \""
                + String.join("\", \"", matched) + "\"");
        return true;
    }

    /** juju/schema List(String()): a list whose every item is a string. */
    private static void stringList(Map<String, Object> meta, String key, Problems p) {
        Object v = meta.get(key);
        if (v == null) {
            return;
        }
        if (!(v instanceof List<?> list)) {
            p.add(key, "metadata: " + Schema.expected(key, "list", v));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String)) {
                p.add(key + "[" + i + "]", "metadata: " + Schema.expected(key + "[" + i + "]", "string", list.get(i)));
            }
        }
    }
}
