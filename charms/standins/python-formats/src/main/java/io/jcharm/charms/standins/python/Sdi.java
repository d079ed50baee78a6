package io.jcharm.charms.standins.python;

import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import io.jcharm.core.meta.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * serialized-data-interface's {@code get_interface(charm, endpoint)} as the Charmhub charms call
 * it and catch it (canonical/serialized-data-interface sdi.py and errors.py): the leader lists its
 * versions on every relation of the endpoint, then each relation's remote versions and remote
 * {@code data} are read. The two errors the charms catch become their statuses: no versions
 * listed yet is Waiting "List of &lt;ops.model.Relation ingress:4&gt; versions not found for
 * apps: istio-pilot", no common version is Blocked "No compatible ingress versions found for apps:
 * istio-pilot". The others (versions or data that are not YAML, data the local metadata has no
 * schema for or that fails the schema) are not caught by the charms, so the hook fails with the
 * library's message and Juju retries it.
 *
 * <pre>{@code
 * Map<Integer, Object> data = Sdi.getInterface(model, "oidc-client", List.of("v1"), Optional.of(OIDC_CLIENT));
 * }</pre>
 */
public final class Sdi {
    /** The key both sides list their versions under. */
    public static final String VERSIONS = "_supported_versions";

    private Sdi() {
    }

    /**
     * The part of a JSON schema the stand-ins' interfaces use for the remote application's data:
     * each property's type ({@code string}, {@code integer}, {@code array} of strings) and the
     * required properties.
     */
    public record Schema(Map<String, String> types, List<String> required) {
        public Schema {
            types = Map.copyOf(types);
            required = List.copyOf(required);
        }
    }

    /**
     * The remote application's data (what {@code yaml.safe_load} gives of its {@code data}, null
     * when it sent none) per relation id, after the handshake; empty when the endpoint has no
     * relation (where the library returns None). {@code remoteSchema} empty: the local metadata has
     * no schema for the other side's role, so any data from it fails the hook.
     *
     * @throws StatusException Waiting or Blocked, as the charms catch NoVersionsListed and NoCompatibleVersions
     * @throws IllegalStateException the library's uncaught errors: the hook fails
     */
    public static Map<Integer, Object> getInterface(Model model, String endpoint, List<String> versions,
            Optional<Schema> remoteSchema) throws StatusException {
        List<Relation> relations = model.relations(endpoint).stream().filter(r -> r.remoteAppName().isPresent()).toList();
        if (model.isLeader()) {
            relations.forEach(r -> r.localApp().put(VERSIONS, PyYaml.dumpList(versions)));
        }
        Map<Integer, Object> data = new LinkedHashMap<>();
        for (Relation r : relations) {
            String app = r.remoteAppName().orElseThrow();
            negotiate(r, app, versions);
            String raw = r.remoteApp().get("data").orElse("{}");
            Object remote;
            try {
                remote = PyYaml.load(raw);
            } catch (IllegalArgumentException e) {
                throw error("RelationParseError", "Failed to deserialize data on " + r.endpoint() + ":" + r.id() + " from "
                        + app + " at 'data'");
            }
            if (PyYaml.truthy(remote)) {
                if (remoteSchema.isEmpty()) {
                    // The remote role's schema section: "provides" when we require, and the other way round.
                    boolean weRequire = model.metadata().endpoint(endpoint).map(e -> e.role() == Role.REQUIRER).orElse(false);
                    throw error("MissingSchemaError", "No " + (weRequire ? "provides" : "requires")
                            + " schema found for data on " + r.endpoint() + ":" + r.id() + " from " + app);
                }
                if (!valid(remote, remoteSchema.get())) {
                    throw error("RelationDataError", "Failed to validate data on " + r.endpoint() + ":" + r.id() + " from " + app);
                }
            }
            data.put(r.id(), remote);
        }
        return data;
    }

    /** get_version: the remote list, parsed as the library parses it, must share a version with ours. */
    private static void negotiate(Relation r, String app, List<String> versions) throws StatusException {
        String raw = r.remoteApp().get(VERSIONS).orElse("");
        if (raw.isEmpty()) {
            throw StatusException.waiting("List of <ops.model.Relation " + r.endpoint() + ":" + r.id()
                    + "> versions not found for apps: " + app);
        }
        Object listed;
        try {
            listed = PyYaml.load(raw);
        } catch (IllegalArgumentException e) {
            listed = e;
        }
        // set(yaml.safe_load(raw)): a list's items, a map's keys, a string's characters; anything else is a TypeError.
        List<Object> items = new ArrayList<>();
        if (listed instanceof List<?> l) {
            items.addAll(l);
        } else if (listed instanceof Map<?, ?> m) {
            items.addAll(m.keySet());
        } else if (listed instanceof String s) {
            s.codePoints().forEach(c -> items.add(new String(Character.toChars(c))));
        } else {
            throw error("RelationParseError", "Failed to deserialize data on " + r.endpoint() + ":" + r.id() + " from "
                    + app + " at '" + VERSIONS + "'");
        }
        Set<Integer> theirs = new LinkedHashSet<>();
        for (Object v : items) {
            theirs.add(parse(v));
        }
        boolean common = versions.stream().map(Sdi::parse).anyMatch(theirs::contains);
        if (!common) {
            throw StatusException.blocked("No compatible " + r.endpoint() + " versions found for apps: " + app);
        }
    }

    /** _parse_versions: an integer, or "v" and an integer. */
    private static int parse(Object version) {
        if (version instanceof Integer || version instanceof Long) {
            return ((Number) version).intValue();
        }
        if (version instanceof String s && s.startsWith("v")) {
            try {
                return Integer.parseInt(s.substring(1).strip());
            } catch (NumberFormatException e) {
                // falls through to the library's error
            }
        }
        throw error("InvalidSchemaVersionError", version + " is not an int or 'vX' string");
    }

    private static boolean valid(Object data, Schema schema) {
        if (!(data instanceof Map<?, ?> map)) {
            return false;
        }
        if (!map.keySet().containsAll(schema.required())) {
            return false;
        }
        for (Map.Entry<String, String> p : schema.types().entrySet()) {
            Object v = map.get(p.getKey());
            boolean ok = !map.containsKey(p.getKey()) || switch (p.getValue()) {
                case "string" -> v instanceof String;
                case "integer" -> v instanceof Integer || v instanceof Long;
                case "array" -> v instanceof List<?> l && l.stream().allMatch(i -> i instanceof String);
                default -> throw new IllegalArgumentException("schema type " + p.getValue() + " is not one Sdi checks");
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The library's exception as the traceback's last line names it. */
    private static IllegalStateException error(String name, String message) {
        return new IllegalStateException("serialized_data_interface.errors." + name + ": " + message);
    }
}
