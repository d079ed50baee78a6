package io.jcharm.pack;

import io.jcharm.yaml.GoFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Juju's rules for the {@code storage} and {@code devices} sections of metadata.yaml, with
 * Juju's error texts.
 *
 * <pre>{@code
 * Map<String, String> types = new StorageRules(meta, problems, "hello").check();  // name -> block|filesystem
 * }</pre>
 */
final class StorageRules {
    private static final Pattern COUNT = Pattern.compile("^([0-9]+)([-+]|-[0-9]+)$");
    private static final String SUFFIXES = "MGTPEZY";

    private final Map<String, Object> meta;
    private final Problems p;
    private final String name;

    StorageRules(Map<String, Object> meta, Problems problems, String charmName) {
        this.meta = meta;
        this.p = problems;
        this.name = charmName;
    }

    /** Checks storage and devices; returns the storage types of the well-formed stores. */
    Map<String, String> check() {
        Map<String, String> types = new LinkedHashMap<>();
        if (meta.containsKey("storage")) {
            p.stringMap(meta.get("storage"), "storage", "metadata: ")
                    .ifPresent(all -> all.forEach((s, spec) -> store(s, spec).ifPresent(t -> types.put(s, t))));
        }
        if (meta.containsKey("devices")) {
            p.stringMap(meta.get("devices"), "devices", "metadata: ").ifPresent(all -> all.forEach(this::device));
        }
        return types;
    }

    private Optional<String> store(String s, Object spec) {
        String path = "storage." + s;
        Optional<Map<String, Object>> m = p.stringMap(spec, path, "metadata: ");
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> st = m.get();
        String prefix = "charm \"" + name + "\" storage \"" + s + "\": ";
        Object type = st.get("type");
        boolean typeOk = "block".equals(type) || "filesystem".equals(type);
        if (!typeOk) {
            p.add(path + ".type", "metadata: " + Schema.unexpected(path + ".type", type));
        }
        for (String key : List.of("shared", "read-only")) {
            if (st.containsKey(key) && Schema.bool(st.get(key)).isEmpty()) {
                p.add(path + "." + key, "metadata: " + Schema.expected(path + "." + key, "bool", st.get(key)));
            }
        }
        for (String key : List.of("location", "description")) {
            if (st.containsKey(key) && !(st.get(key) instanceof String)) {
                p.add(path + "." + key, "metadata: " + Schema.expected(path + "." + key, "string", st.get(key)));
            }
        }
        if (st.containsKey("multiple")) {
            multiple(path + ".multiple", st.get("multiple"), prefix);
        }
        if (st.containsKey("minimum-size")) {
            minimumSize(path + ".minimum-size", st.get("minimum-size"));
        }
        if (st.containsKey("properties")) {
            Object props = st.get("properties");
            if (!(props instanceof List<?> l)) {
                p.add(path + ".properties", "metadata: " + Schema.expected(path + ".properties", "list", props));
            } else {
                for (int i = 0; i < l.size(); i++) {
                    if (!"transient".equals(l.get(i))) {
                        String at = path + ".properties[" + i + "]";
                        p.add(at, "metadata: " + Schema.unexpected(at, l.get(i)));
                    }
                }
            }
        }
        if (typeOk && st.get("location") instanceof String loc && !loc.isEmpty() && !"filesystem".equals(type)) {
            p.add(path + ".location", prefix + "location may not be specified for \"type: " + type + "\"");
        }
        return typeOk ? Optional.of((String) type) : Optional.empty();
    }

    private void multiple(String path, Object v, String prefix) {
        Optional<Map<String, Object>> m = p.stringMap(v, path, "metadata: ");
        if (m.isEmpty()) {
            return;
        }
        Object range = m.get().get("range");
        String at = path + ".range";
        Optional<Long> n = range instanceof Long l ? Optional.of(l) : Optional.empty();
        if (n.isPresent()) {
            if (n.get() <= 0) {
                p.add(at, "metadata: " + at + ": invalid count " + n.get());
            }
            return;
        }
        if (!(range instanceof String s)) {
            p.add(at, "metadata: " + Schema.unexpected(at, range));
            return;
        }
        Matcher c = COUNT.matcher(s);
        if (!c.matches()) {
            p.add(at, "metadata: " + at + ": value " + GoFormat.quote(s) + " does not match 'm', 'm-n', or 'm+'");
        } else if (c.group(2).length() > 1 && Long.parseLong(c.group(2).substring(1)) == 0) {
            p.add(at, prefix + "invalid maximum count 0");
        }
    }

    /** utils.ParseSize: a non-negative number with an optional M/G/T/P/E/Z/Y (B, iB) suffix. */
    private void minimumSize(String path, Object v) {
        if (!(v instanceof String s)) {
            p.add(path, "metadata: " + Schema.expected(path, "string", v));
            return;
        }
        int i = 0;
        while (i < s.length() && (s.charAt(i) == '.' || Character.isDigit(s.charAt(i)))) {
            i++;
        }
        String number = s;
        if (i > 0 && i < s.length()) {
            String suffix = s.substring(i);
            boolean known = SUFFIXES.chars().anyMatch(c -> suffix.equals(String.valueOf((char) c))
                    || suffix.equals((char) c + "B") || suffix.equals((char) c + "iB"));
            if (!known) {
                p.add(path, "metadata: invalid multiplier suffix " + GoFormat.quote(suffix) + ", expected one of " + SUFFIXES);
                return;
            }
            number = s.substring(0, i);
        }
        try {
            if (Double.parseDouble(number) >= 0 && !number.isBlank() && !number.matches(".*[a-zA-Z].*")) {
                return;
            }
        } catch (NumberFormatException e) {
            // reported below, with Juju's text
        }
        p.add(path, "metadata: expected a non-negative number, got " + GoFormat.quote(number));
    }

    private void device(String d, Object spec) {
        String path = "devices." + d;
        Optional<Map<String, Object>> m = p.stringMap(spec, path, "metadata: ");
        if (m.isEmpty()) {
            return;
        }
        Map<String, Object> dev = m.get();
        if (!(dev.get("type") instanceof String)) {
            p.add(path + ".type", "metadata: " + Schema.expected(path + ".type", "string", dev.get("type")));
        }
        if (dev.containsKey("description") && !(dev.get("description") instanceof String)) {
            p.add(path + ".description", "metadata: " + Schema.expected(path + ".description", "string", dev.get("description")));
        }
        long min = count(path + ".countmin", dev);
        long max = count(path + ".countmax", dev);
        if (min >= 0 && max >= 0 && min > max) {
            p.add(path, "charm \"" + name + "\" device \"" + d + "\": maximum count " + max
                    + " can not be smaller than minimum count " + min);
        }
    }

    /** The count (default 1), or -1 after reporting a bad one. */
    private long count(String path, Map<String, Object> dev) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        if (!dev.containsKey(key)) {
            return 1;
        }
        Optional<Long> n = Schema.integer(dev.get(key));
        if (n.isEmpty()) {
            p.add(path, "metadata: " + Schema.expected(path, "int", dev.get(key)));
            return -1;
        }
        if (n.get() < 0) {
            p.add(path, "metadata: invalid device count " + n.get());
            return -1;
        }
        return n.get();
    }
}
