package io.jcharm.bundle;

import io.jcharm.core.meta.ActionSpec;
import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.ConfigOption;
import io.jcharm.core.meta.ContainerMeta;
import io.jcharm.core.meta.Endpoint;
import io.jcharm.core.meta.MetadataException;
import io.jcharm.core.meta.ResourceMeta;
import io.jcharm.core.meta.Role;
import io.jcharm.core.meta.StorageMeta;
import io.jcharm.yaml.GoYaml;
import io.jcharm.yaml.YamlDoc;
import io.jcharm.yaml.YamlException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Charmhub charm's metadata for one track, as the verifier reads it from
 * {@code bundles/charmhub/<charm>/<track>.yaml}: every endpoint (interface, limit, scope,
 * optional), every config option (type, default), resources, storage, containers, extra
 * bindings, assumes and action parameters, plus where the facts came from. Written by our own
 * code from the charm's parsed metadata: prose (summaries, descriptions) is not copied.
 *
 * <pre>{@code
 * String yaml = new CharmhubSnapshot(meta, new CharmhubSnapshot.Source("canonical/minio-operator",
 *         "track/ckf-1.10", "52c6aa2e...", "ckf-1.10")).yaml();
 * }</pre>
 */
public record CharmhubSnapshot(CharmMetadata meta, Source source) {

    /**
     * Where the facts came from.
     *
     * @param track the Charmhub track the snapshot stands for ({@code ckf-1.10}, {@code 8.0}, {@code latest})
     */
    public record Source(String repository, String branch, String commit, String track) {
    }

    /**
     * Reads a charm's own metadata: one charm directory (metadata.yaml with config.yaml and
     * actions.yaml, or charmcraft.yaml, as a packed charm holds them), or the files themselves,
     * told apart by name. The YAML is typed as Juju's Go decoder types it ({@link GoYaml}).
     *
     * @throws MetadataException naming the file when it is missing, malformed or not a charm file
     */
    public static CharmMetadata readCharm(List<Path> paths) {
        if (paths.size() == 1 && Files.isDirectory(paths.get(0))) {
            Path dir = paths.get(0);
            // charmcraft.yaml may hold the config or actions that metadata.yaml's siblings do not.
            List<String> names = List.of("metadata.yaml", "config.yaml", "actions.yaml", "charmcraft.yaml");
            List<Path> found = names.stream().map(dir::resolve).filter(Files::isRegularFile).toList();
            if (found.isEmpty()) {
                throw new MetadataException("no metadata.yaml or charmcraft.yaml in " + dir + ": give the charm's root directory");
            }
            return readCharm(found);
        }
        Map<String, Map<String, Object>> files = new LinkedHashMap<>();
        for (Path p : paths) {
            String name = p.getFileName().toString();
            if (!List.of("metadata.yaml", "config.yaml", "actions.yaml", "charmcraft.yaml").contains(name)) {
                throw new MetadataException(p + " is not a charm metadata file: give a charm directory, or metadata.yaml"
                        + " [config.yaml] [actions.yaml], or charmcraft.yaml");
            }
            try {
                List<YamlDoc> docs = GoYaml.read(p);
                files.put(name, docs.isEmpty() ? Map.of() : Raw.map(docs.get(0).root()));
            } catch (YamlException e) {
                throw new MetadataException(p + ": " + e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw new MetadataException(e.getMessage(), e);
            }
        }
        Map<String, Object> unified = files.getOrDefault("charmcraft.yaml", Map.of());
        Map<String, Object> meta = files.containsKey("metadata.yaml") ? files.get("metadata.yaml") : unified;
        if (meta.isEmpty()) {
            throw new MetadataException("no metadata among " + paths + ": give metadata.yaml or charmcraft.yaml");
        }
        Map<String, Object> config = files.containsKey("config.yaml") ? files.get("config.yaml") : Raw.map(unified.get("config"));
        Map<String, Object> actions = files.containsKey("actions.yaml") ? files.get("actions.yaml") : Raw.map(unified.get("actions"));
        return CharmMetadata.parse(meta, config, actions);
    }

    /** The snapshot file's text: a {@code snapshot:} header, then metadata.yaml keys and {@code config: options:}. */
    public String yaml() {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("charm", meta.name());
        header.put("track", source.track());
        header.put("repository", source.repository());
        header.put("branch", source.branch());
        header.put("commit", source.commit());
        doc.put("snapshot", header);
        doc.put("name", meta.name());
        // Juju requires both keys; the charm's own prose stays in its repository.
        doc.put("summary", "Charmhub charm " + meta.name() + ", track " + source.track());
        doc.put("description", "Metadata facts for bundle verification; see snapshot: for the source.");
        if (meta.subordinate()) {
            doc.put("subordinate", true);
        }
        if (!meta.assumes().isEmpty()) {
            doc.put("assumes", meta.assumes());
        }
        meta.charmUser().ifPresent(u -> doc.put("charm-user", u));
        putIfAny(doc, "containers", containers());
        putIfAny(doc, "resources", resources());
        putIfAny(doc, "storage", storage());
        for (Role role : Role.values()) {
            putIfAny(doc, role.key(), endpoints(role));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        meta.extraBindings().forEach(b -> extra.put(b, null));
        putIfAny(doc, "extra-bindings", extra);
        Map<String, Object> options = new LinkedHashMap<>();
        meta.config().values().forEach(o -> options.put(o.name(), option(o)));
        if (!options.isEmpty()) {
            doc.put("config", Map.of("options", options));
        }
        putIfAny(doc, "actions", actions());
        return "# Charmhub snapshot written by `jcharm charmhub import`: facts of " + source.repository() + "@"
                + source.branch() + ", re-emitted.\n" + YamlEmitter.emit(doc);
    }

    private static void putIfAny(Map<String, Object> doc, String key, Map<String, Object> value) {
        if (!value.isEmpty()) {
            doc.put(key, value);
        }
    }

    private Map<String, Object> containers() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ContainerMeta c : meta.containers().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            c.resource().ifPresent(r -> m.put("resource", r));
            List<Object> mounts = new ArrayList<>();
            for (ContainerMeta.Mount mount : c.mounts()) {
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("storage", mount.storage());
                mm.put("location", mount.location());
                mounts.add(mm);
            }
            if (!mounts.isEmpty()) {
                m.put("mounts", mounts);
            }
            out.put(c.name(), m);
        }
        return out;
    }

    private Map<String, Object> resources() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ResourceMeta r : meta.resources().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", r.type());
            r.filename().ifPresent(f -> m.put("filename", f));
            r.upstreamSource().ifPresent(u -> m.put("upstream-source", u));
            out.put(r.name(), m);
        }
        return out;
    }

    private Map<String, Object> storage() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (StorageMeta s : meta.storage().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", s.type());
            s.location().ifPresent(l -> m.put("location", l));
            if (s.countMin() != 1 || s.countMax() != 1) {
                String range = s.countMax() < 0 ? s.countMin() + "+"
                        : s.countMin() == s.countMax() ? Integer.toString(s.countMin()) : s.countMin() + "-" + s.countMax();
                m.put("multiple", Map.of("range", range));
            }
            out.put(s.name(), m);
        }
        return out;
    }

    private Map<String, Object> endpoints(Role role) {
        Map<String, Object> out = new LinkedHashMap<>();
        meta.endpoints(role).forEach((Endpoint e) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("interface", e.interfaceName());
            if (e.limit() > 0) {
                m.put("limit", (long) e.limit());
            }
            if (e.containerScoped()) {
                m.put("scope", e.scope());
            }
            if (e.optional()) {
                m.put("optional", true);
            }
            out.put(e.name(), m);
        });
        return out;
    }

    private static Map<String, Object> option(ConfigOption o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", o.type().yamlName());
        o.defaultValue().ifPresent(d -> m.put("default", d));
        return m;
    }

    private Map<String, Object> actions() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ActionSpec a : meta.actions().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Map<String, Object> params = new LinkedHashMap<>();
            a.params().forEach((name, schema) -> {
                Map<String, Object> p = new LinkedHashMap<>();
                // The parameter's type and allowed values are facts; its description is prose.
                schema.forEach((k, v) -> {
                    if (!k.equals("description") && !k.equals("title")) {
                        p.put(k, v);
                    }
                });
                params.put(name, p);
            });
            if (!params.isEmpty()) {
                m.put("params", params);
            }
            if (!a.required().isEmpty()) {
                m.put("required", a.required());
            }
            if (!a.additionalProperties()) {
                m.put("additionalProperties", false);
            }
            out.put(a.name(), m);
        }
        return out;
    }
}
