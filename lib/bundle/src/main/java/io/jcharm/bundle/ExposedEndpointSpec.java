package io.jcharm.bundle;

import java.util.List;

/**
 * Who may reach an exposed endpoint (overlay only).
 *
 * <pre>{@code
 * new ExposedEndpointSpec(List.of(), List.of("10.0.0.0/8"))
 * }</pre>
 */
public record ExposedEndpointSpec(List<String> exposeToSpaces, List<String> exposeToCidrs) {
    public ExposedEndpointSpec {
        exposeToSpaces = List.copyOf(exposeToSpaces);
        exposeToCidrs = List.copyOf(exposeToCidrs);
    }
}
