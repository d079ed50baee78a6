package io.jcharm.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which kinds (and namespaces) a resource set has ever put objects in, kept in a ConfigMap
 * named {@code jcharm-<app>-<set>}, so that pruning finds objects of a kind the set no longer
 * lists at all, with one GET instead of listing every kind the server knows.
 *
 * <pre>{@code
 * kinds:      "apps/v1 Deployment\nv1 ConfigMap"
 * namespaces: "kubeflow"
 * }</pre>
 */
record Inventory(SortedSet<String> kinds, SortedSet<String> namespaces) {
    static final String KINDS = "kinds";
    static final String NAMESPACES = "namespaces";
    static final String INVENTORY_OF = "jcharm.io/inventory-of";

    Inventory {
        kinds = new TreeSet<>(kinds);
        namespaces = new TreeSet<>(namespaces);
    }

    static Inventory empty() {
        return new Inventory(new TreeSet<>(), new TreeSet<>());
    }

    static String name(ResourceLabels labels) {
        return "jcharm-" + labels.app() + "-" + labels.set();
    }

    /** A kind as stored: {@code apiVersion kind}. */
    static String kind(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }

    static Inventory from(ConfigMap cm) {
        if (cm == null || cm.getData() == null) {
            return empty();
        }
        return new Inventory(lines(cm.getData().get(KINDS)), lines(cm.getData().get(NAMESPACES)));
    }

    Inventory union(Inventory other) {
        Inventory u = new Inventory(kinds, namespaces);
        u.kinds.addAll(other.kinds);
        u.namespaces.addAll(other.namespaces);
        return u;
    }

    boolean covers(Inventory other) {
        return kinds.containsAll(other.kinds) && namespaces.containsAll(other.namespaces);
    }

    ConfigMap toConfigMap(ResourceLabels labels, String namespace) {
        Map<String, String> l = labels.all();
        l.remove(ResourceLabels.RESOURCE_SET); // so pruning this set never selects its own inventory
        l.put(INVENTORY_OF, labels.set());
        return new ConfigMapBuilder().withNewMetadata().withName(name(labels)).withNamespace(namespace)
                .withLabels(l).endMetadata()
                .withData(Map.of(KINDS, String.join("\n", kinds), NAMESPACES, String.join("\n", namespaces)))
                .build();
    }

    private static SortedSet<String> lines(String s) {
        SortedSet<String> out = new TreeSet<>();
        if (s != null) {
            Arrays.stream(s.split("\n")).map(String::trim).filter(x -> !x.isEmpty()).forEach(out::add);
        }
        return out;
    }
}
