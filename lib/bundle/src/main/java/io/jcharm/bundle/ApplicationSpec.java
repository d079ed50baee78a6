package io.jcharm.bundle;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One application of a bundle, with every key Juju reads ({@code scale} is folded into
 * {@code numUnits} and {@code placement} into {@code to}, as Juju normalises them).
 *
 * <pre>{@code
 * ApplicationSpec istio = bundle.applications().get("istio");
 * istio.charm();    // ../../charms/istio
 * istio.trust();    // true
 * }</pre>
 *
 * @param resources resource name to revision (Long) or local path / image (String)
 * @param options config values as YAML typed them (String, Long, Double, Boolean, ...)
 * @param extras keys Juju does not know (kept so a subset or render does not lose them)
 */
public record ApplicationSpec(String charm, String channel, Optional<Long> revision, String series, String base,
                              Map<String, Object> resources, long numUnits, List<String> to, boolean expose,
                              Map<String, ExposedEndpointSpec> exposedEndpoints, Map<String, Object> options,
                              Map<String, String> annotations, String constraints, Map<String, String> storage,
                              Map<String, String> devices, Map<String, String> bindings,
                              Map<String, OfferSpec> offers, String plan, boolean trust, Map<String, Object> extras) {

    public ApplicationSpec {
        resources = Maps.copy(resources);
        to = List.copyOf(to);
        exposedEndpoints = Maps.copy(exposedEndpoints);
        options = Maps.copy(options);
        annotations = Maps.copy(annotations);
        storage = Maps.copy(storage);
        devices = Maps.copy(devices);
        bindings = Maps.copy(bindings);
        offers = Maps.copy(offers);
        extras = Maps.copy(extras);
    }

    /** A minimal application: a charm and a unit count. */
    public static ApplicationSpec of(String charm, long units) {
        return new ApplicationSpec(charm, "", Optional.empty(), "", "", Map.of(), units, List.of(), false, Map.of(),
                Map.of(), Map.of(), "", Map.of(), Map.of(), Map.of(), Map.of(), "", false, Map.of());
    }

    /** Whether the bundle asks for trust, by the key or the {@code trust} option (§4.6). */
    public boolean wantsTrust() {
        return trust || Boolean.TRUE.equals(options.get("trust"));
    }

    public ApplicationSpec withCharm(String newCharm) {
        return new ApplicationSpec(newCharm, channel, revision, series, base, resources, numUnits, to, expose,
                exposedEndpoints, options, annotations, constraints, storage, devices, bindings, offers, plan, trust, extras);
    }

    public ApplicationSpec withResources(Map<String, Object> newResources) {
        return new ApplicationSpec(charm, channel, revision, series, base, newResources, numUnits, to, expose,
                exposedEndpoints, options, annotations, constraints, storage, devices, bindings, offers, plan, trust, extras);
    }

    public ApplicationSpec withTo(List<String> newTo) {
        return new ApplicationSpec(charm, channel, revision, series, base, resources, numUnits, newTo, expose,
                exposedEndpoints, options, annotations, constraints, storage, devices, bindings, offers, plan, trust, extras);
    }

    public ApplicationSpec withOptions(Map<String, Object> newOptions) {
        return new ApplicationSpec(charm, channel, revision, series, base, resources, numUnits, to, expose,
                exposedEndpoints, newOptions, annotations, constraints, storage, devices, bindings, offers, plan, trust, extras);
    }

    public ApplicationSpec withAnnotations(Map<String, String> newAnnotations) {
        return new ApplicationSpec(charm, channel, revision, series, base, resources, numUnits, to, expose,
                exposedEndpoints, options, newAnnotations, constraints, storage, devices, bindings, offers, plan, trust, extras);
    }
}
