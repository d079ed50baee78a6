package io.jcharm.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Merges the documents of a bundle and its overlays with Juju's rules (juju/charm v12 {@code
 * overlay.go}): only keys present in an overlay apply; an application or SAAS set to null is
 * removed with its relations; scalars and lists replace; maps merge key by key (a null value
 * deletes the key, a null map clears it); relations are appended; machines are replaced; relative
 * charm paths and {@code include-file://}/{@code include-base64://} values resolve against the file
 * they came from.
 */
final class OverlayMerger {
    /** Map fields whose values are structures or untyped: a null value deletes the key. */
    private static final Set<String> NON_SCALAR_MAPS = Set.of("options", "resources", "offers", "exposed-endpoints");
    /** Map fields of strings: a null value becomes "" (Go's zero string). */
    private static final Set<String> STRING_MAPS = Set.of("annotations", "storage", "devices", "bindings");

    record Merged(BundleData data, SourceMap sources, List<Problem> problems) {
    }

    /** Juju rejects overlay-only fields in the base document, one error per field (§4.3 rule 1). */
    static List<Problem> overlayOnlyFields(BundlePart base) {
        List<Problem> out = new ArrayList<>();
        base.data().applications().forEach((name, app) -> {
            if (app == null) {
                return;
            }
            List<String> p = List.of("applications", name);
            // In the order of Juju's ApplicationSpec fields: exposed-endpoints comes before offers.
            if (!app.exposedEndpoints().isEmpty()) {
                add(out, base, Raw.path(p, "exposed-endpoints"));
                app.exposedEndpoints().forEach((ep, spec) -> {
                    if (!spec.exposeToSpaces().isEmpty()) {
                        add(out, base, Raw.path(p, "exposed-endpoints", ep, "expose-to-spaces"));
                    }
                    if (!spec.exposeToCidrs().isEmpty()) {
                        add(out, base, Raw.path(p, "exposed-endpoints", ep, "expose-to-cidrs"));
                    }
                });
            }
            if (!app.offers().isEmpty()) {
                add(out, base, Raw.path(p, "offers"));
                app.offers().forEach((offer, spec) -> {
                    if (!spec.endpoints().isEmpty()) {
                        add(out, base, Raw.path(p, "offers", offer, "endpoints"));
                    }
                    if (!spec.acl().isEmpty()) {
                        add(out, base, Raw.path(p, "offers", offer, "acl"));
                    }
                });
            }
        });
        return out;
    }

    private static void add(List<Problem> out, BundlePart base, List<String> path) {
        out.add(Problem.error("O0", String.join(".", path) + " can only appear in an overlay section",
                base.sources().locate(path), "move this key into an overlay (a later --- document or an --overlay file)"));
    }

    Merged merge(List<BundlePart> parts) {
        BundlePart first = parts.get(0);
        Map<String, Object> base = Raw.map(Raw.copy(first.raw()));
        SourceMap sources = SourceMap.empty(first.doc().file());
        List<Object> relations = new ArrayList<>();
        List<Location> relationLines = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            BundlePart part = parts.get(i);
            if (part.dropped()) {
                continue; // Juju decoded the document to nothing: it adds nothing
            }
            sources.overlay(part.sources());
            if (i == 0) {
                addRelations(part, relations, relationLines);
            } else {
                apply(base, part, relations, relationLines);
            }
            resolve(base, part, problems);
            if (!problems.isEmpty()) {
                return new Merged(null, sources, problems);
            }
        }
        base.put("relations", relations);
        sources.removeRelations();
        for (int i = 0; i < relationLines.size(); i++) {
            sources.put(List.of("relations", Integer.toString(i)), relationLines.get(i));
        }
        BundleData data = new BundleDecoder(sources, new ArrayList<>(), new ArrayList<>()).decode(base);
        return new Merged(data, sources, problems);
    }

    private static void addRelations(BundlePart part, List<Object> relations, List<Location> lines) {
        if (part.raw().get("relations") instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                relations.add(Raw.copy(l.get(i)));
                lines.add(part.sources().locate("relations", Integer.toString(i)).orElseThrow());
            }
        }
    }

    private static void apply(Map<String, Object> base, BundlePart part, List<Object> relations, List<Location> lines) {
        Map<String, Object> overlay = part.raw();
        if (overlay.containsKey("services") && !overlay.containsKey("applications")) {
            throw new BundleException("bundle overlay file used deprecated 'services' key, this is not valid for bundle overlay files",
                    part.sources().locate("services"), "rename `services:` to `applications:`");
        }
        mergeEntities(base, "applications", Raw.map(overlay.get("applications")), relations, lines);
        mergeEntities(base, "saas", Raw.map(overlay.get("saas")), relations, lines);
        if (overlay.get("series") instanceof String s && !s.isEmpty()) {
            base.put("series", s);
        }
        addRelations(part, relations, lines);
        if (overlay.get("machines") != null) {
            base.put("machines", Raw.copy(overlay.get("machines")));
        }
    }

    private static void mergeEntities(Map<String, Object> base, String key, Map<String, Object> overlay,
                                      List<Object> relations, List<Location> lines) {
        if (overlay.isEmpty()) {
            return;
        }
        Map<String, Object> dst = Raw.map(base.get(key));
        overlay.forEach((name, spec) -> {
            if (spec == null) {
                dst.remove(name);
                removeRelations(name, relations, lines);
            } else if (!(dst.get(name) instanceof Map)) {
                dst.put(name, Raw.copy(spec));
            } else {
                Map<String, Object> merged = Raw.map(dst.get(name));
                mergeFields(merged, Raw.map(spec));
                dst.put(name, merged);
            }
        });
        base.put(key, dst);
    }

    private static void removeRelations(String app, List<Object> relations, List<Location> lines) {
        for (int i = relations.size() - 1; i >= 0; i--) {
            // Juju keeps malformed relations so that the verifier reports them.
            if (relations.get(i) instanceof List<?> r && r.size() == 2
                    && (mentions(r.get(0), app) || mentions(r.get(1), app))) {
                relations.remove(i);
                lines.remove(i);
            }
        }
    }

    private static boolean mentions(Object endpoint, String app) {
        String s = String.valueOf(endpoint);
        return s.equals(app) || s.startsWith(app + ":");
    }

    private static void mergeFields(Map<String, Object> dst, Map<String, Object> src) {
        src.forEach((field, value) -> {
            boolean nonScalar = NON_SCALAR_MAPS.contains(field);
            if (!nonScalar && !STRING_MAPS.contains(field)) {
                dst.put(field, Raw.copy(value));
                return;
            }
            if (!(value instanceof Map<?, ?> m) ) {
                dst.put(field, new LinkedHashMap<>()); // a null map clears the field
                return;
            }
            Map<String, Object> target = Raw.map(dst.get(field));
            Raw.map(m).forEach((k, v) -> {
                if (v == null && nonScalar) {
                    target.remove(k);
                } else {
                    target.put(k, v == null ? "" : Raw.copy(v));
                }
            });
            dst.put(field, target);
        });
    }

    /** After each part: charm paths and include directives, relative to that part's file. */
    private static void resolve(Map<String, Object> base, BundlePart part, List<Problem> problems) {
        Map<String, Object> apps = Raw.map(base.get("applications"));
        for (Map.Entry<String, Object> e : apps.entrySet()) {
            String app = e.getKey();
            if (!(e.getValue() instanceof Map<?, ?>)) {
                problems.add(Problem.error("A1", "base application \"" + app + "\" has no body",
                        part.sources().locate("applications", app), "give the application a charm, or remove the key"));
                continue;
            }
            Map<String, Object> spec = Raw.map(e.getValue());
            if (spec.get("charm") instanceof String charm && charm.startsWith(".")) {
                spec.put("charm", part.baseDir().resolve(charm).normalize().toString());
            }
            includes(spec, "options", "option", "application", app, part, problems);
            includes(spec, "annotations", "annotation", "application", app, part, problems);
            apps.put(app, spec);
        }
        base.put("applications", apps);
        Map<String, Object> machines = Raw.map(base.get("machines"));
        for (Map.Entry<String, Object> e : machines.entrySet()) {
            if (e.getValue() instanceof Map<?, ?>) {
                Map<String, Object> spec = Raw.map(e.getValue());
                includes(spec, "annotations", "annotation", "machine", e.getKey(), part, problems);
                machines.put(e.getKey(), spec);
            }
        }
        if (base.containsKey("machines")) {
            base.put("machines", machines);
        }
    }

    private static void includes(Map<String, Object> spec, String field, String what, String owner, String name,
                                 BundlePart part, List<Problem> problems) {
        Map<String, Object> values = Raw.map(spec.get(field));
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                continue;
            }
            boolean b64 = s.startsWith("include-base64://");
            if (!b64 && !s.startsWith("include-file://")) {
                continue;
            }
            String rel = s.substring(b64 ? "include-base64://".length() : "include-file://".length());
            Path abs = Path.of(rel).isAbsolute() ? Path.of(rel) : part.baseDir().resolve(rel).normalize();
            String prefix = "processing " + what + " \"" + e.getKey() + "\" for " + owner + " \"" + name
                    + "\": resolving include \"" + rel + "\": ";
            Optional<Location> where = part.sources().locate(owner.equals("machine") ? "machines" : "applications", name,
                    field, e.getKey());
            if (Files.isDirectory(abs)) {
                problems.add(Problem.error("I1", prefix + "include path \"" + abs + "\" resolves to a folder", where,
                        "point the include at a file"));
            } else if (!Files.exists(abs)) {
                problems.add(Problem.error("I1", prefix + "include file \"" + abs + "\" not found", where,
                        "create the file or fix the path (relative to the YAML file that names it)"));
            } else {
                try {
                    byte[] data = Files.readAllBytes(abs);
                    e.setValue(b64 ? Base64.getEncoder().encodeToString(data) : new String(data, java.nio.charset.StandardCharsets.UTF_8));
                } catch (IOException ex) {
                    problems.add(Problem.error("I1", prefix + ex.getMessage(), where, "make the file readable"));
                }
            }
        }
        if (!values.isEmpty()) {
            spec.put(field, values);
        }
    }
}
