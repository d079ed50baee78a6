package io.jcharm.core.meta;

import java.util.Optional;

/**
 * A resource the charm declares ({@code file} or {@code oci-image}).
 *
 * <pre>{@code
 * new ResourceMeta("oci-image", "oci-image", Optional.empty(), "the manager image", Optional.of("docker.io/seldonio/seldon-core-operator:1.17.1"))
 * }</pre>
 *
 * @param upstreamSource the default image, a convention both Juju and charmcraft ignore
 */
public record ResourceMeta(String name, String type, Optional<String> filename, String description,
                           Optional<String> upstreamSource) {
}
