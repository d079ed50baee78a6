package io.jcharm.bundle;

import java.nio.file.Path;

/**
 * Finds the metadata of the charm a bundle application names.
 *
 * <pre>{@code
 * CharmLookup lookup = new CharmCatalog(Path.of("bundles/charmhub"));
 * lookup.resolve("../../charms/istio", "", Path.of("bundles/edge"));
 * lookup.resolve("minio", "ckf-1.10/stable", Path.of("bundles/edge"));
 * }</pre>
 */
public interface CharmLookup {

    /**
     * @param charm the application's {@code charm:} value (a path, possibly already absolute, or a charm URL)
     * @param channel the application's {@code channel:} ("" when none): Charmhub metadata differs by track
     * @param bundleDir the directory of the bundle file, for relative paths
     */
    CharmResolution resolve(String charm, String channel, Path bundleDir);
}
