package io.jcharm.bundle;

import io.jcharm.yaml.GoFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Subsets of a bundle: the applications asked for, or those the bundle marks for the edge with the
 * application annotation {@code jcharm/edge: "true"}. Only relations whose two ends remain are
 * kept; placements on removed applications and machines no longer used are dropped, so the subset
 * passes the verifier whenever the whole bundle does.
 *
 * <pre>{@code
 * BundleData edge = BundleSelector.select(bundle, BundleSelector.edgeApplications(bundle)).bundle();
 * }</pre>
 */
public final class BundleSelector {
    /** The application annotation that marks an application for the edge subset. */
    public static final String EDGE_ANNOTATION = "jcharm/edge";
    /**
     * The application annotation holding the options the edge subset sets on top of the
     * application's own, as a YAML mapping in a string (annotations are strings), e.g.
     * {@code "{profile: edge}"}: the full stack sizes Istio for a cluster, the edge for one node.
     */
    public static final String EDGE_OPTIONS_ANNOTATION = "jcharm/edge-options";

    /** A subset and what had to change to keep it valid. */
    public record Selection(BundleData bundle, List<String> notes) {
        public Selection {
            notes = List.copyOf(notes);
        }
    }

    private BundleSelector() {
    }

    /** Applications annotated {@code jcharm/edge: "true"}, in bundle order. */
    public static Set<String> edgeApplications(BundleData bd) {
        Set<String> out = new LinkedHashSet<>();
        bd.applications().forEach((name, app) -> {
            if (app != null && "true".equalsIgnoreCase(app.annotations().getOrDefault(EDGE_ANNOTATION, "").trim())) {
                out.add(name);
            }
        });
        return out;
    }

    /**
     * The edge subset: the applications {@link #edgeApplications} names, each with its
     * {@value #EDGE_OPTIONS_ANNOTATION} merged over its options (the annotation itself dropped).
     *
     * @throws BundleException naming the application when its edge options are not a YAML mapping
     */
    public static Selection edge(BundleData bd) {
        Selection s = select(bd, edgeApplications(bd));
        Map<String, ApplicationSpec> apps = new LinkedHashMap<>();
        s.bundle().applications().forEach((name, app) -> {
            String raw = app == null ? null : app.annotations().get(EDGE_OPTIONS_ANNOTATION);
            if (raw == null) {
                apps.put(name, app);
                return;
            }
            Object parsed;
            try {
                parsed = io.jcharm.yaml.GoYaml.read(raw, java.nio.file.Path.of("annotation")).get(0).root();
            } catch (RuntimeException e) {
                parsed = e;
            }
            if (!(parsed instanceof Map<?, ?> m)) {
                throw new BundleException("application \"" + name + "\": annotation " + EDGE_OPTIONS_ANNOTATION + " is not a YAML mapping: "
                        + GoFormat.quote(raw), Optional.empty(), "write it as a string holding a flow mapping, e.g. \"{profile: edge}\"");
            }
            Map<String, Object> options = new LinkedHashMap<>(app.options());
            m.forEach((k, v) -> options.put(String.valueOf(k), v));
            Map<String, String> annotations = new LinkedHashMap<>(app.annotations());
            annotations.remove(EDGE_OPTIONS_ANNOTATION);
            apps.put(name, app.withOptions(options).withAnnotations(annotations));
        });
        return new Selection(s.bundle().withParts(apps, s.bundle().machines(), s.bundle().saas(), s.bundle().relations()),
                s.notes());
    }

    /**
     * @param names applications (and SAAS entries) to keep
     * @throws BundleException naming what the bundle has when a name is not in it
     */
    public static Selection select(BundleData bd, Set<String> names) {
        Set<String> unknown = new TreeSet<>(names);
        unknown.removeAll(bd.applications().keySet());
        unknown.removeAll(bd.saas().keySet());
        if (!unknown.isEmpty()) {
            throw new BundleException("no application " + String.join(", ", unknown) + " in the bundle", Optional.empty(),
                    "choose from: " + String.join(", ", bd.applications().keySet()));
        }
        List<String> notes = new ArrayList<>();
        Map<String, ApplicationSpec> apps = new LinkedHashMap<>();
        Map<String, Integer> machineRefs = new LinkedHashMap<>();
        bd.applications().forEach((name, app) -> {
            if (!names.contains(name)) {
                return;
            }
            if (app == null) {
                apps.put(name, null);
                return;
            }
            List<String> to = new ArrayList<>();
            for (String p : app.to()) {
                Optional<Grammar.Placement> pl = bd.isKubernetes() ? Optional.empty() : Grammar.parsePlacement(p);
                if (pl.isPresent() && !pl.get().application().isEmpty() && !names.contains(pl.get().application())) {
                    notes.add("dropped placement " + GoFormat.quote(p) + " of " + name + ": " + pl.get().application() + " is not in the subset");
                    continue;
                }
                pl.filter(x -> x.application().isEmpty() && !x.machine().equals("new"))
                        .ifPresent(x -> machineRefs.merge(x.machine(), 1, Integer::sum));
                to.add(p);
            }
            apps.put(name, app.withTo(to));
        });
        Map<String, MachineSpec> machines = new LinkedHashMap<>();
        bd.machines().forEach((id, m) -> {
            if (machineRefs.containsKey(id)) {
                machines.put(id, m);
            }
        });
        Map<String, SaasSpec> saas = new LinkedHashMap<>();
        bd.saas().forEach((n, s) -> {
            if (names.contains(n)) {
                saas.put(n, s);
            }
        });
        List<List<String>> relations = new ArrayList<>();
        for (List<String> rel : bd.relations()) {
            if (rel.stream().allMatch(e -> names.contains(e.contains(":") ? e.substring(0, e.indexOf(':')) : e))) {
                relations.add(rel);
            } else {
                notes.add("dropped relation " + String.join(" - ", rel));
            }
        }
        return new Selection(bd.withParts(apps, machines, saas, relations), notes);
    }
}
