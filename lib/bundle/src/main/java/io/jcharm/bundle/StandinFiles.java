package io.jcharm.bundle;

import io.jcharm.core.meta.MetadataException;
import io.jcharm.yaml.GoYaml;
import io.jcharm.yaml.YamlDoc;
import io.jcharm.yaml.YamlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata files of a stand-in for a Charmhub charm, re-emitted from our snapshot of that
 * charm ({@code bundles/charmhub/<charm>/<track>.yaml}): {@code metadata.yaml} holds every
 * metadata key of the snapshot (endpoints, containers, resources, storage, assumes...) with a
 * summary and description saying it is a stand-in, {@code config.yaml} and {@code actions.yaml}
 * the snapshot's {@code config} and {@code actions}. So a stand-in relates, configures and answers
 * actions exactly where the Charmhub charm would, and its metadata never drifts from the snapshot.
 *
 * <pre>{@code
 * StandinFiles f = StandinFiles.fromSnapshot(Path.of("bundles/charmhub/mysql-k8s/8.0.yaml"));
 * f.writeTo(Path.of("target/standin"));   // metadata.yaml, config.yaml, actions.yaml
 * }</pre>
 *
 * @param charm the Charmhub charm's name
 * @param track the snapshot's track
 * @param metadataYaml metadata.yaml's text
 * @param configYaml config.yaml's text ({@code options: {}} when the charm has none)
 * @param actionsYaml actions.yaml's text ({@code {}} when the charm has none)
 */
public record StandinFiles(String charm, String track, String metadataYaml, String configYaml, String actionsYaml) {
    /** The snapshot's own keys, which are not metadata. */
    private static final List<String> NOT_METADATA = List.of("snapshot", "config", "actions");

    /**
     * Reads a snapshot file as the verifier does and splits it into the three files.
     *
     * @throws MetadataException naming the file when it is missing, malformed or not a snapshot
     */
    public static StandinFiles fromSnapshot(Path snapshot) {
        Map<String, Object> all;
        try {
            List<YamlDoc> docs = GoYaml.read(snapshot);
            all = docs.isEmpty() ? Map.of() : Raw.map(docs.get(0).root());
        } catch (YamlException | UncheckedIOException e) {
            throw new MetadataException("cannot read the Charmhub snapshot " + snapshot + ": " + e.getMessage()
                    + "; write it again with `jcharm charmhub import`", e);
        }
        Map<String, Object> header = Raw.map(all.get("snapshot"));
        if (!(all.get("name") instanceof String name) || header.isEmpty()) {
            throw new MetadataException(snapshot + " is not a Charmhub snapshot (it needs snapshot: and name:): "
                    + "write it with `jcharm charmhub import`");
        }
        String track = String.valueOf(header.getOrDefault("track", ""));
        String source = header.get("repository") + "@" + header.get("branch") + " " + header.get("commit");
        Map<String, Object> meta = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (!NOT_METADATA.contains(k)) {
                meta.put(k, v);
            }
        });
        // The Charmhub charm's prose is not ours to copy; say what this charm is instead.
        meta.put("summary", "Stand-in for Charmhub charm " + name + ", track " + track + ", on the jcharm local model.");
        meta.put("description", "Metadata re-emitted from bundles/charmhub/" + name + "/" + track + ".yaml (facts of "
                + source + "); only the jcharm local model runs it.");
        String head = "# Written by jcharm (StandinFiles) from bundles/charmhub/" + name + "/" + track + ".yaml, facts of "
                + source + ". Do not edit: refresh the snapshot instead.\n";
        Map<String, Object> config = Raw.map(all.get("config"));
        if (config.isEmpty()) {
            config.put("options", Map.of());
        }
        return new StandinFiles(name, track, head + YamlEmitter.emit(meta), head + YamlEmitter.emit(config),
                head + YamlEmitter.emit(Raw.map(all.get("actions"))));
    }

    /** Writes metadata.yaml, config.yaml and actions.yaml into {@code dir} (created if needed). */
    public void writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("metadata.yaml"), metadataYaml, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("config.yaml"), configYaml, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("actions.yaml"), actionsYaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stand-in metadata of " + charm + " into " + dir + ": "
                    + e.getMessage(), e);
        }
    }
}
