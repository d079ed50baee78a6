package io.jcharm.bundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link BundleData} back as bundle.yaml, in the usual key order, leaving out empty
 * values as Juju does ({@code scale} for Kubernetes bundles, {@code num_units} otherwise).
 *
 * <pre>{@code
 * Files.writeString(out, BundleWriter.write(bundle));
 * }</pre>
 */
public final class BundleWriter {
    private BundleWriter() {
    }

    public static String write(BundleData bd) {
        return YamlEmitter.emit(toRaw(bd));
    }

    static Map<String, Object> toRaw(BundleData bd) {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "bundle", bd.type());
        if (bd.extras().containsKey("name")) {
            out.put("name", bd.extras().get("name"));
        }
        put(out, "description", bd.description());
        bd.extras().forEach((k, v) -> {
            if (!k.equals("name") && !k.equals("type")) {
                out.put(k, v);
            }
        });
        put(out, "series", bd.series());
        put(out, "default-base", bd.defaultBase());
        put(out, "tags", bd.tags());
        Map<String, Object> saas = new LinkedHashMap<>();
        bd.saas().forEach((n, s) -> saas.put(n, s == null ? null : Map.of("url", s.url())));
        put(out, "saas", saas);
        Map<String, Object> apps = new LinkedHashMap<>();
        bd.applications().forEach((n, a) -> apps.put(n, a == null ? null : application(a, bd.isKubernetes())));
        put(out, "applications", apps);
        Map<String, Object> machines = new LinkedHashMap<>();
        bd.machines().forEach((id, m) -> machines.put(id, m == null ? null : machine(m)));
        put(out, "machines", machines);
        put(out, "relations", new ArrayList<>(bd.relations()));
        if (bd.extras().containsKey("type")) {
            out.put("type", bd.extras().get("type"));
        }
        return out;
    }

    private static Map<String, Object> application(ApplicationSpec a, boolean kubernetes) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "charm", a.charm());
        put(m, "channel", a.channel());
        a.revision().ifPresent(r -> m.put("revision", r));
        put(m, "series", a.series());
        put(m, "base", a.base());
        if (a.numUnits() != 0) {
            m.put(kubernetes ? "scale" : "num_units", a.numUnits());
        }
        put(m, "to", a.to());
        if (a.trust()) {
            m.put("trust", true);
        }
        if (a.expose()) {
            m.put("expose", true);
        }
        Map<String, Object> exposed = new LinkedHashMap<>();
        a.exposedEndpoints().forEach((ep, s) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            put(e, "expose-to-spaces", s.exposeToSpaces());
            put(e, "expose-to-cidrs", s.exposeToCidrs());
            exposed.put(ep, e);
        });
        put(m, "exposed-endpoints", exposed);
        put(m, "constraints", a.constraints());
        put(m, "options", a.options());
        put(m, "resources", a.resources());
        put(m, "storage", a.storage());
        put(m, "devices", a.devices());
        put(m, "bindings", a.bindings());
        put(m, "annotations", a.annotations());
        Map<String, Object> offers = new LinkedHashMap<>();
        a.offers().forEach((o, s) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("endpoints", s.endpoints());
            put(e, "acl", s.acl());
            offers.put(o, e);
        });
        put(m, "offers", offers);
        put(m, "plan", a.plan());
        m.putAll(a.extras());
        return m;
    }

    private static Map<String, Object> machine(MachineSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "constraints", s.constraints());
        put(m, "annotations", s.annotations());
        put(m, "series", s.series());
        put(m, "base", s.base());
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object v) {
        if (v == null || v instanceof String s && s.isEmpty() || v instanceof Map<?, ?> mm && mm.isEmpty()
                || v instanceof List<?> l && l.isEmpty()) {
            return;
        }
        m.put(key, v);
    }
}
