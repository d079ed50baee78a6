package io.jcharm.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.yaml.GoYaml;
import io.jcharm.yaml.YamlDoc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subsets (--apps, --edge), rendering for juju deploy, the SVG drawing and writing YAML back. */
class SelectRenderGraphTest {
    @TempDir
    Path tmp;
    Fixture f;

    private static final String FULL = """
            bundle: kubernetes
            name: full
            applications:
              gateway:
                charm: ../../charms/gateway
                scale: 1
                trust: true
                options: {profile: default, replicas: 3}
                annotations: {jcharm/edge: "true", jcharm/edge-options: "{profile: edge, replicas: 1}"}
              serving:
                charm: ../../charms/serving
                scale: 1
                annotations: {jcharm/edge: "true"}
              wordpress: {charm: ../../charms/wordpress, scale: 2}
              mariadb: {charm: ../../charms/mariadb, scale: 1}
            relations:
              - [serving, gateway]
              - [wordpress, mariadb]
              - [wordpress:website, gateway:ingress]
            """;

    @BeforeEach
    void setUp() {
        f = new Fixture(tmp);
    }

    private CheckResult reverify(BundleData subset) {
        Path file = f.write("subset.yaml", BundleWriter.write(subset));
        return new BundleChecker(Optional.of(new CharmCatalog(CharmCatalog.findCharmhubDir(f.bundleDir)))).check(file, List.of(), Optional.empty());
    }

    @Test
    void edgeSubsetKeepsRelationsWithBothEndsAndVerifies() {
        BundleData full = f.check(FULL, true).bundle().orElseThrow();
        assertEquals(Set.of("gateway", "serving"), BundleSelector.edgeApplications(full));
        BundleSelector.Selection s = BundleSelector.edge(full);
        assertEquals(List.of(List.of("serving", "gateway")), s.bundle().relations());
        assertEquals(List.of("dropped relation wordpress - mariadb", "dropped relation wordpress:website - gateway:ingress"), s.notes());
        CheckResult again = reverify(s.bundle());
        assertTrue(again.ok(), again.problems().toString());
        ApplicationSpec gateway = again.bundle().orElseThrow().applications().get("gateway");
        assertEquals(Map.of("profile", "edge", "replicas", 1L), gateway.options(), "the edge options, typed as YAML types them");
        assertEquals(Map.of("jcharm/edge", "true"), gateway.annotations());
        assertEquals("default", full.applications().get("gateway").options().get("profile"), "the full bundle keeps its own");
    }

    @Test
    void appsSubsetDropsPlacementsAndMachines() {
        BundleData full = f.check("""
                applications:
                  wordpress: {charm: ../../charms/wordpress, num_units: 1, to: ["0"]}
                  mariadb: {charm: ../../charms/mariadb, num_units: 1, to: ["wordpress/0"]}
                  ntp: {charm: ../../charms/ntp}
                machines:
                  "0":
                relations:
                  - [ntp, mariadb]
                  - [wordpress, mariadb]
                """, true).bundle().orElseThrow();
        BundleSelector.Selection s = BundleSelector.select(full, Set.of("mariadb", "ntp"));
        assertEquals(List.of(), s.bundle().applications().get("mariadb").to());
        assertTrue(s.bundle().machines().isEmpty());
        CheckResult again = reverify(s.bundle());
        assertTrue(again.ok(), again.problems().toString());
        BundleException e = assertThrows(BundleException.class, () -> BundleSelector.select(full, Set.of("nope")));
        assertEquals("no application nope in the bundle", e.getMessage());
    }

    @Test
    void renderPointsAtPackedCharmsWithImageDefaults() throws Exception {
        CheckResult r = f.check(FULL, true);
        assertThrows(BundleException.class, () -> BundleRenderer.render(r.bundle().orElseThrow(), r.charms(), f.bundleDir, tmp.resolve("build/bundles")));
        for (String c : List.of("gateway", "serving", "wordpress", "mariadb")) {
            Files.createDirectories(tmp.resolve("charms/" + c + "/target"));
            Files.writeString(tmp.resolve("charms/" + c + "/target/" + c + "_ubuntu@22.04-amd64.charm"), "zip");
        }
        BundleRenderer.Rendered out = BundleRenderer.render(r.bundle().orElseThrow(), r.charms(), f.bundleDir, tmp.resolve("build/bundles"));
        ApplicationSpec serving = out.bundle().applications().get("serving");
        assertEquals("../../charms/serving/target/serving_ubuntu@22.04-amd64.charm", serving.charm());
        assertEquals(Map.of("oci-image", "docker.io/example/manager:1.0"), serving.resources());
        assertEquals(List.of("wordpress: resource \"theme\" (file) has no value; juju deploy will refuse a local charm without it: "
                + "set applications.wordpress.resources.theme"), out.notes());
        String yaml = BundleWriter.write(out.bundle());
        assertTrue(yaml.startsWith("bundle: kubernetes\nname: full\napplications:\n  gateway:\n    charm: ../../charms/gateway/target/"), yaml);
        assertTrue(yaml.contains("    scale: 1\n    trust: true\n"), yaml);
        assertTrue(yaml.contains("  - [\"serving\", \"gateway\"]\n"), yaml);
    }

    @Test
    void graphDrawsBoxesAndInterfaces() {
        CheckResult r = f.check(FULL, true);
        String svg = BundleGraph.svg("full", r.bundle().orElseThrow(), r.charms());
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assertEquals(4, svg.split("<g class=\"application\">").length - 1, svg);
        assertEquals(3, svg.split("<rect class=\"edge-label\"").length - 1, svg);
        assertTrue(svg.contains(">istio-gateway-info</text>"));
        assertTrue(svg.contains(">mysql</text>"));
        assertTrue(svg.contains(">website / ingress</text>"), svg);
        // Both charms known but no interface in common (two providers): no arrow, the line says so.
        assertTrue(svg.contains("<title>wordpress:website - gateway:ingress (direction unknown)</title>"), svg);
        assertTrue(svg.contains("<title>gateway:gateway-info → serving:gateway-info</title>"), svg);
    }

    @Test
    void yamlRoundTripKeepsTypesAndQuotesWhatGoWouldMisread() {
        String yaml = YamlEmitter.emit(Map.of("a", "yes", "b", "1.10", "c", "plain text", "d", "~", "e", "x: y", "f", true));
        List<YamlDoc> docs = GoYaml.read(yaml, Path.of("x.yaml"));
        Map<String, Object> back = Raw.map(docs.get(0).root());
        assertEquals(Map.of("a", "yes", "b", "1.10", "c", "plain text", "d", "~", "e", "x: y", "f", true), back);
        Map<String, Object> typed = Raw.map(GoYaml.read("a: yes\nb: 0x10\nc: 1.5\nd: ~\ne: '1'\nf: !!str 5\n", Path.of("t")).get(0).root());
        assertEquals(true, typed.get("a"));
        assertEquals(16L, typed.get("b"));
        assertEquals(1.5, typed.get("c"));
        assertEquals(null, typed.get("d"));
        assertEquals("1", typed.get("e"));
        assertEquals("5", typed.get("f"));
    }

    @Test
    void stringFieldsKeepTheirText() {
        BundleData b = f.check("""
                applications:
                  y: {charm: ../../charms/mariadb, channel: 1.10, num_units: 1, annotations: {gui-x: 610}}
                """, false).bundle().orElseThrow();
        assertEquals("1.10", b.applications().get("y").channel());
        assertEquals("610", b.applications().get("y").annotations().get("gui-x"));
    }
}
