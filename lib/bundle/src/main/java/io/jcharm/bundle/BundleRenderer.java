package io.jcharm.bundle;

import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.ResourceMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Makes a bundle ready for {@code juju deploy}: every local charm directory is replaced by its
 * packed {@code target/*.charm}, paths (charms, and the resource values Juju reads as paths, of
 * every application: see {@code ResourcePaths}) are made relative to where the rendered bundle is
 * written, and each {@code oci-image} resource the bundle does not set gets the image the charm
 * names as its {@code upstream-source}.
 *
 * <pre>{@code
 * BundleRenderer.Rendered r = BundleRenderer.render(result.bundle().get(), result.charms(), bundleDir, Path.of("build/bundles"));
 * Files.writeString(Path.of("build/bundles/edge.yaml"), BundleWriter.write(r.bundle()));
 * }</pre>
 */
public final class BundleRenderer {

    /** The rendered bundle and notes for the user (resources still missing, charms used). */
    public record Rendered(BundleData bundle, List<String> notes) {
        public Rendered {
            notes = List.copyOf(notes);
        }
    }

    private BundleRenderer() {
    }

    /**
     * @param charms metadata of each application's charm, for resource defaults
     * @throws BundleException when a local charm has not been packed
     */
    public static Rendered render(BundleData bd, Map<String, CharmMetadata> charms, Path bundleDir, Path outputDir) {
        List<String> notes = new ArrayList<>();
        Map<String, ApplicationSpec> apps = new LinkedHashMap<>();
        Path out = outputDir.toAbsolutePath().normalize();
        bd.applications().forEach((name, app) -> {
            if (app == null) {
                apps.put(name, null);
                return;
            }
            CharmMetadata meta = charms.get(name);
            Map<String, Object> resources = new LinkedHashMap<>();
            app.resources().forEach((r, v) -> resources.put(r, ResourcePaths.rebase(v,
                    Optional.ofNullable(meta).map(m -> m.resources().get(r)), bundleDir, out)));
            boolean local = app.charm().startsWith(".") || Path.of(app.charm()).isAbsolute();
            if (!local) {
                apps.put(name, app.resources().isEmpty() ? app : app.withResources(resources));
                return;
            }
            Path charm = bundleDir.resolve(app.charm()).toAbsolutePath().normalize();
            Path packed = Files.isDirectory(charm) ? packed(name, charm) : charm;
            ApplicationSpec rendered = app.withCharm(relative(out, packed));
            if (meta != null) {
                for (ResourceMeta r : meta.resources().values()) {
                    if (resources.containsKey(r.name())) {
                        continue;
                    }
                    if (r.type().equals("oci-image") && r.upstreamSource().isPresent()) {
                        resources.put(r.name(), r.upstreamSource().get());
                    } else {
                        notes.add(name + ": resource \"" + r.name() + "\" (" + r.type() + ") has no value; juju deploy will refuse "
                                + "a local charm without it: set applications." + name + ".resources." + r.name());
                    }
                }
            }
            apps.put(name, rendered.withResources(resources));
        });
        return new Rendered(bd.withApplications(apps), notes);
    }

    /** The newest {@code target/*.charm} of a charm directory. */
    static Path packed(String app, Path charmDir) {
        Path target = charmDir.resolve("target");
        try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
            Optional<Path> newest = files.filter(p -> p.getFileName().toString().endsWith(".charm"))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()));
            return newest.orElseThrow(() -> new BundleException("application \"" + app + "\": charm " + charmDir
                    + " is not packed (no target/*.charm)", Optional.empty(),
                    "pack it first: ./jcharm pack " + charmDir + "  (the launcher does this for you)"));
        } catch (IOException e) {
            throw new BundleException("cannot list " + target + ": " + e.getMessage(), Optional.empty(), "check permissions", e);
        }
    }

    /** A path Juju treats as local: relative ones must start with "." . */
    static String relative(Path from, Path to) {
        String rel = from.relativize(to).toString();
        return rel.startsWith(".") ? rel : "./" + rel;
    }
}
