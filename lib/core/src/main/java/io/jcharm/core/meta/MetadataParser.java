package io.jcharm.core.meta;

import io.jcharm.yaml.GoFormat;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns metadata, config and actions YAML maps into {@link CharmMetadata}. It is lenient about
 * what Juju ignores and strict about what would make the charm misbehave; the full Juju rule set
 * is the packer's job. Every error names the file and the key path.
 */
final class MetadataParser {
    private static final Pattern STORAGE_RANGE = Pattern.compile("(\\d+)(?:([-+])(\\d+)?)?");

    private MetadataParser() {
    }

    static CharmMetadata parse(String metaFile, Map<String, Object> meta, String configFile,
                               Map<String, Object> config, String actionsFile, Map<String, Object> actions) {
        String name = string(meta, "name", metaFile, true);
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            map(metaFile, role.key(), meta.get(role.key())).forEach((ep, spec) -> {
                if (endpoints.containsKey(ep)) {
                    throw new MetadataException("charm \"" + name + "\" using a duplicated relation name: \"" + ep + "\"");
                }
                endpoints.put(ep, endpoint(metaFile, role, ep, spec));
            });
        }
        Map<String, ResourceMeta> resources = new LinkedHashMap<>();
        map(metaFile, "resources", meta.get("resources")).forEach((r, spec) -> {
            String at = "resources." + r;
            Map<String, Object> m = map(metaFile, at, spec);
            resources.put(r, new ResourceMeta(r, optString(metaFile, at + ".type", m.get("type")).orElse("file"),
                    optString(metaFile, at + ".filename", m.get("filename")),
                    optString(metaFile, at + ".description", m.get("description")).orElse(""),
                    optString(metaFile, at + ".upstream-source", m.get("upstream-source"))));
        });
        Map<String, ContainerMeta> containers = new LinkedHashMap<>();
        map(metaFile, "containers", meta.get("containers")).forEach((c, spec) -> {
            String at = "containers." + c;
            Map<String, Object> m = map(metaFile, at, spec);
            List<ContainerMeta.Mount> mounts = new ArrayList<>();
            for (Object o : list(metaFile, at + ".mounts", m.get("mounts"))) {
                Map<String, Object> mm = map(metaFile, at + ".mounts[]", o);
                mounts.add(new ContainerMeta.Mount(optString(metaFile, at + ".mounts[].storage", mm.get("storage"))
                        .orElse(""), optString(metaFile, at + ".mounts[].location", mm.get("location")).orElse("")));
            }
            containers.put(c, new ContainerMeta(c, optString(metaFile, at + ".resource", m.get("resource")), mounts));
        });
        Map<String, StorageMeta> storage = new LinkedHashMap<>();
        map(metaFile, "storage", meta.get("storage")).forEach((s, spec) -> storage.put(s, storage(metaFile, s, spec)));
        List<String> extraBindings = new ArrayList<>(map(metaFile, "extra-bindings", meta.get("extra-bindings")).keySet());
        List<Object> assumes = new ArrayList<>(list(metaFile, "assumes", meta.get("assumes")));
        String displayName = optString(metaFile, "display-name", meta.get("display-name"))
                .or(() -> optString(metaFile, "title", meta.get("title"))).orElse(null);
        return new CharmMetadata(name, displayName,
                string(meta, "summary", metaFile, false), string(meta, "description", metaFile, false),
                Boolean.TRUE.equals(meta.get("subordinate")), endpoints, containers, resources, storage,
                extraBindings, assumes, optString(metaFile, "charm-user", meta.get("charm-user")),
                options(configFile, config), actions(actionsFile, actions));
    }

    private static Endpoint endpoint(String file, Role role, String name, Object spec) {
        if (spec instanceof String iface) {
            return new Endpoint(name, role, iface, 0, false, "global");
        }
        if (!(spec instanceof Map)) {
            throw new MetadataException(file + ": " + role.key() + "." + name
                    + ": expected an interface name or a map with \"interface\"");
        }
        Map<String, Object> m = stringKeys(spec);
        if (!(m.get("interface") instanceof String iface)) {
            throw new MetadataException(file + ": " + role.key() + "." + name + ".interface: expected string, got "
                    + (m.get("interface") == null ? "nothing" : goRepr(m.get("interface"))));
        }
        int limit = m.get("limit") instanceof Number n ? n.intValue() : 0;
        return new Endpoint(name, role, iface, limit, Boolean.TRUE.equals(m.get("optional")),
                optString(file, role.key() + "." + name + ".scope", m.get("scope")).orElse("global"));
    }

    private static StorageMeta storage(String file, String name, Object spec) {
        String at = "storage." + name;
        Map<String, Object> m = map(file, at, spec);
        String type = optString(file, at + ".type", m.get("type")).orElse("");
        if (!type.equals("filesystem") && !type.equals("block")) {
            throw new MetadataException(file + ": " + at + ".type: expected filesystem or block, got "
                    + (type.isEmpty() ? "nothing" : goRepr(type)));
        }
        int min = 1;
        int max = 1;
        Object range = map(file, at + ".multiple", m.get("multiple")).get("range");
        if (range != null) {
            Matcher r = STORAGE_RANGE.matcher(String.valueOf(range).trim());
            if (!r.matches()) {
                throw new MetadataException(file + ": " + at + ".multiple.range: expected N, N-M or N+, got "
                        + goRepr(range));
            }
            min = Integer.parseInt(r.group(1));
            max = r.group(2) == null ? min : r.group(3) == null ? -1 : Integer.parseInt(r.group(3));
            if (max != -1 && max < min) {
                throw new MetadataException(file + ": " + at + ".multiple.range: " + range + " ends before it starts");
            }
        }
        return new StorageMeta(name, type, optString(file, at + ".location", m.get("location")), min, max);
    }

    private static Map<String, ConfigOption> options(String file, Map<String, Object> config) {
        if (!config.isEmpty() && !config.containsKey("options")) {
            // Juju refuses a config without an options key (an explicit empty "options:" is fine).
            throw new MetadataException(file + ": invalid config: empty configuration");
        }
        Map<String, ConfigOption> out = new LinkedHashMap<>();
        map(file, "options", config.get("options")).forEach((opt, spec) -> {
            Map<String, Object> m = map(file, "options." + opt, spec);
            Object rawType = m.get("type");
            OptionType type = (rawType == null || rawType instanceof String ? OptionType.parse((String) rawType)
                    : Optional.<OptionType>empty()).orElseThrow(() -> new MetadataException(
                    file + ": invalid config: option \"" + opt + "\" has unknown type \"" + rawType + "\""));
            Object def = m.get("default");
            Optional<Object> coerced = def == null ? Optional.empty() : Optional.of(coerceDefault(file, opt, type, def));
            out.put(opt, new ConfigOption(opt, type, coerced, String.valueOf(m.getOrDefault("description", ""))));
        });
        return out;
    }

    /** Coerces a default as Juju's option checkers do (juju/charm config.go, juju/schema). */
    private static Object coerceDefault(String file, String opt, OptionType type, Object def) {
        Object v = switch (type) {
            case STRING -> def instanceof String ? def : null;
            case SECRET -> def instanceof String s && (s.isEmpty() || s.startsWith("secret:")) ? def : null;
            case INT -> integer(def);
            case FLOAT -> def instanceof Number n ? (Object) n.doubleValue() : null;
            case BOOLEAN -> def instanceof Boolean ? def : def instanceof String s ? parseBool(s) : null;
        };
        if (v == null) {
            throw new MetadataException(file + ": invalid config default: option \"" + opt + "\" expected "
                    + type.yamlName() + ", got " + goRepr(def));
        }
        return v;
    }

    /** Any integer, or a string Go's strconv.ParseInt(s, 0, 64) accepts; never a fraction. */
    private static Long integer(Object def) {
        if (def instanceof Integer || def instanceof Long || def instanceof Short || def instanceof Byte) {
            return ((Number) def).longValue();
        }
        if (def instanceof BigInteger b) {
            return b.bitLength() <= 63 ? b.longValue() : null;
        }
        if (def instanceof String s && !s.isBlank()) {
            try {
                return Long.decode(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Go's strconv.ParseBool, which Juju uses for boolean strings. */
    private static Boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
            case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** A value as Juju's messages print it: strings quoted as Go's %q, floats as Go's %v (3.0 as 3). */
    static String goRepr(Object v) {
        if (v instanceof String s) {
            return GoFormat.quote(s);
        }
        if (v instanceof Double || v instanceof Float) {
            return GoFormat.formatFloat(((Number) v).doubleValue());
        }
        return String.valueOf(v);
    }

    private static Map<String, ActionSpec> actions(String file, Map<String, Object> actions) {
        Map<String, ActionSpec> out = new LinkedHashMap<>();
        actions.forEach((name, spec) -> {
            Map<String, Object> m = map(file, name, spec);
            Map<String, Map<String, Object>> params = new LinkedHashMap<>();
            map(file, name + ".params", m.get("params")).forEach((p, schema) ->
                    params.put(p, map(file, name + ".params." + p, schema)));
            List<String> required = new ArrayList<>();
            for (Object r : list(file, name + ".required", m.get("required"))) {
                if (!(r instanceof String s)) {
                    throw new MetadataException(file + ": " + name + ".required: expected parameter names, got "
                            + goRepr(r));
                }
                required.add(s);
            }
            boolean additional = !Boolean.FALSE.equals(m.get("additionalProperties"));
            out.put(name, new ActionSpec(name, String.valueOf(m.getOrDefault("description", "No description")),
                    params, List.copyOf(required), additional));
        });
        return out;
    }

    private static String string(Map<String, Object> m, String key, String file, boolean required) {
        Object v = m.get(key);
        if (v == null) {
            if (required) {
                throw new MetadataException(file + ": " + key + ": expected string, got nothing");
            }
            return "";
        }
        return String.valueOf(v);
    }

    private static Optional<String> optString(String file, String path, Object v) {
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s);
        }
        throw new MetadataException(file + ": " + path + ": expected string, got " + goRepr(v));
    }

    private static Map<String, Object> map(String file, String path, Object v) {
        if (v != null && !(v instanceof Map)) {
            throw new MetadataException(file + ": " + path + ": expected a map, got " + goRepr(v));
        }
        return stringKeys(v);
    }

    private static List<?> list(String file, String path, Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l;
        }
        throw new MetadataException(file + ": " + path + ": expected a list, got " + goRepr(v));
    }

    /** A YAML or JSON mapping with its keys as strings (YAML keys may be numbers); anything else as an empty map. */
    static Map<String, Object> stringKeys(Object o) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) { // a loop, not forEach: no lambda to spin or archive
                out.put(String.valueOf(e.getKey()), e.getValue());
            }
        }
        return out;
    }
}
