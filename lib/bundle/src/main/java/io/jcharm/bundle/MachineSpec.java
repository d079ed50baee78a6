package io.jcharm.bundle;

import java.util.Map;

/**
 * A machine the bundle's placements refer to.
 *
 * <pre>{@code
 * new MachineSpec("cores=2 mem=4G", Map.of(), "", "ubuntu@22.04")
 * }</pre>
 */
public record MachineSpec(String constraints, Map<String, String> annotations, String series, String base) {
    public MachineSpec {
        annotations = Maps.copy(annotations);
    }
}
