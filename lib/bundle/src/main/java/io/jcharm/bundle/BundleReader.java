package io.jcharm.bundle;

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
import java.util.Optional;

/**
 * Reads a bundle file (or a bundle directory's {@code bundle.yaml}) and overlay files into
 * normalised documents, applying the rules Juju enforces while parsing.
 *
 * <pre>{@code
 * List<Problem> warnings = new ArrayList<>();
 * List<BundlePart> parts = new BundleReader().parts(Path.of("bundles/edge"), List.of(), warnings);
 * }</pre>
 */
public final class BundleReader {
    /**
     * The bundle file a path names: a directory means its {@code bundle.yaml}, as {@code juju deploy ./dir}.
     *
     * @throws BundleException when neither exists
     */
    public static Path bundleFile(Path path) {
        Path p = Files.isDirectory(path) ? path.resolve("bundle.yaml") : path;
        if (!Files.isRegularFile(p)) {
            throw new BundleException(Files.isDirectory(path) ? "no bundle.yaml in " + path : "bundle " + path + " not found",
                    Optional.empty(), "give a bundle file or a directory that holds bundle.yaml");
        }
        return p;
    }

    List<BundlePart> parts(Path bundle, List<Path> overlays, List<Problem> warnings) {
        List<BundlePart> parts = new ArrayList<>();
        Path file = bundleFile(bundle);
        read(file, "", warnings, parts);
        for (Path overlay : overlays) {
            if (!Files.isRegularFile(overlay)) {
                throw new BundleException("unable to process overlays: \"" + overlay + "\" not found", Optional.empty(),
                        "check the --overlay path");
            }
            read(overlay, "unable to process overlays: ", warnings, parts);
        }
        if (parts.isEmpty()) {
            throw new BundleException("malformed bundle: bundle is empty not valid", Optional.of(new Location(file, 0)),
                    "the file has no YAML document: add at least `applications:`");
        }
        return parts;
    }

    private static void read(Path file, String prefix, List<Problem> warnings, List<BundlePart> parts) {
        Path dir = file.toAbsolutePath().getParent();
        List<YamlDoc> docs;
        try {
            docs = GoYaml.read(file);
        } catch (UncheckedIOException e) {
            throw new BundleException(e.getMessage(), Optional.empty(), "check that the file exists and is readable", e);
        } catch (YamlException e) {
            // Juju's words: LocalBundleDataSource wraps parseBundleParts' "unmarshal document N: yaml: ...".
            throw new BundleException(prefix + "cannot unmarshal bundle contents: unmarshal document " + e.document() + ": "
                    + e.getMessage(), Optional.of(new Location(file, e.line())), "fix the YAML syntax at that line", e);
        }
        for (YamlDoc doc : docs) {
            SourceMap where = SourceMap.of(doc);
            List<Problem> typeErrors = new ArrayList<>();
            BundleData data = new BundleDecoder(where, warnings, typeErrors).decode(doc.root());
            if (!typeErrors.isEmpty()) {
                // Juju's BundleData.UnmarshalYAML returns the decoder's type error, so the whole
                // document stays empty (and is not normalised).
                parts.add(new BundlePart(doc, new LinkedHashMap<>(), BundleData.empty(), SourceMap.empty(file), dir, typeErrors));
                continue;
            }
            Map<String, Object> raw = Raw.map(Raw.copy(doc.root()));
            restoreText(raw, doc);
            normalize(raw, where);
            parts.add(new BundlePart(doc, raw, data, where, dir, List.of()));
        }
    }

    /** Fields Go decodes into strings: they take the scalar's text ("1.10" stays "1.10", not 1.1). */
    private static final List<List<String>> STRING_FIELDS = List.of(
            List.of("bundle"), List.of("series"), List.of("default-base"), List.of("description"), List.of("tags", "*"),
            List.of("relations", "*", "*"), List.of("saas", "*", "url"),
            List.of("*", "*", "charm"), List.of("*", "*", "channel"), List.of("*", "*", "series"), List.of("*", "*", "base"),
            List.of("*", "*", "constraints"), List.of("*", "*", "plan"), List.of("*", "*", "placement"), List.of("*", "*", "to", "*"),
            List.of("*", "*", "annotations", "*"), List.of("*", "*", "storage", "*"), List.of("*", "*", "devices", "*"),
            List.of("*", "*", "bindings", "*"), List.of("*", "*", "offers", "*", "endpoints", "*"),
            List.of("*", "*", "offers", "*", "acl", "*"), List.of("*", "*", "exposed-endpoints", "*", "*", "*"));

    @SuppressWarnings("unchecked")
    private static void restoreText(Map<String, Object> raw, YamlDoc doc) {
        doc.texts().forEach((path, text) -> {
            boolean stringField = STRING_FIELDS.stream().anyMatch(pattern -> matches(pattern, path)
                    && (!pattern.get(0).equals("*") || List.of("applications", "services", "machines").contains(path.get(0))));
            if (!stringField) {
                return;
            }
            Object container = raw;
            for (int i = 0; i < path.size() - 1 && container != null; i++) {
                String k = path.get(i);
                container = container instanceof Map<?, ?> m ? m.get(k)
                        : container instanceof List<?> l && k.matches("\\d+") && Integer.parseInt(k) < l.size() ? l.get(Integer.parseInt(k)) : null;
            }
            String last = path.get(path.size() - 1);
            if (container instanceof Map<?, ?> m) {
                ((Map<String, Object>) m).put(last, text);
            } else if (container instanceof List<?> l && last.matches("\\d+")) {
                ((List<Object>) l).set(Integer.parseInt(last), text);
            }
        });
    }

    private static boolean matches(List<String> pattern, List<String> path) {
        if (pattern.size() != path.size()) {
            return false;
        }
        for (int i = 0; i < pattern.size(); i++) {
            if (!pattern.get(i).equals("*") && !pattern.get(i).equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Juju's normalizeData: per document, before any merge; errors stop the read. */
    static void normalize(Map<String, Object> raw, SourceMap where) {
        String type = raw.get("bundle") instanceof String s ? s : "";
        Object apps = raw.containsKey("applications") ? raw.get("applications") : raw.get("services");
        if (!(apps instanceof Map<?, ?> appMap)) {
            return;
        }
        for (Map.Entry<?, ?> e : appMap.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?>)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> app = (Map<String, Object>) e.getValue();
            String name = String.valueOf(e.getKey());
            long scale = app.get("scale") instanceof Long l ? l : 0;
            long units = app.get("num_units") instanceof Long l ? l : 0;
            if (scale > 0 && units > 0) {
                throw new BundleException("cannot specify both scale and num_units for application \"" + name + "\"",
                        where.locate("applications", name, "scale"),
                        "keep one: scale for Kubernetes bundles, num_units for machine bundles");
            }
            if (scale > 0) {
                app.put("num_units", scale);
                app.remove("scale");
            }
            String placement = app.get("placement") instanceof String s ? s : "";
            if (!placement.isEmpty()) {
                if (!"kubernetes".equals(type)) {
                    throw new BundleException("placement (" + placement + ") not valid for non-Kubernetes application \""
                            + name + "\"", where.locate("applications", name, "placement"),
                            "use `to:` for machine placement, or set `bundle: kubernetes`");
                }
                if (app.get("to") instanceof List<?> to && !to.isEmpty()) {
                    throw new BundleException("cannot specify both placement and to for application \"" + name + "\"",
                            where.locate("applications", name, "placement"), "keep only placement (a node selector k=v)");
                }
                app.put("to", new ArrayList<>(List.of(placement)));
                app.remove("placement");
            }
        }
    }
}
