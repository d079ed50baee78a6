package io.jcharm.bundle;

import io.jcharm.yaml.YamlDoc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each part of a (merged) bundle was written, so a problem found in the merged result
 * still points at the file and line to change.
 *
 * <pre>{@code
 * sources.locate("applications", "istio", "options", "profile");  // Optional[bundle.yaml:9]
 * }</pre>
 */
public final class SourceMap {
    private final Map<List<String>, Location> locations;
    private final Path defaultFile;

    SourceMap(Map<List<String>, Location> locations, Path defaultFile) {
        this.locations = locations;
        this.defaultFile = defaultFile;
    }

    /** An empty map whose lookups all fall back to {@code file} without a line. */
    public static SourceMap empty(Path file) {
        return new SourceMap(new HashMap<>(), file);
    }

    static SourceMap of(YamlDoc doc) {
        Map<List<String>, Location> m = new HashMap<>();
        doc.lines().forEach((p, l) -> m.put(p, new Location(doc.file(), l)));
        return new SourceMap(m, doc.file());
    }

    /** The file the bundle was read from (the base document's). */
    public Path file() {
        return defaultFile;
    }

    /** The location of the longest written prefix of the path. */
    public Optional<Location> locate(String... path) {
        return locate(List.of(path));
    }

    /** The location of the longest written prefix of the path. */
    public Optional<Location> locate(List<String> path) {
        List<String> p = new ArrayList<>(path);
        while (!p.isEmpty()) {
            Location l = locations.get(p);
            if (l != null) {
                return Optional.of(l);
            }
            p.remove(p.size() - 1);
        }
        return Optional.of(new Location(defaultFile, 0));
    }

    void put(List<String> path, Location location) {
        locations.put(List.copyOf(path), location);
    }

    /** Later documents win: their keys replace those of earlier ones. */
    void overlay(SourceMap other) {
        other.locations.forEach((p, l) -> {
            if (!(p.size() >= 2 && p.get(0).equals("relations"))) {
                locations.put(p, l);
            }
        });
    }

    void removeRelations() {
        locations.keySet().removeIf(p -> !p.isEmpty() && p.get(0).equals("relations"));
    }
}
