package io.jcharm.controller;

import java.util.Map;
import java.util.Set;

/**
 * What the controller knows of an application's charm, from its metadata: the names a hook tool
 * may be asked about. The host reads the metadata; the controller never parses charm files.
 *
 * <pre>{@code
 * new CharmFacts(Set.of("greeting"), Set.of(), Set.of("image"), Map.of("data", "filesystem"));
 * }</pre>
 *
 * @param endpoints relation endpoints (requires, provides and peers)
 * @param extraBindings extra-bindings names (network-get accepts them too)
 * @param resources declared resource names
 * @param storage declared storage name to its type ({@code filesystem} or {@code block})
 */
public record CharmFacts(Set<String> endpoints, Set<String> extraBindings, Set<String> resources,
                         Map<String, String> storage) {
    public CharmFacts {
        endpoints = Set.copyOf(endpoints);
        extraBindings = Set.copyOf(extraBindings);
        resources = Set.copyOf(resources);
        storage = Map.copyOf(storage);
    }
}
