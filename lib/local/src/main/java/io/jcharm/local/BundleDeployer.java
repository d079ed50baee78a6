package io.jcharm.local;

import io.jcharm.bundle.ApplicationSpec;
import io.jcharm.bundle.BundleChecker;
import io.jcharm.bundle.BundleData;
import io.jcharm.bundle.BundleException;
import io.jcharm.bundle.BundleReader;
import io.jcharm.bundle.BundleRenderer;
import io.jcharm.bundle.CharmCatalog;
import io.jcharm.bundle.CheckResult;
import io.jcharm.bundle.EndpointInference;
import io.jcharm.bundle.Grammar.EndpointSpec;
import io.jcharm.bundle.Inference;
import io.jcharm.bundle.Problem;
import io.jcharm.core.meta.CharmMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a bundle into applications and relations of the local model: reads and verifies it
 * (with overlays, and the charm-aware checks) and refuses it with every problem listed before
 * anything is deployed; then finds each local charm's packed archive and deploys.
 *
 * <pre>{@code
 * new BundleDeployer(ops).deploy(Path.of("bundles/edge"), List.of());
 * }</pre>
 */
final class BundleDeployer {
    private final Operations ops;

    BundleDeployer(Operations ops) {
        this.ops = ops;
    }

    /** The verified bundle, or the refusal. */
    static CheckResult check(Path bundle, List<Path> overlays) {
        Path dir = BundleReader.bundleFile(bundle).toAbsolutePath().getParent();
        CharmCatalog catalog = new CharmCatalog(CharmCatalog.findCharmhubDir(dir));
        // The local model stands in for a deploy with --trust: trusting is the user's choice, made by rehearsing.
        CheckResult result = new BundleChecker(Optional.of(catalog)).check(bundle, overlays, Optional.empty());
        if (!result.ok()) {
            throw new BundleRefusedException(bundle.toString(), result.errors().stream().map(Problem::format).toList(),
                    "fix the bundle; jcharm bundle verify " + bundle + " shows the same");
        }
        return result;
    }

    /** Deploys every application and relation of a verified bundle. */
    void deploy(CheckResult result) {
        BundleData bd = result.bundle().orElseThrow();
        Path dir = result.bundleFile().toAbsolutePath().getParent();
        BundleRenderer.Rendered rendered;
        try {
            rendered = BundleRenderer.render(bd, result.charms(), dir, dir);
        } catch (BundleException e) {
            throw new BundleRefusedException(result.bundleFile().toString(), List.of(e.getMessage()), e.hint());
        }
        List<String> problems = new ArrayList<>();
        rendered.bundle().applications().forEach((name, app) -> {
            if (!app.charm().startsWith(".") && !Path.of(app.charm()).isAbsolute()) {
                problems.add("application \"" + name + "\": charm \"" + app.charm() + "\" comes from Charmhub, which the local"
                        + " model cannot run: it runs only the packed charms of this repository");
            }
        });
        if (!problems.isEmpty()) {
            throw new BundleRefusedException(result.bundleFile().toString(), problems,
                    "rehearse a bundle of local charms (for example jcharm bundle select ... --edge), or deploy with --juju");
        }
        Map<String, String> existing = ops.charmNames();
        List<String> clashes = new ArrayList<>();
        result.charms().forEach((name, meta) -> {
            if (existing.containsKey(name) && !existing.get(name).equals(meta.name())) {
                clashes.add("application \"" + name + "\" already runs charm \"" + existing.get(name) + "\", not \"" + meta.name() + "\"");
            }
        });
        if (!clashes.isEmpty()) {
            throw new BundleRefusedException(result.bundleFile().toString(), clashes,
                    "remove those applications first (jcharm remove-application), or rehearse in a fresh model directory");
        }
        rendered.bundle().applications().forEach((name, app) -> {
            if (existing.containsKey(name)) {
                return; // already deployed: as juju deploy, leave it
            }
            Path archive = dir.resolve(app.charm()).normalize();
            CharmMetadata meta = result.charms().get(name);
            long units = app.numUnits() > 0 || meta != null && meta.subordinate() ? app.numUnits() : 1;
            ops.addApplication(name, archive, app.charm(), options(app), resources(app, dir), (int) units, app.wantsTrust());
        });
        for (List<String> rel : bd.relations()) {
            Inference inf = EndpointInference.infer(spec(rel.get(0)), spec(rel.get(1)),
                    app -> Optional.ofNullable(result.charms().get(app)), EndpointInference.Style.BUNDLE);
            if (inf instanceof Inference.Inferred i) {
                if (!ops.related(i.first().application(), i.first().endpoint().name(), i.second().application(),
                        i.second().endpoint().name())) {
                    ops.addRelation(i.first().application(), i.first().endpoint().name(), i.second().application(),
                            i.second().endpoint().name());
                }
            } else {
                throw new LocalModelException("cannot relate " + rel + ": " + ((Inference.Failed) inf).message(),
                        "name the endpoints in the bundle");
            }
        }
    }

    static EndpointSpec spec(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? new EndpointSpec(text, "") : new EndpointSpec(text.substring(0, colon), text.substring(colon + 1));
    }

    private static Map<String, Object> options(ApplicationSpec app) {
        Map<String, Object> out = new LinkedHashMap<>(app.options());
        out.remove("trust"); // Juju's own option, not the charm's
        return out;
    }

    private static Map<String, String> resources(ApplicationSpec app, Path dir) {
        Map<String, String> out = new LinkedHashMap<>();
        app.resources().forEach((k, v) -> {
            if (v instanceof String s) {
                Path p = dir.resolve(s).normalize();
                out.put(k, s.startsWith(".") || s.startsWith("/") ? p.toString() : s);
            }
        });
        return out;
    }
}
