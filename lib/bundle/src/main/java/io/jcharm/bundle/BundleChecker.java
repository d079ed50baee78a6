package io.jcharm.bundle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a bundle the way {@code juju deploy} and then the controller would: read and normalise
 * every document (a document with a type error decodes to nothing, as in Juju), verify the base
 * document, refuse overlay-only fields in it, merge the overlays, verify the result (with the
 * charm-aware checks when charms can be found), then the deploy-time checks.
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
        if (base.dropped()) {
            problems.add(dropped(base));
            return new CheckResult(file, Optional.of(base.data()), base.sources(), Map.of(), problems);
        }
        for (BundlePart overlay : parts.subList(1, parts.size())) {
            if (overlay.dropped()) {
                problems.add(ignoredOverlay(overlay));
            }
        }
        boolean single = parts.size() == 1;
        // A key with no body fails the merge itself, so Juju only ever reports it from the base pass.
        boolean bodiless = base.data().applications().containsValue(null);
        List<Problem> overlayOnly = OverlayMerger.overlayOnlyFields(base);
        if (!single || bodiless || !overlayOnly.isEmpty()) {
            // juju deploy verifies the base document alone first (image-id refused), and stops there on error.
            List<Problem> baseProblems = new BundleVerifier(base.data(), base.sources(), base.baseDir(), Optional.empty())
                    .baseDocument().verify();
            if (baseProblems.stream().anyMatch(Problem::isError)) {
                problems.addAll(baseProblems);
                return new CheckResult(file, Optional.of(base.data()), base.sources(), Map.of(), problems);
            }
        }
        if (!overlayOnly.isEmpty()) {
            // ReadAndMergeBundleData returns them as one VerificationError, printed as one line.
            Problem first = overlayOnly.get(0);
            String more = overlayOnly.size() > 1 ? " (and " + (overlayOnly.size() - 1) + " more errors)" : "";
            problems.add(Problem.error(first.check(), first.message() + more, first.location(), first.hint()
                    + (more.isEmpty() ? "" : "; the others: " + String.join(", ", overlayOnly.subList(1, overlayOnly.size())
                            .stream().map(p -> p.message().replace(" can only appear in an overlay section", "")).toList()))));
            return new CheckResult(file, Optional.of(base.data()), base.sources(), Map.of(), problems);
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
                    m.put(name, l.resolve(app.charm(), app.channel(), base.baseDir()));
                }
            });
            return m;
        });
        BundleVerifier verifier = new BundleVerifier(data, merged.sources(), base.baseDir(), resolutions);
        if (single) {
            verifier.baseDocument(); // one document: the base pass and the merged pass are the same bundle
        }
        problems.addAll(verifier.verify());
        if (lookup.isPresent()) {
            new ControllerChecks(data, merged.sources(), verifier.charms(), problems).applications();
        }
        trustGiven.ifPresent(t -> problems.addAll(ControllerChecks.trust(data, t, merged.sources())));
        return new CheckResult(file, Optional.of(data), merged.sources(), verifier.charms(), problems);
    }

    /** Juju decodes a document with a type error to nothing; for the bundle itself that leaves no application. */
    private static Problem dropped(BundlePart base) {
        Problem first = base.typeErrors().get(0);
        int more = base.typeErrors().size() - 1;
        String where = first.location().map(l -> l.line() > 0 ? " at line " + l.line() : "").orElse("");
        return Problem.error("A0", "at least one application must be specified (Juju's YAML decoder drops the whole "
                + "document at a type error: " + first.message() + where + (more > 0 ? ", and " + more + " more" : "") + ")",
                first.location(), first.hint());
    }

    private static Problem ignoredOverlay(BundlePart overlay) {
        Problem first = overlay.typeErrors().get(0);
        return Problem.error("U3", "overlay document " + overlay.doc().index() + " of " + overlay.doc().file().getFileName()
                + " is ignored by juju deploy, silently: its YAML decoder drops the whole document at a type error ("
                + first.message() + ")", first.location(), first.hint());
    }
}
