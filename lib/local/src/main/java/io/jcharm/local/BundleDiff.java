package io.jcharm.local;

import io.jcharm.bundle.YamlEmitter;
import io.jcharm.controller.Relation;
import io.jcharm.local.ModelDoc.App;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The differences between a bundle and the model it is deployed into again, in the shape
 * {@code juju diff-bundle} prints them (applications missing on one side, {@code num_units} or
 * {@code scale}, {@code options} with their {@code bundle} and {@code model} values, relations as
 * {@code bundle-additions} and {@code model-additions}), split into what a redeploy applies (the
 * bundle side) and what it leaves (the model side: {@code juju deploy} never removes).
 *
 * <pre>{@code
 * BundleDiff d = BundleDiff.of(doc, wanted, relations, false);
 * System.out.print(d.yaml());    // applications:\n  b:\n    options:\n      greeting:\n        bundle: Hi\n ...
 * }</pre>
 *
 * @param apps application name to what the bundle wants of it
 * @param relations the bundle's relations, endpoints inferred, each {@code [a:x, b:y]}
 * @param kubernetes whether the bundle is a Kubernetes bundle (unit counts are {@code scale})
 */
record BundleDiff(Map<String, Wanted> apps, List<List<String>> relations, boolean kubernetes, ModelDoc doc) {

    /**
     * One application as the bundle has it.
     *
     * @param units how many units the bundle asks for
     * @param options the options the bundle sets, typed by the charm
     */
    record Wanted(long units, Map<String, Object> options, boolean trust) {
    }

    /** Applications the bundle names that the model does not have. */
    List<String> newApps() {
        return apps.keySet().stream().filter(a -> !doc.applications.containsKey(a)).sorted().toList();
    }

    /** For an application both have: the options whose bundle value differs from the model's. */
    Map<String, Object> changedOptions(String app) {
        Map<String, Object> out = new TreeMap<>();
        App a = doc.applications.get(app);
        apps.get(app).options().forEach((k, v) -> {
            if (!Objects.equals(v, a.config.get(k))) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** For an application both have: how many units to add (never negative: a redeploy does not scale down). */
    long unitsToAdd(String app) {
        return Math.max(0, apps.get(app).units() - aliveUnits(doc.applications.get(app)));
    }

    /** The bundle's relations the model lacks. */
    List<List<String>> bundleAdditions() {
        TreeSet<String> model = new TreeSet<>();
        modelRelations().forEach(r -> model.add(String.join(" ", r)));
        return relations.stream().map(BundleDiff::canonical).filter(r -> !model.contains(String.join(" ", r)))
                .sorted(java.util.Comparator.comparing((List<String> r) -> String.join(" ", r))).toList();
    }

    /** The model's relations the bundle does not name (a redeploy keeps them). */
    List<List<String>> modelAdditions() {
        TreeSet<String> bundle = new TreeSet<>();
        relations.forEach(r -> bundle.add(String.join(" ", canonical(r))));
        return modelRelations().stream().filter(r -> !bundle.contains(String.join(" ", r))).toList();
    }

    /** Applications of the model the bundle does not name (a redeploy keeps them). */
    List<String> modelOnlyApps() {
        return doc.applications.keySet().stream().filter(a -> !apps.containsKey(a) && inPart(a) && !doc.applications.get(a).dying())
                .sorted().toList();
    }

    /** Whether the bundle's part of the model already runs an application (then deploying it again is a redeploy). */
    boolean partDeployed() {
        return doc.applications.keySet().stream().anyMatch(a -> inPart(a) && !doc.applications.get(a).dying());
    }

    /**
     * Whether an application belongs to the part of the model this bundle is deployed into. On
     * Juju the two parts of a bundle (Kubernetes, machines) go to two models, and {@code juju
     * diff-bundle} in one never sees the other's applications; the local model holds both.
     */
    private boolean inPart(String app) {
        App a = doc.applications.get(app);
        return a != null && a.kubernetes == kubernetes;
    }

    boolean empty() {
        return yamlTree().isEmpty();
    }

    /** What {@code juju diff-bundle} would print for this bundle and model. */
    String yaml() {
        Map<String, Object> tree = yamlTree();
        if (tree.isEmpty()) {
            return "{}\n";
        }
        @SuppressWarnings("unchecked")
        Map<String, List<List<String>>> rels = (Map<String, List<List<String>>>) tree.remove("relations");
        StringBuilder out = new StringBuilder(tree.isEmpty() ? "" : YamlEmitter.emit(tree));
        if (rels != null) {
            // As Go's yaml.v2 writes a list of pairs: items at their key's indent, block style.
            out.append("relations:\n");
            rels.forEach((side, pairs) -> {
                out.append("  ").append(side).append(":\n");
                for (List<String> pair : pairs) {
                    out.append("  - - ").append(pair.get(0)).append("\n    - ").append(pair.get(1)).append('\n');
                }
            });
        }
        return out.toString();
    }

    private Map<String, Object> yamlTree() {
        Map<String, Object> applications = new TreeMap<>();
        TreeSet<String> names = new TreeSet<>(apps.keySet());
        names.addAll(modelOnlyApps());
        for (String name : names) {
            App a = doc.applications.get(name);
            Wanted w = apps.get(name);
            Map<String, Object> d = new LinkedHashMap<>();
            if (w == null) {
                d.put("missing", "bundle");
            } else if (a == null || a.dying()) {
                d.put("missing", "model");
            } else {
                int model = aliveUnits(a);
                if (w.units() != model) {
                    d.put(kubernetes ? "scale" : "num_units", side(w.units(), model));
                }
                Map<String, Object> options = new TreeMap<>();
                TreeSet<String> keys = new TreeSet<>(w.options().keySet());
                keys.addAll(a.config.keySet());
                for (String k : keys) {
                    Object b = w.options().get(k);
                    Object m = a.config.get(k);
                    if (!Objects.equals(b, m)) {
                        options.put(k, side(b, m));
                    }
                }
                if (w.trust() != a.trust) {
                    options.put("trust", side(w.trust(), a.trust));
                }
                if (!options.isEmpty()) {
                    d.put("options", options);
                }
            }
            if (!d.isEmpty()) {
                applications.put(name, d);
            }
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        if (!applications.isEmpty()) {
            tree.put("applications", applications);
        }
        Map<String, Object> rels = new LinkedHashMap<>();
        if (!bundleAdditions().isEmpty()) {
            rels.put("bundle-additions", bundleAdditions());
        }
        if (!modelAdditions().isEmpty()) {
            rels.put("model-additions", modelAdditions());
        }
        if (!rels.isEmpty()) {
            tree.put("relations", rels);
        }
        return tree;
    }

    private static Map<String, Object> side(Object bundle, Object model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bundle", bundle);
        m.put("model", model);
        return m;
    }

    private List<List<String>> modelRelations() {
        List<List<String>> out = new ArrayList<>();
        for (Relation r : doc.relations.values()) {
            if (!r.peer() && !r.dying() && inPart(r.endpoints.get(0).app()) && inPart(r.endpoints.get(1).app())) {
                out.add(canonical(List.of(r.endpoints.get(0).toString(), r.endpoints.get(1).toString())));
            }
        }
        out.sort(java.util.Comparator.comparing((List<String> r) -> String.join(" ", r)));
        return out;
    }

    /** Juju compares relations with their two ends in lexical order. */
    private static List<String> canonical(List<String> r) {
        return r.get(0).compareTo(r.get(1)) <= 0 ? List.of(r.get(0), r.get(1)) : List.of(r.get(1), r.get(0));
    }

    private static int aliveUnits(App a) {
        return (int) a.units.values().stream().filter(u -> !u.dying()).count();
    }
}
