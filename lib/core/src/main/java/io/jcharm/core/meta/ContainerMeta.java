package io.jcharm.core.meta;

import java.util.List;
import java.util.Optional;

/**
 * A workload container of a sidecar charm.
 *
 * <pre>{@code
 * meta.containers().get("seldon-core").resource();  // Optional[oci-image]
 * }</pre>
 */
public record ContainerMeta(String name, Optional<String> resource, List<Mount> mounts) {

    /** A storage mounted into the container. */
    public record Mount(String storage, String location) {
    }
}
