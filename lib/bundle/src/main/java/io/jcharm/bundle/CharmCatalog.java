package io.jcharm.bundle;

import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.MetadataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds charm metadata for bundle applications: local charm directories (charmcraft.yaml or
 * metadata.yaml), packed {@code .charm} files, and Charmhub charms through data files
 * {@code <charmhubDir>/<name>.yaml} (metadata.yaml keys plus {@code config: options:} and
 * optionally {@code actions:}, as in a unified charmcraft.yaml).
 *
 * <pre>{@code
 * CharmCatalog catalog = new CharmCatalog(Optional.of(Path.of("bundles/charmhub")));
 * catalog.resolve("mysql-k8s", Path.of("bundles/full"));  // Found(mysql-k8s metadata, ...)
 * }</pre>
 */
public final class CharmCatalog implements CharmLookup {
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
    public CharmResolution resolve(String charm, Path bundleDir) {
        boolean local = charm.startsWith(".") || Path.of(charm).isAbsolute();
        Path path = local ? bundleDir.resolve(charm).toAbsolutePath().normalize() : null;
        String key = local ? path.toString() : charm;
        return cache.computeIfAbsent(key, k -> local ? local(charm, path) : charmhub(charm));
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
            return new CharmResolution.Missing("cannot read the metadata of charm " + Grammar.q(charm) + ": " + e.getMessage(),
                    "fix the charm's metadata (see the message) or point charm: elsewhere", true);
        }
    }

    private CharmResolution charmhub(String charm) {
        CharmUrl.Parsed parsed = Grammar.parseCharmUrl(charm);
        if (parsed.url().isEmpty()) {
            return new CharmResolution.Missing("", "", false); // reported as A5
        }
        String name = parsed.url().get().name();
        Optional<Path> file = charmhubDir.map(d -> d.resolve(name + ".yaml")).filter(Files::isRegularFile);
        if (file.isEmpty()) {
            return new CharmResolution.Missing("no metadata for Charmhub charm " + Grammar.q(name)
                    + ": charm-aware checks skipped for it",
                    "add bundles/charmhub/" + name + ".yaml (its metadata.yaml keys plus config: options:)", false);
        }
        try {
            List<YamlDoc> docs = new YamlReader().read(file.get());
            Map<String, Object> all = docs.isEmpty() ? Map.of() : Raw.map(docs.get(0).root());
            Map<String, Object> config = all.containsKey("config") ? Raw.map(all.get("config")) : Map.of("options", Raw.map(all.get("options")));
            return new CharmResolution.Found(CharmMetadata.parse(all, config, Raw.map(all.get("actions"))), file.get().toString());
        } catch (MetadataException | BundleException e) {
            return new CharmResolution.Missing("cannot read " + file.get() + ": " + e.getMessage(),
                    "fix the Charmhub data file", true);
        }
    }
}
