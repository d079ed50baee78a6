package io.jcharm.pack;

import io.jcharm.yaml.GoFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Juju's parse-time checks of one {@code containers} entry: the image resource, storage mounts
 * and uid/gid, with Juju's texts (including its "specifed" spelling).
 *
 * <pre>{@code
 * new ContainerRules(p, "containers.app", "app", spec, resources, storage).check();
 * // parsing containers: referenced resource "app-image" not found
 * }</pre>
 */
final class ContainerRules {
    private static final String PREFIX = "parsing containers: ";

    private final Problems p;
    private final String path;
    private final String name;
    private final Map<String, Object> spec;
    private final Map<String, String> resources;
    private final Map<String, String> storage;

    ContainerRules(Problems p, String path, String name, Map<String, Object> spec, Map<String, String> resources,
                   Map<String, String> storage) {
        this.p = p;
        this.path = path;
        this.name = name;
        this.spec = spec;
        this.resources = resources;
        this.storage = storage;
    }

    void check() {
        if (spec.containsKey("resource")) {
            Object r = spec.get("resource");
            if (!(r instanceof String res)) {
                p.add(path + ".resource", "metadata: " + Schema.expected(path + ".resource", "string", r));
            } else if (!res.isEmpty() && !resources.containsKey(res)) {
                p.add(path + ".resource", PREFIX + "referenced resource " + GoFormat.quote(res) + " not found");
            } else if (!res.isEmpty() && !resources.get(res).equals("oci-image")) {
                p.add(path + ".resource", PREFIX + "referenced resource " + GoFormat.quote(res) + " is not a oci-image");
            }
        }
        if (spec.containsKey("mounts")) {
            mounts(spec.get("mounts"));
        }
        for (String id : List.of("uid", "gid")) {
            if (!spec.containsKey(id)) {
                continue;
            }
            Optional<Long> n = Schema.integer(spec.get(id));
            if (n.isEmpty()) {
                p.add(path + "." + id, "metadata: " + Schema.expected(path + "." + id, "int", spec.get(id)));
            } else if (n.get() >= 1000 && n.get() < 10000) {
                p.add(path + "." + id, PREFIX + "container " + GoFormat.quote(name) + " has invalid " + id + " " + n.get()
                        + ": " + id + " cannot be in reserved range 1000-9999");
            }
        }
    }

    private void mounts(Object v) {
        String at = path + ".mounts";
        if (!(v instanceof List<?> list)) {
            p.add(at, "metadata: " + Schema.expected(at, "list", v));
            return;
        }
        String container = PREFIX + "container " + GoFormat.quote(name) + ": ";
        for (int i = 0; i < list.size(); i++) {
            String m = at + "[" + i + "]";
            Optional<Map<String, Object>> mount = p.stringMap(list.get(i), m, "metadata: ");
            if (mount.isEmpty()) {
                continue;
            }
            Object st = mount.get().get("storage");
            Object loc = mount.get().get("location");
            for (String key : List.of("storage", "location")) {
                Object x = mount.get().get(key);
                if (x != null && !(x instanceof String)) {
                    p.add(m + "." + key, "metadata: " + Schema.expected(m + "." + key, "string", x));
                }
            }
            if (!(st instanceof String s) || s.isEmpty()) {
                p.add(m, container + "storage must be specifed on mount");
            } else if (!(loc instanceof String l) || l.isEmpty()) {
                p.add(m, container + "location must be specifed on mount");
            } else if (!storage.containsKey(s)) {
                p.add(m + ".storage", container + "storage " + GoFormat.quote(s) + " not valid");
            }
        }
    }
}
