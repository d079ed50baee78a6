package io.jcharm.cli;

import io.jcharm.bundle.BundleData;
import io.jcharm.core.meta.CharmMetadata;
import java.nio.file.Path;
import java.util.Map;

/**
 * One bundle file of a deployment, verified and rendered: the machine part of an edge bundle, or
 * the (Kubernetes) bundle itself.
 *
 * <pre>{@code
 * new DeployPart("edge", Path.of("build/bundles/edge.yaml"), bundle, charms)
 * }</pre>
 *
 * @param rendered the file {@code juju deploy} takes
 * @param bundle the verified bundle (expected applications and units)
 */
public record DeployPart(String name, Path rendered, BundleData bundle, Map<String, CharmMetadata> charms) {

    public boolean kubernetes() {
        return bundle.isKubernetes();
    }
}
