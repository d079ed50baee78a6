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
 * anything is deployed; then finds each local charm's packed archive, and each Charmhub charm's
 * stand-in ({@link StandinCatalog}), and deploys.
 *
 * <pre>{@code
 * new BundleDeployer(ops, dirs).deploy(Path.of("bundles/edge"), List.of());
 * }</pre>
 */
final class BundleDeployer {
    private final Operations ops;
    private final StateDir dirs;

    BundleDeployer(Operations ops, StateDir dirs) {
        this.ops = ops;
        this.dirs = dirs;
    }

    /** The Charmhub data files for a bundle: {@code given}, else the nearest above the bundle. */
    static Optional<Path> charmhubDir(Path bundle, Optional<Path> given) {
        return given.or(() -> CharmCatalog.findCharmhubDir(BundleReader.bundleFile(bundle).toAbsolutePath().getParent()));
    }

    /**
     * The verified bundle, or the refusal. {@code charmhubDir}: the Charmhub data files
     * ({@code bundles/charmhub}) for the charm-aware checks and the stand-ins ({@link #charmhubDir}).
     */
    static CheckResult check(Path bundle, List<Path> overlays, Optional<Path> charmhubDir) {
        CharmCatalog catalog = new CharmCatalog(charmhubDir);
        // The local model stands in for a deploy with --trust: trusting is the user's choice, made by rehearsing.
        CheckResult result = new BundleChecker(Optional.of(catalog)).check(bundle, overlays, Optional.empty());
        if (!result.ok()) {
            throw new BundleRefusedException(bundle.toString(), result.errors().stream().map(Problem::format).toList(),
                    "fix the bundle; jcharm bundle verify " + bundle + " shows the same");
        }
        return result;
    }

    /**
     * Deploys every application and relation of a verified bundle. Into a model that already has
     * some of them, it applies the difference as {@code juju deploy} does (new applications,
     * options, added units, added relations), telling {@code say} the changes first; what the
     * bundle no longer names stays.
     */
    void deploy(CheckResult result, Optional<Path> charmhubDir, java.util.function.Consumer<String> say) {
        BundleData bd = result.bundle().orElseThrow();
        Path dir = result.bundleFile().toAbsolutePath().getParent();
        BundleRenderer.Rendered rendered;
        try {
            rendered = BundleRenderer.render(bd, result.charms(), dir, dir);
        } catch (BundleException e) {
            throw new BundleRefusedException(result.bundleFile().toString(), List.of(e.getMessage()), e.hint());
        }
        // Charmhub charms run as their stand-ins (charms/standins/<charm>), or inert ones built from their snapshots.
        StandinCatalog standinCatalog = new StandinCatalog(charmhubDir, dirs);
        Map<String, Standin> standins = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        rendered.bundle().applications().forEach((name, app) -> {
            if (!app.charm().startsWith(".") && !Path.of(app.charm()).isAbsolute() && !ops.charmNames().containsKey(name)) {
                List<String> whyNot = new ArrayList<>();
                standinCatalog.find(app.charm(), app.channel() == null ? "" : app.channel(), dir, whyNot).ifPresentOrElse(
                        s -> standins.put(name, s),
                        () -> problems.add("application \"" + name + "\": charm \"" + app.charm() + "\" comes from Charmhub, which"
                                + " the local model cannot run: " + String.join("; ", whyNot)));
            }
        });
        if (!problems.isEmpty()) {
            throw new BundleRefusedException(result.bundleFile().toString(), problems, "add a snapshot with jcharm charmhub"
                    + " import (the charm then runs as an inert stand-in), write a stand-in, or deploy with --juju");
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
        // The relations with their endpoints inferred, as Juju records them.
        List<List<String>> relations = new ArrayList<>();
        for (List<String> rel : bd.relations()) {
            Inference inf = EndpointInference.infer(spec(rel.get(0)), spec(rel.get(1)),
                    app -> Optional.ofNullable(result.charms().get(app)), EndpointInference.Style.BUNDLE);
            if (inf instanceof Inference.Inferred i) {
                relations.add(List.of(i.first().toString(), i.second().toString()));
            } else {
                throw new LocalModelException("cannot relate " + rel + ": " + ((Inference.Failed) inf).message(),
                        "name the endpoints in the bundle");
            }
        }
        Map<String, BundleDiff.Wanted> wanted = new LinkedHashMap<>();
        rendered.bundle().applications().forEach((name, app) -> {
            CharmMetadata meta = result.charms().get(name);
            Map<String, Object> typed = new LinkedHashMap<>();
            options(app).forEach((k, v) -> {
                if (v != null) {
                    typed.put(k, Configs.coerce(meta, k, v));
                }
            });
            long units = app.numUnits() > 0 || meta != null && meta.subordinate() ? app.numUnits() : 1;
            wanted.put(name, new BundleDiff.Wanted(units, typed, app.wantsTrust()));
        });
        BundleDiff diff = new BundleDiff(wanted, relations, bd.isKubernetes(), ops.doc());
        boolean redeploy = diff.partDeployed();
        if (redeploy) {
            say.accept(diff.empty() ? "the model already matches the bundle: nothing to change"
                    : "changes (as juju diff-bundle lists them):\n" + diff.yaml().stripTrailing());
        }
        List<String> applied = new ArrayList<>();
        rendered.bundle().applications().forEach((name, app) -> {
            BundleDiff.Wanted w = wanted.get(name);
            if (existing.containsKey(name)) {
                Map<String, Object> changed = diff.changedOptions(name);
                boolean trustChanges = ops.app(name).trust != w.trust();
                if (!changed.isEmpty() || trustChanges) {
                    ops.setOptions(name, changed, w.trust());
                    applied.add("set options of " + name + (changed.isEmpty() ? "" : " " + changed.keySet())
                            + (trustChanges ? " trust=" + w.trust() : ""));
                }
                long add = diff.unitsToAdd(name);
                for (long k = 0; k < add; k++) {
                    applied.add("add unit " + ops.addUnit(name));
                }
                return;
            }
            Standin standin = standins.get(name);
            Path archive = standin != null ? standin.archive() : dir.resolve(app.charm()).normalize();
            ops.addApplication(name, archive, app.charm(), options(app), resources(app, dir), (int) w.units(), w.trust());
            if (standin != null) {
                ops.app(name).standIn = standin.describe();
            }
            applied.add("deploy application " + name);
        });
        for (List<String> rel : relations) {
            EndpointSpec a = spec(rel.get(0));
            EndpointSpec b = spec(rel.get(1));
            if (!ops.related(a.application(), a.relation(), b.application(), b.relation())) {
                ops.addRelation(a.application(), a.relation(), b.application(), b.relation());
                applied.add("add relation " + rel.get(0) + " - " + rel.get(1));
            }
        }
        unsettled(relations, standins).forEach(say);
        if (redeploy && !applied.isEmpty()) {
            say.accept("applying: " + String.join("; ", applied));
        }
        List<String> kept = new ArrayList<>();
        diff.modelOnlyApps().forEach(a -> kept.add("application " + a));
        diff.modelAdditions().forEach(r -> kept.add("relation " + r.get(0) + " - " + r.get(1)));
        if (redeploy && !kept.isEmpty()) {
            say.accept("kept, though the bundle does not name them (as juju deploy, nothing is removed; remove them with "
                    + "jcharm remove-application / remove-relation): " + String.join(", ", kept));
        }
    }

    /** One line per relation that cannot settle because one end is an inert stand-in, which writes no relation data. */
    static List<String> unsettled(List<List<String>> relations, Map<String, Standin> standins) {
        List<String> out = new ArrayList<>();
        for (List<String> rel : relations) {
            for (String end : rel) {
                Standin s = standins.get(spec(end).application());
                if (s != null && s.inert()) {
                    out.add("relation " + rel.get(0) + " - " + rel.get(1) + " cannot settle: " + spec(end).application()
                            + " is an " + s.describe() + " (there is no charms/standins/" + s.charm() + ")");
                }
            }
        }
        return out;
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
