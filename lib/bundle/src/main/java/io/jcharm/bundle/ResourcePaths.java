package io.jcharm.cli;

import io.jcharm.bundle.ApplicationSpec;
import io.jcharm.bundle.BundleData;
import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.ResourceMeta;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which bundle resource values are paths, as {@code juju deploy} decides it, so that rendering
 * into build/bundles keeps them pointing at the same files. Juju 3.6
 * (cmd/juju/application/deployer/bundlehandler.go, makeResourceMap) joins a relative value with
 * the bundle's directory and uploads that file when it exists or when the resource's type is
 * {@code file}; otherwise (an {@code oci-image} such as {@code docker.io/x:1}) the value is kept.
 * So {@code files/image.yaml} is a path as much as {@code ./files/image.yaml}.
 *
 * <p>lib/bundle's renderer rebases only values starting with "." and only for applications with a
 * local charm; this prepares the bundle for it: a path of a local-charm application is written
 * "./"-relative to the bundle's directory (the renderer rebases it), a path of any other
 * application is rebased here to the output directory.
 *
 * <pre>{@code
 * BundleData ready = ResourcePaths.forRender(bundle, charms, bundleDir, Path.of("build/bundles"));
 * }</pre>
 */
final class ResourcePaths {
    private ResourcePaths() {
    }

    static BundleData forRender(BundleData bundle, Map<String, CharmMetadata> charms, Path bundleDir, Path outputDir) {
        Map<String, ApplicationSpec> apps = new LinkedHashMap<>();
        bundle.applications().forEach((name, app) -> {
            if (app == null || app.resources().isEmpty()) {
                apps.put(name, app);
                return;
            }
            boolean localCharm = app.charm().startsWith(".") || Path.of(app.charm()).isAbsolute();
            CharmMetadata meta = charms.get(name);
            Map<String, Object> resources = new LinkedHashMap<>();
            app.resources().forEach((res, value) -> {
                if (!(value instanceof String s) || s.isEmpty() || Path.of(s).isAbsolute() || (localCharm && s.startsWith("."))) {
                    resources.put(res, value);
                    return;
                }
                Path file = bundleDir.resolve(s).toAbsolutePath().normalize();
                ResourceMeta rm = meta == null ? null : meta.resources().get(res);
                boolean path = Files.exists(file) || rm != null && rm.type().equals("file");
                if (!path) {
                    resources.put(res, value);
                } else if (localCharm) {
                    resources.put(res, "./" + Path.of(s).normalize());
                } else {
                    String rel = outputDir.toAbsolutePath().normalize().relativize(file).toString();
                    resources.put(res, rel.startsWith(".") ? rel : "./" + rel);
                }
            });
            apps.put(name, app.withResources(resources));
        });
        return bundle.withApplications(apps);
    }
}
