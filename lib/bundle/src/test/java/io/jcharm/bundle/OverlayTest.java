package io.jcharm.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overlays and multi-document bundles merged with Juju's rules (juju/charm v12 {@code overlay.go}). */
class OverlayTest {
    @TempDir
    Path tmp;
    Fixture f;

    @BeforeEach
    void setUp() {
        f = new Fixture(tmp);
    }

    private static final String BASE = """
            series: jammy
            applications:
              wordpress:
                charm: ../../charms/wordpress
                num_units: 1
                options: {blog-title: Base, skill-level: 2}
                annotations: {gui-x: "1", gui-y: "2"}
                to: ["0"]
              mariadb: {charm: ../../charms/mariadb, num_units: 1, to: ["1"]}
              logging: {charm: ../../charms/logging}
            machines:
              "0":
              "1":
            relations:
              - [wordpress, mariadb]
              - [logging, wordpress]
            """;

    @Test
    void overlayFileMergesByPresence() {
        Path overlay = f.write("overlay.yaml", """
                series: noble
                applications:
                  wordpress:
                    num_units: 2
                    to: ["0", "0"]
                    options: {skill-level: 5, blog-title: null, debug: true}
                    annotations: {gui-x: null}
                  logging:
                  ntp: {charm: ../../charms/ntp}
                relations:
                  - [ntp, mariadb]
                """);
        CheckResult r = f.check(BASE, true, overlay);
        assertEquals(List.of(), r.errors());
        BundleData b = r.bundle().orElseThrow();
        ApplicationSpec wp = b.applications().get("wordpress");
        assertEquals(2, wp.numUnits());
        assertEquals(List.of("0", "0"), wp.to());
        assertEquals(Map.of("skill-level", 5L, "debug", true), wp.options());
        assertEquals(Map.of("gui-x", "", "gui-y", "2"), wp.annotations());
        assertEquals("noble", b.series());
        assertFalse(b.applications().containsKey("logging"));
        assertEquals(List.of(List.of("wordpress", "mariadb"), List.of("ntp", "mariadb")), b.relations());
        assertEquals(f.root.resolve("charms/ntp").toString(), b.applications().get("ntp").charm());
        // Problems found in the merged bundle point at the overlay's lines.
        assertEquals(overlay, r.sources().locate("relations", "1").orElseThrow().file());
    }

    @Test
    void nullMapClearsAndMachinesAreReplaced() {
        CheckResult r = f.check(BASE + """
                ---
                applications:
                  wordpress:
                    options:
                    to: ["2"]
                  mariadb:
                    to: ["2"]
                machines:
                  "2": {constraints: mem=8G}
                """, true);
        assertEquals(List.of(), r.errors());
        BundleData b = r.bundle().orElseThrow();
        assertEquals(Map.of(), b.applications().get("wordpress").options());
        assertEquals(List.of("2"), List.copyOf(b.machines().keySet()));
    }

    @Test
    void baseIsVerifiedAloneFirst() {
        CheckResult r = f.check("""
                applications:
                  wordpress: {charm: ../../charms/wordpress, num_units: 1}
                relations:
                  - [wordpress, mariadb]
                ---
                applications:
                  mariadb: {charm: ../../charms/mariadb, num_units: 1}
                """, true);
        assertEquals(List.of("relation [\"wordpress\" \"mariadb\"] refers to application \"mariadb\" not defined in this bundle"),
                r.errors().stream().map(Problem::message).toList());
    }

    @Test
    void includesResolveRelativeToTheirFile() {
        f.write("title.txt", "From a file");
        f.write("logo.bin", "AB");
        CheckResult r = f.check("""
                applications:
                  wordpress:
                    charm: ../../charms/wordpress
                    options: {blog-title: "include-file://title.txt"}
                    annotations: {logo: "include-base64://logo.bin"}
                """, true);
        assertEquals(List.of(), r.errors());
        ApplicationSpec wp = r.bundle().orElseThrow().applications().get("wordpress");
        assertEquals("From a file", wp.options().get("blog-title"));
        assertEquals("QUI=", wp.annotations().get("logo"));
        assertEquals(List.of("processing option \"blog-title\" for application \"wordpress\": resolving include \"nope.txt\": include file \""
                + f.path("nope.txt") + "\" not found"), f.errors("""
                applications:
                  wordpress:
                    charm: ../../charms/wordpress
                    options: {blog-title: "include-file://nope.txt"}
                """));
    }

    @Test
    void missingOverlayFile() {
        CheckResult r = f.check(BASE, false, tmp.resolve("missing-file"));
        assertEquals(List.of("unable to process overlays: \"" + tmp.resolve("missing-file") + "\" not found"),
                r.errors().stream().map(Problem::message).toList());
    }

    @Test
    void saasRemovedWithItsRelations() {
        CheckResult r = f.check("""
                saas:
                  remote-db: {url: admin/other.db}
                applications:
                  wordpress: {charm: ../../charms/wordpress, num_units: 1}
                relations:
                  - [wordpress:db, remote-db:db]
                ---
                saas:
                  remote-db:
                """, false);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(List.of(), r.bundle().orElseThrow().relations());
        assertTrue(r.bundle().orElseThrow().saas().isEmpty());
    }
}
