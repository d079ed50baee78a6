package io.jcharm.pack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated charm project (charmcraft.yaml, and the metadata.yaml, config.yaml and actions.yaml
 * beside it if any), already split into what the {@code .charm} holds: metadata.yaml, config.yaml
 * and actions.yaml content, and the platforms to pack.
 *
 * <pre>{@code
 * CharmProject p = CharmcraftReader.load(Path.of("charms/hello"));
 * p.name();        // hello
 * p.platforms();   // [Platform[name=amd64, os=ubuntu, channel=24.04, arch=amd64]]
 * }</pre>
 *
 * @param dir       the project directory holding charmcraft.yaml
 * @param name      the charm name
 * @param metadata  metadata.yaml's content, in charmcraft's key order
 * @param config    config.yaml's content, when charmcraft.yaml has a non-empty {@code config}
 * @param actions   actions.yaml's content, when charmcraft.yaml has non-empty {@code actions}
 * @param platforms every platform declared, in file order
 * @param verbatim  the files (metadata.yaml, config.yaml, actions.yaml) that sit beside
 *                  charmcraft.yaml and go into the charm as they are, as charmcraft copies them
 */
public record CharmProject(Path dir, String name, Map<String, Object> metadata, Optional<Map<String, Object>> config,
                           Optional<Map<String, Object>> actions, List<Platform> platforms, List<String> verbatim) {

    /** Endpoint names by role ("provides", "requires", "peers"), for training runs. */
    public List<String> endpoints(String role) {
        return metadata.get(role) instanceof Map<?, ?> m ? m.keySet().stream().map(String::valueOf).toList() : List.of();
    }
}
