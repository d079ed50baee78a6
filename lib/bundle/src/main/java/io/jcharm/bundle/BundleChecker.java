package io.jcharm.bundle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a bundle the way {@code juju deploy} and then the controller would: read and normalise
 * every document, refuse overlay-only fields in the base, verify the base document, merge the
 * overlays, verify the result (with the charm-aware checks when charms can be found), then the
 * deploy-time checks.
 *
 * <pre>{@code
 * BundleChecker checker = new BundleChecker(Optional.of(new CharmCatalog(CharmCatalog.findCharmhubDir(dir))));
 * CheckResult result = checker.check(Path.of("bundles/edge"), List.of(), Optional.empty());
 * }</pre>
 */
public final class BundleChecker {
    private final Optional<CharmLookup> lookup;

    /** @param lookup where to find charm metadata; empty for Juju's client-side checks only */
    public BundleChecker(Optional<CharmLookup> lookup) {
        this.lookup = lookup;
    }

    /**
     * @param trustGiven when present, also check trust consent as {@code juju deploy [--trust]} would
     */
    public CheckResult check(Path bundle, List<Path> overlays, Optional<Boolean> trustGiven) {
        List<Problem> problems = new ArrayList<>();
        Path file;
        List<BundlePart> parts;
        try {
            file = BundleReader.bundleFile(bundle);
            parts = new BundleReader().parts(bundle, overlays, problems);
        } catch (BundleException e) {
            problems.add(e.toProblem());
            return new CheckResult(bundle, Optional.empty(), SourceMap.empty(bundle), Map.of(), problems);
        }
        BundlePart base = parts.get(0);
        List<Problem> overlayOnly = OverlayMerger.overlayOnlyFields(base);
        if (!overlayOnly.isEmpty()) {
            problems.addAll(overlayOnly);
            return new CheckResult(file, Optional.of(base.data()), base.sources(), Map.of(), problems);
        }
        // A key with no body fails the merge itself, so Juju only ever reports it from this pass.
        boolean bodiless = base.data().applications().containsValue(null);
        if (parts.size() > 1 || bodiless) {
            // juju deploy verifies the base document alone before merging, and stops there on error.
            List<Problem> baseProblems = new BundleVerifier(base.data(), base.sources(), base.baseDir(), Optional.empty()).verify();
            if (!baseProblems.isEmpty()) {
                problems.addAll(baseProblems);
                return new CheckResult(file, Optional.of(base.data()), base.sources(), Map.of(), problems);
            }
        }
        OverlayMerger.Merged merged = new OverlayMerger().merge(parts);
        if (!merged.problems().isEmpty()) {
            problems.addAll(merged.problems());
            return new CheckResult(file, Optional.empty(), merged.sources(), Map.of(), problems);
        }
        BundleData data = merged.data();
        Optional<Map<String, CharmResolution>> resolutions = lookup.map(l -> {
            Map<String, CharmResolution> m = new LinkedHashMap<>();
            data.applications().forEach((name, app) -> {
                if (app != null && !app.charm().isEmpty()) {
                    m.put(name, l.resolve(app.charm(), base.baseDir()));
                }
            });
            return m;
        });
        BundleVerifier verifier = new BundleVerifier(data, merged.sources(), base.baseDir(), resolutions);
        problems.addAll(verifier.verify());
        if (lookup.isPresent()) {
            new ControllerChecks(data, merged.sources(), verifier.charms(), problems).applications();
        }
        trustGiven.ifPresent(t -> problems.addAll(ControllerChecks.trust(data, t, merged.sources())));
        return new CheckResult(file, Optional.of(data), merged.sources(), verifier.charms(), problems);
    }
}
