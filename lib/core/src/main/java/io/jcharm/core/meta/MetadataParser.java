package io.jcharm.core.meta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns metadata, config and actions YAML maps into {@link CharmMetadata}. It is lenient about
 * what Juju ignores and strict about what would make the charm misbehave; the full Juju rule set
 * is the packer's job.
 */
final class MetadataParser {
    private MetadataParser() {
    }

    static CharmMetadata parse(String metaFile, Map<String, Object> meta, String configFile,
                               Map<String, Object> config, String actionsFile, Map<String, Object> actions) {
        String name = string(meta, "name", metaFile, true);
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            YamlDocs.map(meta.get(role.key())).forEach((ep, spec) -> {
                if (endpoints.containsKey(ep)) {
                    throw new MetadataException("charm \"" + name + "\" using a duplicated relation name: \"" + ep + "\"");
                }
                endpoints.put(ep, endpoint(metaFile, role, ep, spec));
            });
        }
        Map<String, ResourceMeta> resources = new LinkedHashMap<>();
        YamlDocs.map(meta.get("resources")).forEach((r, spec) -> {
            Map<String, Object> m = YamlDocs.map(spec);
            resources.put(r, new ResourceMeta(r, String.valueOf(m.getOrDefault("type", "file")),
                    Optional.ofNullable((String) m.get("filename")), String.valueOf(m.getOrDefault("description", "")),
                    Optional.ofNullable((String) m.get("upstream-source"))));
        });
        Map<String, ContainerMeta> containers = new LinkedHashMap<>();
        YamlDocs.map(meta.get("containers")).forEach((c, spec) -> {
            Map<String, Object> m = YamlDocs.map(spec);
            List<ContainerMeta.Mount> mounts = new ArrayList<>();
            if (m.get("mounts") instanceof List<?> l) {
                for (Object o : l) {
                    Map<String, Object> mm = YamlDocs.map(o);
                    mounts.add(new ContainerMeta.Mount(String.valueOf(mm.get("storage")), String.valueOf(mm.get("location"))));
                }
            }
            containers.put(c, new ContainerMeta(c, Optional.ofNullable((String) m.get("resource")), mounts));
        });
        Map<String, StorageMeta> storage = new LinkedHashMap<>();
        YamlDocs.map(meta.get("storage")).forEach((s, spec) -> {
            Map<String, Object> m = YamlDocs.map(spec);
            storage.put(s, new StorageMeta(s, String.valueOf(m.get("type")), Optional.ofNullable((String) m.get("location")), 1, 1));
        });
        List<String> extraBindings = new ArrayList<>(YamlDocs.map(meta.get("extra-bindings")).keySet());
        List<Object> assumes = meta.get("assumes") instanceof List<?> l ? new ArrayList<>(l) : List.of();
        return new CharmMetadata(name, (String) meta.getOrDefault("display-name", meta.get("title")),
                string(meta, "summary", metaFile, false), string(meta, "description", metaFile, false),
                Boolean.TRUE.equals(meta.get("subordinate")), endpoints, containers, resources, storage,
                extraBindings, assumes, Optional.ofNullable((String) meta.get("charm-user")),
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
        Map<String, Object> m = YamlDocs.map(spec);
        if (!(m.get("interface") instanceof String iface)) {
            throw new MetadataException(file + ": " + role.key() + "." + name + ".interface: expected string, got nothing");
        }
        int limit = m.get("limit") instanceof Number n ? n.intValue() : 0;
        return new Endpoint(name, role, iface, limit, Boolean.TRUE.equals(m.get("optional")),
                String.valueOf(m.getOrDefault("scope", "global")));
    }

    private static Map<String, ConfigOption> options(String file, Map<String, Object> config) {
        Map<String, ConfigOption> out = new LinkedHashMap<>();
        YamlDocs.map(config.get("options")).forEach((opt, spec) -> {
            Map<String, Object> m = YamlDocs.map(spec);
            OptionType type = OptionType.parse((String) m.get("type")).orElseThrow(() -> new MetadataException(
                    file + ": invalid config: option \"" + opt + "\" has unknown type \"" + m.get("type") + "\""));
            Object def = m.get("default");
            Optional<Object> coerced = def == null ? Optional.empty() : Optional.of(coerceDefault(file, opt, type, def));
            out.put(opt, new ConfigOption(opt, type, coerced, String.valueOf(m.getOrDefault("description", ""))));
        });
        return out;
    }

    private static Object coerceDefault(String file, String opt, OptionType type, Object def) {
        Object v = switch (type) {
            case STRING, SECRET -> def instanceof String ? def : null;
            case INT -> def instanceof Integer || def instanceof Long ? ((Number) def).longValue() : null;
            case FLOAT -> def instanceof Number n ? n.doubleValue() : null;
            case BOOLEAN -> def instanceof Boolean ? def : null;
        };
        if (v == null) {
            throw new MetadataException(file + ": invalid config default: option \"" + opt + "\" expected "
                    + type.yamlName() + ", got " + (def instanceof String ? "\"" + def + "\"" : def));
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ActionSpec> actions(String file, Map<String, Object> actions) {
        Map<String, ActionSpec> out = new LinkedHashMap<>();
        actions.forEach((name, spec) -> {
            Map<String, Object> m = YamlDocs.map(spec);
            Map<String, Map<String, Object>> params = new LinkedHashMap<>();
            YamlDocs.map(m.get("params")).forEach((p, schema) -> params.put(p, YamlDocs.map(schema)));
            List<String> required = m.get("required") instanceof List<?> l ? (List<String>) l : List.of();
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
}
