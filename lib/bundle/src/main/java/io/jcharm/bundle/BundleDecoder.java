package io.jcharm.bundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one bundle document (plain YAML values) into {@link BundleData} the way Juju decodes it:
 * an unknown key is ignored and reported as a warning (Juju shows them only with
 * {@code --dry-run}); a value of the wrong type is a type error in go-yaml's words, which makes
 * Juju drop the whole document (the caller decides what that means).
 */
final class BundleDecoder {
    static final Set<String> TOP_KEYS = Set.of("bundle", "applications", "services", "machines", "saas", "series",
            "default-base", "relations", "tags", "description");
    /** Keys Charmhub and charmcraft write into bundles; Juju ignores them without harm (§4.1). */
    static final Set<String> CHARMHUB_KEYS = Set.of("name", "docs", "issues", "source", "website", "variables", "type");
    static final Set<String> APP_KEYS = Set.of("charm", "channel", "revision", "series", "base", "resources", "num_units",
            "scale", "to", "placement", "expose", "exposed-endpoints", "options", "annotations", "constraints", "storage",
            "devices", "bindings", "offers", "plan", "trust");

    private final SourceMap where;
    private final List<Problem> warnings;
    private final List<Problem> typeErrors;

    /** @param typeErrors receives go-yaml's type errors ({@code cannot unmarshal !!str `3` into int}) */
    BundleDecoder(SourceMap where, List<Problem> warnings, List<Problem> typeErrors) {
        this.where = where;
        this.warnings = warnings;
        this.typeErrors = typeErrors;
    }

    BundleData decode(Object root) {
        Map<String, Object> top = root instanceof Map<?, ?> ? Raw.map(root) : Map.of();
        if (root != null && !(root instanceof Map)) {
            typeError(List.of(), root, "charm.legacyBundleData");
        }
        Map<String, Object> extras = new LinkedHashMap<>();
        top.forEach((k, v) -> {
            if (!TOP_KEYS.contains(k)) {
                extras.put(k, v);
                if (!CHARMHUB_KEYS.contains(k)) {
                    warn(List.of(k), "field " + k + " not found in bundle; juju deploy ignores it");
                }
            }
        });
        Object appsRaw = top.containsKey("applications") ? top.get("applications") : top.get("services");
        Map<String, ApplicationSpec> apps = new LinkedHashMap<>();
        mapOf(appsRaw, List.of("applications")).forEach((name, spec) ->
                apps.put(name, spec == null ? null : application(name, spec)));
        Map<String, MachineSpec> machines = new LinkedHashMap<>();
        mapOf(top.get("machines"), List.of("machines")).forEach((id, spec) ->
                machines.put(id, spec == null ? null : machine(id, spec)));
        Map<String, SaasSpec> saas = new LinkedHashMap<>();
        mapOf(top.get("saas"), List.of("saas")).forEach((name, spec) ->
                saas.put(name, spec == null ? null : new SaasSpec(str(Raw.map(spec).get("url"), List.of("saas", name, "url")))));
        List<List<String>> relations = new ArrayList<>();
        List<Object> rels = listOf(top.get("relations"), List.of("relations"));
        for (int i = 0; i < rels.size(); i++) {
            relations.add(strings(rels.get(i), List.of("relations", Integer.toString(i))));
        }
        return new BundleData(str(top.get("bundle"), List.of("bundle")), apps, machines, saas, relations,
                str(top.get("series"), List.of("series")), str(top.get("default-base"), List.of("default-base")),
                str(top.get("description"), List.of("description")), strings(top.get("tags"), List.of("tags")), extras);
    }

    private ApplicationSpec application(String name, Object spec) {
        List<String> p = List.of("applications", name);
        Map<String, Object> m = mapOf(spec, p);
        Map<String, Object> extras = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!APP_KEYS.contains(k)) {
                extras.put(k, v);
                if (!k.startsWith("_")) {
                    warn(Raw.path(p, k), "field " + k + " not found in applications; juju deploy ignores it");
                }
            }
        });
        long numUnits = integer(m.get("num_units"), Raw.path(p, "num_units"));
        long scale = integer(m.get("scale"), Raw.path(p, "scale"));
        List<String> to = strings(m.get("to"), Raw.path(p, "to"));
        String placement = str(m.get("placement"), Raw.path(p, "placement"));
        // Normalisation already ran on the raw document; this keeps a lone decode consistent.
        if (scale > 0 && numUnits == 0) {
            numUnits = scale;
        }
        if (!placement.isEmpty() && to.isEmpty()) {
            to = List.of(placement);
        }
        Optional<Long> revision = m.get("revision") == null ? Optional.empty()
                : Optional.of(integer(m.get("revision"), Raw.path(p, "revision")));
        Map<String, ExposedEndpointSpec> exposed = new LinkedHashMap<>();
        mapOf(m.get("exposed-endpoints"), Raw.path(p, "exposed-endpoints")).forEach((ep, v) -> {
            Map<String, Object> e = Raw.map(v);
            List<String> ep0 = Raw.path(p, "exposed-endpoints", ep);
            exposed.put(ep, new ExposedEndpointSpec(strings(e.get("expose-to-spaces"), Raw.path(ep0, "expose-to-spaces")),
                    strings(e.get("expose-to-cidrs"), Raw.path(ep0, "expose-to-cidrs"))));
        });
        Map<String, OfferSpec> offers = new LinkedHashMap<>();
        mapOf(m.get("offers"), Raw.path(p, "offers")).forEach((o, v) -> {
            Map<String, Object> e = Raw.map(v);
            List<String> o0 = Raw.path(p, "offers", o);
            offers.put(o, new OfferSpec(strings(e.get("endpoints"), Raw.path(o0, "endpoints")),
                    stringMap(e.get("acl"), Raw.path(o0, "acl"))));
        });
        return new ApplicationSpec(str(m.get("charm"), Raw.path(p, "charm")), str(m.get("channel"), Raw.path(p, "channel")),
                revision, str(m.get("series"), Raw.path(p, "series")), str(m.get("base"), Raw.path(p, "base")),
                mapOf(m.get("resources"), Raw.path(p, "resources")), numUnits, to,
                bool(m.get("expose"), Raw.path(p, "expose")), exposed, mapOf(m.get("options"), Raw.path(p, "options")),
                stringMap(m.get("annotations"), Raw.path(p, "annotations")), str(m.get("constraints"), Raw.path(p, "constraints")),
                stringMap(m.get("storage"), Raw.path(p, "storage")), stringMap(m.get("devices"), Raw.path(p, "devices")),
                stringMap(m.get("bindings"), Raw.path(p, "bindings")), offers, str(m.get("plan"), Raw.path(p, "plan")),
                bool(m.get("trust"), Raw.path(p, "trust")), extras);
    }

    private MachineSpec machine(String id, Object spec) {
        List<String> p = List.of("machines", id);
        Map<String, Object> m = mapOf(spec, p);
        return new MachineSpec(str(m.get("constraints"), Raw.path(p, "constraints")),
                stringMap(m.get("annotations"), Raw.path(p, "annotations")), str(m.get("series"), Raw.path(p, "series")),
                str(m.get("base"), Raw.path(p, "base")));
    }

    private String str(Object v, List<String> path) {
        if (v == null) {
            return "";
        }
        if (v instanceof Map || v instanceof List) {
            typeError(path, v, "string");
            return "";
        }
        return Raw.text(v);
    }

    private long integer(Object v, List<String> path) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d && d >= Long.MIN_VALUE && d <= Long.MAX_VALUE) {
            return d.longValue(); // yaml.v2 truncates a float into an int field, when it fits
        }
        typeError(path, v, "int");
        return 0;
    }

    private boolean bool(Object v, List<String> path) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        typeError(path, v, "bool");
        return false;
    }

    private List<String> strings(Object v, List<String> path) {
        List<String> out = new ArrayList<>();
        List<Object> items = listOf(v, path);
        for (int i = 0; i < items.size(); i++) {
            out.add(str(items.get(i), Raw.path(path, Integer.toString(i))));
        }
        return out;
    }

    private Map<String, String> stringMap(Object v, List<String> path) {
        Map<String, String> out = new LinkedHashMap<>();
        mapOf(v, path).forEach((k, val) -> out.put(k, str(val, Raw.path(path, k))));
        return out;
    }

    private List<Object> listOf(Object v, List<String> path) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        typeError(path, v, "[]string");
        return List.of();
    }

    private Map<String, Object> mapOf(Object v, List<String> path) {
        if (v == null) {
            return new LinkedHashMap<>();
        }
        if (v instanceof Map) {
            return Raw.map(v);
        }
        typeError(path, v, "map[string]interface {}");
        return new LinkedHashMap<>();
    }

    /** go-yaml's text: {@code cannot unmarshal !!str `3` into int}, {@code cannot unmarshal !!map into string}. */
    private void typeError(List<String> path, Object v, String goType) {
        String value = v instanceof Map || v instanceof List ? "" : " `" + Raw.text(v) + "`";
        typeErrors.add(Problem.error("U2", "cannot unmarshal " + Raw.yamlKind(v) + value + " into " + goType,
                where.locate(path), "write " + String.join(".", path) + " as " + goType + " (a quoted \"3\" is a string, yes/no a bool)"));
    }

    private void warn(List<String> path, String message) {
        warnings.add(Problem.warning("U1", message, where.locate(path),
                "remove or correct the key: juju deploy --dry-run lists it as a field that will be ignored"));
    }
}
