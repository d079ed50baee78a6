package io.jcharm.bundle;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bundle as Juju reads it: type, applications, machines, SAAS, relations and the rest.
 * A {@code null} application or machine value is a key written with no body (Juju reports it).
 *
 * <pre>{@code
 * BundleData b = new BundleReader().read(Path.of("bundles/edge")).merged();
 * b.isKubernetes();                 // true
 * b.relations().get(0);             // [istio:gateway-info, seldon-core:gateway-info]
 * }</pre>
 *
 * @param type {@code ""} (machines) or {@code kubernetes}
 * @param extras top-level keys Juju ignores ({@code name}, {@code docs}, {@code type}, ...), kept for output
 */
public record BundleData(String type, Map<String, ApplicationSpec> applications, Map<String, MachineSpec> machines,
                         Map<String, SaasSpec> saas, List<List<String>> relations, String series, String defaultBase,
                         String description, List<String> tags, Map<String, Object> extras) {

    public BundleData {
        applications = Maps.copy(applications);
        machines = Maps.copy(machines);
        saas = Maps.copy(saas);
        relations = relations.stream().map(List::copyOf).toList();
        tags = List.copyOf(tags);
        extras = Maps.copy(extras);
    }

    /** What Juju decodes a document with a type error into: nothing at all. */
    static BundleData empty() {
        return new BundleData("", Map.of(), Map.of(), Map.of(), List.of(), "", "", "", List.of(), Map.of());
    }

    public boolean isKubernetes() {
        return "kubernetes".equals(type);
    }

    /** The bundle's {@code name:} key (a Charmhub convention Juju ignores), if any. */
    public Optional<String> name() {
        return Optional.ofNullable(extras.get("name")).map(String::valueOf).filter(s -> !s.isEmpty());
    }

    public BundleData withApplications(Map<String, ApplicationSpec> apps) {
        return new BundleData(type, apps, machines, saas, relations, series, defaultBase, description, tags, extras);
    }

    public BundleData withParts(Map<String, ApplicationSpec> apps, Map<String, MachineSpec> newMachines,
                                Map<String, SaasSpec> newSaas, List<List<String>> newRelations) {
        return new BundleData(type, apps, newMachines, newSaas, newRelations, series, defaultBase, description, tags, extras);
    }
}
