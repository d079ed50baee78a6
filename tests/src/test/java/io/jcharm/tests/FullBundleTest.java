package io.jcharm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.bundle.BundleChecker;
import io.jcharm.bundle.BundleData;
import io.jcharm.bundle.BundleSelector;
import io.jcharm.bundle.CharmCatalog;
import io.jcharm.bundle.CheckResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * bundles/full as Juju would take it: alone, with each overlay and with all three stacked; its
 * edge subset is bundles/edge; its machine part is bundles/edge's file. (BundlesTest rehearses it.)
 */
class FullBundleTest {
    private static final Path FULL = Rehearsals.repo().resolve("bundles/full");
    private static final Path EDGE = Rehearsals.repo().resolve("bundles/edge");

    private static CheckResult check(Path bundle, List<Path> overlays) {
        return new BundleChecker(Optional.of(new CharmCatalog(CharmCatalog.findCharmhubDir(bundle))))
                .check(bundle, overlays, Optional.empty());
    }

    private static Path overlay(String name) {
        return FULL.resolve("overlays").resolve(name + ".yaml");
    }

    @Test
    void theFullBundleVerifiesAloneWithEachOverlayAndStacked() {
        List<List<Path>> cases = List.of(List.of(), List.of(overlay("auth")), List.of(overlay("external-db")),
                List.of(overlay("small")), List.of(overlay("auth"), overlay("external-db"), overlay("small")));
        for (List<Path> overlays : cases) {
            CheckResult r = check(FULL.resolve("bundle.yaml"), overlays);
            assertTrue(r.ok(), overlays + ": " + r.problems());
        }
        BundleData external = check(FULL.resolve("bundle.yaml"), List.of(overlay("external-db"))).bundle().orElseThrow();
        assertTrue(!external.applications().containsKey("mysql-k8s") && external.saas().containsKey("mysql"),
                "the offered MySQL replaces the bundle's own");
        assertTrue(external.relations().contains(List.of("kfp:relational-db", "mysql:database")), external.relations().toString());
    }

    @Test
    void theEdgeSubsetIsTheEdgeBundleAndTheMachinePartIsShared() throws Exception {
        BundleData full = check(FULL.resolve("bundle.yaml"), List.of()).bundle().orElseThrow();
        BundleData edge = check(EDGE.resolve("bundle.yaml"), List.of()).bundle().orElseThrow();
        BundleData selected = BundleSelector.edge(full).bundle();
        assertEquals(edge.applications(), selected.applications());
        assertEquals(edge.relations(), selected.relations());
        assertEquals(Files.readString(EDGE.resolve("machine.yaml")), Files.readString(FULL.resolve("machine.yaml")));
        assertTrue(Files.isSymbolicLink(FULL.resolve("machine.yaml")), "a link to bundles/edge's, not a copy");
    }
}
