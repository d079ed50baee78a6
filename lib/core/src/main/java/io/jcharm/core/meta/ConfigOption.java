package io.jcharm.core.meta;

import java.util.Optional;

/**
 * One config option: its type, default (already of the Java type: String, Long, Double,
 * Boolean) and description.
 *
 * <pre>{@code
 * new ConfigOption("gateway-service-type", OptionType.STRING, Optional.of("LoadBalancer"), "...")
 * }</pre>
 */
public record ConfigOption(String name, OptionType type, Optional<Object> defaultValue, String description) {
}
