package io.jcharm.bundle;

import io.jcharm.core.meta.ResourceMeta;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which bundle resource values are paths, as {@code juju deploy} decides it, so that a rendered
 * bundle written elsewhere points at the same files. Juju 3.6
 * (cmd/juju/application/deployer/bundlehandler.go, makeResourceMap) joins a relative value with
 * the bundle's directory and uploads that file when it exists or when the resource's type is
 * {@code file}; otherwise (an {@code oci-image} such as {@code docker.io/x:1}) the value is kept.
 * So {@code files/image.yaml} is a path as much as {@code ./files/image.yaml}; a value starting
 * with "." is read as a path even when the file is missing (no image reference starts so).
 *
 * <pre>{@code
 * ResourcePaths.rebase("files/rules.tar", Optional.empty(), bundleDir, Path.of("build/bundles"));
 * // "../../bundles/x/files/rules.tar" when bundles/x/files/rules.tar exists
 * }</pre>
 */
final class ResourcePaths {
    private ResourcePaths() {
    }

    /**
     * The value as written in a bundle rendered into {@code outputDir}: a path relative to it
     * (starting with ".", as Juju wants a local path), or the value unchanged when it is not a path.
     *
     * @param meta the resource's declaration in the charm's metadata, when known
     */
    static Object rebase(Object value, Optional<ResourceMeta> meta, Path bundleDir, Path outputDir) {
        if (!(value instanceof String s) || s.isEmpty() || Path.of(s).isAbsolute()) {
            return value;
        }
        Path file = bundleDir.resolve(s).toAbsolutePath().normalize();
        boolean path = s.startsWith(".") || Files.exists(file) || meta.map(m -> m.type().equals("file")).orElse(false);
        return path ? BundleRenderer.relative(outputDir.toAbsolutePath().normalize(), file) : value;
    }
}
