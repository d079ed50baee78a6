package io.jcharm.core.meta;

import io.jcharm.core.json.Json;
import io.jcharm.core.json.JsonException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything a charm declares: metadata, config options and actions, from a unified
 * charmcraft.yaml or from metadata.yaml + config.yaml + actions.yaml (as packed).
 *
 * <pre>{@code
 * CharmMetadata meta = CharmMetadata.load(Path.of(System.getenv("JUJU_CHARM_DIR")));
 * meta.endpoint("gateway-info").map(Endpoint::interfaceName);  // Optional[istio-gateway-info]
 * }</pre>
 *
 * @param endpoints every endpoint (provides, requires, peers), in declaration order
 */
public record CharmMetadata(String name, String displayName, String summary, String description,
                            boolean subordinate, Map<String, Endpoint> endpoints,
                            Map<String, ContainerMeta> containers, Map<String, ResourceMeta> resources,
                            Map<String, StorageMeta> storage, List<String> extraBindings,
                            List<Object> assumes, Optional<String> charmUser,
                            Map<String, ConfigOption> config, Map<String, ActionSpec> actions) {

    /**
     * The file in a packed charm's root that holds metadata, config and actions as one JSON
     * document, written by jcharm pack next to the YAML files and read instead of them.
     */
    public static final String PACKED_FILE = "jcharm-metadata.json";

    public CharmMetadata {
        endpoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        containers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(containers));
        resources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resources));
        storage = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(storage));
        extraBindings = List.copyOf(extraBindings);
        assumes = List.copyOf(assumes);
        config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
        actions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(actions));
    }

    /** The endpoint with this name, of any role. */
    public Optional<Endpoint> endpoint(String endpointName) {
        return Optional.ofNullable(endpoints.get(endpointName));
    }

    /** Endpoints of one role, in declaration order. */
    public Stream<Endpoint> endpoints(Role role) {
        return endpoints.values().stream().filter(e -> e.role() == role);
    }

    /** A Kubernetes (sidecar) charm declares containers; a machine charm does not. */
    public boolean isKubernetes() {
        return !containers.isEmpty() || assumes.stream().anyMatch(a -> String.valueOf(a).startsWith("k8s-api"));
    }

    /**
     * Reads a charm directory: metadata.yaml (with config.yaml and actions.yaml) when present,
     * as in a packed charm, else charmcraft.yaml.
     *
     * @throws MetadataException naming the file when it is missing or malformed
     */
    public static CharmMetadata load(Path charmDir) {
        Path packed = charmDir.resolve(PACKED_FILE);
        if (Files.isRegularFile(packed)) {
            return loadPacked(packed);
        }
        Path metadata = charmDir.resolve("metadata.yaml");
        YamlDocs yaml = new YamlDocs();
        if (Files.isRegularFile(metadata)) {
            Map<String, Object> meta = yaml.readMap(metadata, true);
            Path configFile = charmDir.resolve("config.yaml");
            Map<String, Object> config = yaml.readMap(configFile, false);
            if (Files.isRegularFile(configFile) && !config.containsKey("options")) {
                throw new MetadataException("config.yaml: invalid config: empty configuration (add \"options:\" or "
                        + "delete the file)");
            }
            Map<String, Object> actions = yaml.readMap(charmDir.resolve("actions.yaml"), false);
            return MetadataParser.parse("metadata.yaml", meta, "config.yaml", config, "actions.yaml", actions);
        }
        Path charmcraft = charmDir.resolve("charmcraft.yaml");
        if (Files.isRegularFile(charmcraft)) {
            Map<String, Object> all = yaml.readMap(charmcraft, true);
            Map<String, Object> config = MetadataParser.stringKeys(all.get("config"));
            Map<String, Object> actions = MetadataParser.stringKeys(all.get("actions"));
            for (String key : List.of("config", "actions")) {
                if (all.get(key) != null && !(all.get(key) instanceof Map)) {
                    throw new MetadataException("charmcraft.yaml: " + key + ": expected a map, got " + all.get(key));
                }
            }
            return MetadataParser.parse("charmcraft.yaml", all, "charmcraft.yaml: config", config,
                    "charmcraft.yaml: actions", actions);
        }
        throw new MetadataException("no metadata.yaml or charmcraft.yaml in " + charmDir
                + ": is JUJU_CHARM_DIR the charm's root directory?");
    }

    /**
     * Reads the packer's JSON form of metadata.yaml, config.yaml and actions.yaml
     * ({@code {"metadata": {...}, "config": {...}, "actions": {...}}}, the same documents as the
     * YAML files beside it, typed as Juju's Go decoder types them): no YAML parser on a hook's path.
     */
    private static CharmMetadata loadPacked(Path file) {
        Map<String, Object> all;
        try {
            all = Json.object(Json.parse(Files.readString(file)));
        } catch (IOException | JsonException e) {
            throw new MetadataException(file.getFileName() + " (written by jcharm pack) cannot be read: " + e.getMessage()
                    + "; repack the charm with jcharm pack", e);
        }
        return MetadataParser.parse("metadata.yaml", section(all, "metadata"), "config.yaml", section(all, "config"),
                "actions.yaml", section(all, "actions"));
    }

    private static Map<String, Object> section(Map<String, Object> all, String key) {
        return all.get(key) instanceof Map<?, ?> ? Json.object(all.get(key)) : Map.of();
    }

    /** Parses already-read YAML documents (a test or a packed archive in memory). */
    public static CharmMetadata parse(Map<String, Object> metadata, Map<String, Object> config,
                                      Map<String, Object> actions) {
        return MetadataParser.parse("metadata.yaml", metadata, "config.yaml", config, "actions.yaml", actions);
    }
}
