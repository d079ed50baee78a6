package io.jcharm.pack;

import io.jcharm.yaml.GoFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Juju's rules for metadata.yaml (juju/charm v12 {@code ReadMeta}, {@code Meta.Check}, container
 * cross-checks and the upload-time name check) with Juju's exact error texts; every problem is
 * reported, not just the first.
 *
 * <pre>{@code
 * new MetadataRules(meta, problems).check();
 * // charmcraft.yaml:14: charm "hello" using a reserved relation name: "juju-snap"
 * }</pre>
 */
final class MetadataRules {
    /** juju/charm url.go validName: each segment after a hyphen must contain a letter. */
    static final Pattern CHARM_NAME = Pattern.compile("^[a-z][a-z0-9]*(-[a-z0-9]*[a-z][a-z0-9]*)*$");
    /** juju/names relation.go RelationSnippet: endpoint names `juju integrate` and bundles accept. */
    static final Pattern ENDPOINT_NAME = Pattern.compile("^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$");
    private static final Pattern TERM_NAME = Pattern.compile("^[a-z](-?[a-z0-9]+)+$");
    private static final Pattern USER_NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9.+-]*[a-zA-Z0-9]$|^[a-zA-Z0-9]$");
    private static final Pattern ASSUME_FEATURE = Pattern.compile("^[a-z][a-z0-9-]*?[a-z0-9]+(\\s*(>=|<)\\s*\\d+(\\.\\d+){0,2})?$");
    private static final String[] ROLES = {"provides", "requires", "peers"};

    /** One endpoint as the checks need it. */
    private record Endpoint(String name, String role, String iface, String scope) {
    }

    private final Map<String, Object> meta;
    private final Problems p;
    private final String name;

    MetadataRules(Map<String, Object> meta, Problems problems) {
        this.meta = meta;
        this.p = problems;
        this.name = meta.get("name") instanceof String s ? s : "";
    }

    void check() {
        MetadataFormat.check(meta, name, p);
        for (String key : List.of("name", "summary", "description")) {
            Object v = meta.get(key);
            if (!(v instanceof String)) {
                p.add(key, "metadata: " + Schema.expected(key, "string", v));
            }
        }
        if (meta.get("name") instanceof String n && (!CHARM_NAME.matcher(n).matches() || n.length() > 40)) {
            p.add("name", "name \"" + n + "\" not valid");
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (String role : ROLES) {
            endpoints.addAll(relations(role));
        }
        boolean subordinate = false;
        if (meta.containsKey("subordinate")) {
            Optional<Boolean> b = Schema.bool(meta.get("subordinate"));
            b.ifPresentOrElse(x -> { }, () -> p.add("subordinate", "metadata: " + Schema.expected("subordinate", "bool",
                    meta.get("subordinate"))));
            subordinate = b.orElse(false);
        }
        checkRelations(endpoints, subordinate);
        extraBindings(endpoints);
        Map<String, String> storageTypes = new StorageRules(meta, p, name).check();
        Map<String, String> resourceTypes = resources();
        containers(resourceTypes, storageTypes);
        terms();
        assumes();
        charmUser();
    }

    private List<Endpoint> relations(String role) {
        List<Endpoint> out = new ArrayList<>();
        if (!meta.containsKey(role)) {
            return out;
        }
        Optional<Map<String, Object>> map = p.stringMap(meta.get(role), role, "metadata: ");
        map.ifPresent(m -> m.forEach((ep, spec) -> endpoint(role, ep, spec).ifPresent(out::add)));
        return out;
    }

    private Optional<Endpoint> endpoint(String role, String ep, Object spec) {
        String path = role + "." + ep;
        if (!ENDPOINT_NAME.matcher(ep).matches()) {
            // Not a juju/charm check, but juju integrate and bundles only accept this syntax.
            p.add(path, "endpoint \"" + ep + "\" is not a valid relation endpoint name: juju integrate and bundles"
                    + " accept only " + ENDPOINT_NAME.pattern() + "; rename it");
        }
        if (spec instanceof String iface) {
            return Optional.of(new Endpoint(ep, role, iface, "global"));
        }
        if (!(spec instanceof Map)) {
            p.add(path, "metadata: " + Schema.expected(path, "map", spec));
            return Optional.empty();
        }
        Optional<Map<String, Object>> m = p.stringMap(spec, path, "metadata: ");
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> r = m.get();
        boolean ok = true;
        if (!(r.get("interface") instanceof String)) {
            p.add(path + ".interface", "metadata: " + Schema.expected(path + ".interface", "string", r.get("interface")));
            ok = false;
        }
        if (r.get("limit") != null && Schema.integer(r.get("limit")).isEmpty()) {
            p.add(path + ".limit", "metadata: " + Schema.unexpected(path + ".limit", r.get("limit")));
        }
        Object scope = r.getOrDefault("scope", "global");
        if (!"global".equals(scope) && !"container".equals(scope)) {
            p.add(path + ".scope", "metadata: " + Schema.unexpected(path + ".scope", scope));
            ok = false;
        }
        if (r.containsKey("optional") && Schema.bool(r.get("optional")).isEmpty()) {
            p.add(path + ".optional", "metadata: " + Schema.expected(path + ".optional", "bool", r.get("optional")));
        }
        return ok ? Optional.of(new Endpoint(ep, role, (String) r.get("interface"), (String) scope)) : Optional.empty();
    }

    private void checkRelations(List<Endpoint> endpoints, boolean subordinate) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (Endpoint e : endpoints) {
            String path = e.role() + "." + e.name();
            // Container-scoped requires on a subordinate may use the juju-* namespace.
            boolean exempt = subordinate && e.role().equals("requires") && e.scope().equals("container");
            if (!exempt && reserved(e.name())) {
                p.add(path, "charm \"" + name + "\" using a reserved relation name: \"" + e.name() + "\"");
            }
            if (!e.role().equals("requires") && reserved(e.iface())) {
                p.add(path, "charm \"" + name + "\" relation \"" + e.name() + "\" using a reserved interface: \""
                        + e.iface() + "\"");
            }
            if (seen.containsKey(e.name())) {
                p.add(path, "charm \"" + name + "\" using a duplicated relation name: \"" + e.name() + "\"");
            }
            seen.put(e.name(), e.role());
        }
        if (subordinate && endpoints.stream().noneMatch(e -> e.role().equals("requires") && e.scope().equals("container"))) {
            p.add("subordinate", "subordinate charm \"" + name + "\" lacks \"requires\" relation with container scope");
        }
    }

    /** juju/charm reservedName: "juju" and "juju-*" belong to Juju unless the charm's own name starts with juju-. */
    boolean reserved(String endpointOrInterface) {
        return !name.startsWith("juju-") && (endpointOrInterface.equals("juju") || endpointOrInterface.startsWith("juju-"));
    }

    private void extraBindings(List<Endpoint> endpoints) {
        if (!meta.containsKey("extra-bindings")) {
            return;
        }
        Object v = meta.get("extra-bindings");
        if (!(v instanceof Map<?, ?> m)) {
            p.add("extra-bindings", "metadata: " + Schema.expected("extra-bindings", "map", v));
            return;
        }
        String prefix = "charm \"" + name + "\" has invalid extra bindings: ";
        if (m.isEmpty()) {
            p.add("extra-bindings", prefix + "extra bindings cannot be empty when specified");
            return;
        }
        TreeSet<String> clash = new TreeSet<>();
        m.forEach((k, val) -> {
            if (!(k instanceof String s) || s.isEmpty()) {
                p.add("extra-bindings", "metadata: " + Schema.expected("extra-bindings", "non-empty binding name", k));
                return;
            }
            if (val != null) {
                p.add("extra-bindings." + s, "metadata: " + Schema.expected("extra-bindings." + s, "empty value", val));
            }
            if (endpoints.stream().anyMatch(e -> e.name().equals(s))) {
                clash.add(s);
            }
        });
        if (!clash.isEmpty()) {
            p.add("extra-bindings", prefix + "relation names (" + String.join(", ", clash) + ") cannot be used in extra bindings");
        }
    }

    private Map<String, String> resources() {
        Map<String, String> types = new LinkedHashMap<>();
        if (!meta.containsKey("resources")) {
            return types;
        }
        p.stringMap(meta.get("resources"), "resources", "metadata: ").ifPresent(all -> all.forEach((r, spec) -> {
            String path = "resources." + r;
            Optional<Map<String, Object>> m = p.stringMap(spec, path, "metadata: ");
            if (m.isEmpty()) {
                return;
            }
            Map<String, Object> res = m.get();
            boolean ok = true;
            for (String key : List.of("type", "filename", "description")) {
                if (res.containsKey(key) && !(res.get(key) instanceof String)) {
                    p.add(path + "." + key, "metadata: " + Schema.expected(path + "." + key, "string", res.get(key)));
                    ok = false;
                }
            }
            if (!ok) {
                return;
            }
            String type = (String) res.getOrDefault("type", "file");
            String filename = (String) res.getOrDefault("filename", "");
            if (!type.equals("file") && !type.equals("oci-image")) {
                p.add(path + ".type", "unsupported resource type \"" + type + "\"");
                return;
            }
            types.put(r, type);
            if (type.equals("file") && filename.isEmpty()) {
                p.add(path, "resource missing filename");
            } else if (type.equals("file") && filename.contains("/")) {
                p.add(path + ".filename", "filename cannot contain \"/\" (got " + GoFormat.quote(filename) + ")");
            }
        }));
        return types;
    }

    private void containers(Map<String, String> resources, Map<String, String> storage) {
        if (!meta.containsKey("containers")) {
            return;
        }
        p.stringMap(meta.get("containers"), "containers", "metadata: ").ifPresent(all -> all.forEach((c, spec) -> {
            String path = "containers." + c;
            Optional<Map<String, Object>> m = p.stringMap(spec, path, "metadata: ");
            m.ifPresent(container -> new ContainerRules(p, path, c, container, resources, storage).check());
        }));
    }

    private void terms() {
        if (!meta.containsKey("terms")) {
            return;
        }
        Object v = meta.get("terms");
        if (!(v instanceof List<?> list)) {
            p.add("terms", "metadata: " + Schema.expected("terms", "list", v));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String path = "terms[" + i + "]";
            if (!(list.get(i) instanceof String term)) {
                p.add(path, "metadata: " + Schema.expected(path, "string", list.get(i)));
                continue;
            }
            termError(term).ifPresent(msg -> p.add(path, msg));
        }
    }

    /** juju/charm ParseTerm: [tenant:][owner/]name[/revision]. */
    static Optional<String> termError(String s) {
        String tenant = "";
        String id = s;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            tenant = s.substring(0, colon);
            id = s.substring(colon + 1);
        }
        String[] t = id.split("/", -1);
        String owner = "";
        String termName;
        long revision = 0;
        switch (t.length) {
            case 1 -> termName = t[0];
            case 2 -> {
                Optional<Long> rev = parseAtoi(t[1]);
                if (rev.isPresent()) {
                    termName = t[0];
                    revision = rev.get();
                } else {
                    owner = t[0];
                    termName = t[1];
                }
            }
            case 3 -> {
                Optional<Long> rev = parseAtoi(t[2]);
                if (rev.isEmpty()) {
                    return Optional.of("invalid revision number \"" + t[2] + "\" strconv.Atoi: parsing \"" + t[2]
                            + "\": invalid syntax");
                }
                owner = t[0];
                termName = t[1];
                revision = rev.get();
            }
            default -> {
                return Optional.of("unknown term id format " + GoFormat.quote(s));
            }
        }
        if (!tenant.isEmpty() && !tenant.equals("cs") && !TERM_NAME.matcher(tenant).matches()) {
            return Optional.of("wrong term tenant format " + GoFormat.quote(tenant));
        }
        if (!owner.isEmpty() && !USER_NAME.matcher(owner).matches()) {
            return Optional.of("wrong owner format " + GoFormat.quote(owner));
        }
        if (!TERM_NAME.matcher(termName).matches()) {
            return Optional.of("wrong term name format " + GoFormat.quote(termName));
        }
        return revision < 0 ? Optional.of("negative term revision") : Optional.empty();
    }

    private static Optional<Long> parseAtoi(String s) {
        return s.matches("[+-]?[0-9]{1,18}") ? Optional.of(Long.parseLong(s)) : Optional.empty();
    }

    private void assumes() {
        if (!meta.containsKey("assumes")) {
            return;
        }
        Object v = meta.get("assumes");
        if (!(v instanceof List<?> list)) {
            p.add("assumes", "metadata: " + Schema.expected("assumes", "list", v));
            return;
        }
        assumeList(list, "assumes");
    }

    private void assumeList(List<?> list, String path) {
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String at = path + "[" + i + "]";
            if (item instanceof String s) {
                if (!ASSUME_FEATURE.matcher(s.trim()).matches()) {
                    p.add(at, "parsing assumes: malformed feature expression " + GoFormat.quote(s));
                }
            } else if (item instanceof Map<?, ?> m && m.size() == 1
                    && (m.containsKey("any-of") || m.containsKey("all-of"))
                    && m.values().iterator().next() instanceof List<?> sub) {
                assumeList(sub, at + "." + m.keySet().iterator().next());
            } else {
                p.add(at, "parsing assumes: expected a feature expression or a map with a single any-of or all-of"
                        + " list, got " + GoFormat.syntax(item));
            }
        }
    }

    private void charmUser() {
        if (!meta.containsKey("charm-user")) {
            return;
        }
        Object v = meta.get("charm-user");
        if (!(v instanceof String s)) {
            p.add("charm-user", "metadata: " + Schema.expected("charm-user", "string", v));
        } else if (!List.of("root", "sudoer", "non-root").contains(s)) {
            p.add("charm-user", "parsing charm-user: invalid charm-user " + GoFormat.quote(s)
                    + " expected one of root, sudoer or non-root");
        }
    }

}
