package io.jcharm.bundle;

import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.MetadataException;
import io.jcharm.yaml.GoFormat;
import io.jcharm.yaml.GoYaml;
import io.jcharm.yaml.YamlDoc;
import io.jcharm.yaml.YamlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds charm metadata for bundle applications: local charm directories (charmcraft.yaml or
 * metadata.yaml), packed {@code .charm} files, and Charmhub charms through snapshots
 * {@code <charmhubDir>/<name>/<track>.yaml} ({@link CharmhubSnapshot}), picked by the track of
 * the application's channel ({@code ckf-1.10/stable} is track {@code ckf-1.10}; a channel with
 * only a risk is track {@code latest}); another track is used, with a warning, when the named one
 * has no snapshot.
 *
 * <pre>{@code
 * CharmCatalog catalog = new CharmCatalog(Optional.of(Path.of("bundles/charmhub")));
 * catalog.resolve("mysql-k8s", "8.0/stable", Path.of("bundles/full"));  // Found(mysql-k8s metadata, ...)
 * }</pre>
 */
public final class CharmCatalog implements CharmLookup {
    private static final Set<String> RISKS = Set.of("stable", "candidate", "beta", "edge");
    private final Optional<Path> charmhubDir;
    private final Map<String, CharmResolution> cache = new HashMap<>();

    public CharmCatalog(Optional<Path> charmhubDir) {
        this.charmhubDir = charmhubDir;
    }

    /** The nearest {@code bundles/charmhub} directory above {@code start}, if any. */
    public static Optional<Path> findCharmhubDir(Path start) {
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            Path c = p.resolve("bundles").resolve("charmhub");
            if (Files.isDirectory(c)) {
                return Optional.of(c);
            }
            if (p.getFileName() != null && p.getFileName().toString().equals("bundles") && Files.isDirectory(p.resolve("charmhub"))) {
                return Optional.of(p.resolve("charmhub"));
            }
        }
        return Optional.empty();
    }

    @Override
    public CharmResolution resolve(String charm, String channel, Path bundleDir) {
        boolean local = charm.startsWith(".") || Path.of(charm).isAbsolute();
        Path path = local ? bundleDir.resolve(charm).toAbsolutePath().normalize() : null;
        String key = local ? path.toString() : charm + "@" + channel;
        return cache.computeIfAbsent(key, k -> local ? local(charm, path) : charmhub(charm, channel));
    }

    /** The Charmhub track a channel names: {@code 8.0/stable} is 8.0, {@code edge} is latest, "" stays "". */
    public static String track(String channel) {
        if (channel.isEmpty()) {
            return "";
        }
        String first = channel.split("/", -1)[0];
        return RISKS.contains(first) ? "latest" : first;
    }

    /** The tracks a charm has snapshots for, sorted. */
    public static List<String> tracks(Path charmhubDir, String name) {
        Path dir = charmhubDir.resolve(name);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .map(f -> f.substring(0, f.length() - ".yaml".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static CharmResolution local(String charm, Path path) {
        try {
            if (Files.isDirectory(path)) {
                if (!Files.isRegularFile(path.resolve("charmcraft.yaml")) && !Files.isRegularFile(path.resolve("metadata.yaml"))) {
                    return new CharmResolution.Missing("charm directory " + path + " has no charmcraft.yaml or metadata.yaml",
                            "point charm: at a charm's root directory or at a packed .charm", true);
                }
                return new CharmResolution.Found(CharmMetadata.load(path), path.toString());
            }
            if (Files.isRegularFile(path)) {
                return new CharmResolution.Found(PackedCharm.metadata(path), path.toString());
            }
            // A missing path is reported by the structural check (A4); nothing more to say here.
            return new CharmResolution.Missing("", "", false);
        } catch (MetadataException e) {
            return new CharmResolution.Missing("cannot read the metadata of charm " + GoFormat.quote(charm) + ": " + e.getMessage(),
                    "fix the charm's metadata (see the message) or point charm: elsewhere", true);
        }
    }

    private CharmResolution charmhub(String charm, String channel) {
        CharmUrl.Parsed parsed = Grammar.parseCharmUrl(charm);
        if (parsed.url().isEmpty()) {
            return new CharmResolution.Missing("", "", false); // reported as A5
        }
        String name = parsed.url().get().name();
        List<String> tracks = charmhubDir.map(d -> tracks(d, name)).orElse(List.of());
        String wanted = track(channel);
        String importHint = "add it with `jcharm charmhub import <the charm's source dir> --channel "
                + (channel.isEmpty() ? "<track>/stable" : channel) + "` (writes bundles/charmhub/" + name + "/<track>.yaml)";
        if (tracks.isEmpty()) {
            return new CharmResolution.Missing("no metadata for Charmhub charm " + GoFormat.quote(name)
                    + ": charm-aware checks skipped for it", importHint, false);
        }
        Optional<String> warning = Optional.empty();
        String used = wanted;
        if (!tracks.contains(wanted)) {
            // Without a channel Juju takes the charm's default track; with one snapshot that is the one we know.
            used = tracks.contains("latest") ? "latest" : tracks.get(tracks.size() - 1);
            if (!(wanted.isEmpty() && tracks.size() == 1)) {
                warning = Optional.of((wanted.isEmpty() ? "the bundle names no channel for Charmhub charm " + GoFormat.quote(name)
                        : "no snapshot of Charmhub charm " + GoFormat.quote(name) + " for track " + GoFormat.quote(wanted))
                        + "; checked against track " + GoFormat.quote(used) + " (snapshots: " + String.join(", ", tracks) + ")");
            }
        }
        Path file = charmhubDir.orElseThrow().resolve(name).resolve(used + ".yaml");
        try {
            List<YamlDoc> docs = GoYaml.read(file);
            Map<String, Object> all = docs.isEmpty() ? Map.of() : Raw.map(docs.get(0).root());
            Map<String, Object> config = Raw.map(all.get("config"));
            return new CharmResolution.Found(CharmMetadata.parse(all, config, Raw.map(all.get("actions"))), file.toString(),
                    warning);
        } catch (MetadataException | YamlException | UncheckedIOException e) {
            return new CharmResolution.Missing("cannot read " + file + ": " + e.getMessage(),
                    "fix the snapshot, or write it again with `jcharm charmhub import`", true);
        }
    }
}
