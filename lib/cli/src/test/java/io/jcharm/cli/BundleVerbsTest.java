package io.jcharm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** jcharm --help, bundle verify|select|render|graph, run in-process with captured output. */
class BundleVerbsTest {
    @TempDir
    Path tmp;
    CliHarness h;

    @BeforeEach
    void setUp() {
        h = new CliHarness(tmp);
    }

    @Test
    void helpEverywhereWithExitCodes() {
        CliHarness.Run top = h.jcharm("--help");
        assertEquals(0, top.code());
        assertTrue(top.out().contains("Exit codes:"), top.out());
        assertTrue(top.out().contains("bundle") && top.out().contains("deploy") && top.out().contains("integrate"));
        for (String[] verb : new String[][] {{"bundle", "--help"}, {"bundle", "verify", "--help"}, {"bundle", "select", "--help"},
                {"bundle", "render", "--help"}, {"bundle", "graph", "--help"}, {"deploy", "--help"}, {"integrate", "--help"},
                {"charmhub", "--help"}, {"charmhub", "import", "--help"}}) {
            CliHarness.Run r = h.jcharm(verb);
            assertEquals(0, r.code(), String.join(" ", verb));
            assertTrue(r.out().contains("Exit codes:"), String.join(" ", verb) + ": " + r.out());
        }
        assertEquals(2, h.jcharm("bundle", "verify", "--bogus", "x").code());
        assertEquals(2, h.jcharm("bundle", "verify").code());
    }

    @Test
    void verifyTheEdgeBundleDirectory() {
        CliHarness.Run r = h.jcharm("bundle", "verify", "bundles/edge");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("bundles/edge/machine.yaml: OK (1 applications, 0 relations, charm metadata for 1)"), r.out());
        assertTrue(r.out().contains("bundles/edge/bundle.yaml: OK (3 applications, 1 relations, charm metadata for 3)"), r.out());
    }

    @Test
    void verifyReportsEveryErrorWithFileLineAndFix() throws Exception {
        Files.writeString(tmp.resolve("bundles/edge/bad.yaml"), """
                bundle: kubernetes
                applications:
                  gateway:
                    charm: ../../charms/gateway
                    scale: 1
                    options: {profile: 3, colour: red}
                  serving:
                    charm: ../../charms/serving
                    num_units: -1
                relations:
                  - [serving, nowhere]
                """);
        CliHarness.Run r = h.jcharm("bundle", "verify", "bundles/edge/bad.yaml");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("bundles/edge/bad.yaml:9: error: negative number of units specified on application \"serving\""), r.err());
        assertTrue(r.err().contains("bundles/edge/bad.yaml:11: error: relation [\"serving\" \"nowhere\"] refers to application \"nowhere\" not defined in this bundle"), r.err());
        assertTrue(r.err().contains("bundles/edge/bad.yaml:6: error: cannot validate application \"gateway\": configuration option \"colour\" not found in charm"), r.err());
        assertTrue(r.err().contains("cannot validate application \"gateway\": option \"profile\" expected string, got 3"), r.err());
        assertTrue(r.err().contains("    fix: "), r.err());
        assertTrue(r.out().contains("bundles/edge/bad.yaml: 4 errors: juju deploy would refuse it"), r.out());
    }

    @Test
    void verifyWithoutTrustShowsJujusConsentError() {
        CliHarness.Run r = h.jcharm("bundle", "verify", "bundles/edge/bundle.yaml", "--without-trust");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Bundle cannot be deployed without trusting applications with your cloud credentials."), r.err());
    }

    @Test
    void selectEdgePrintsAVerifiedSubset() throws Exception {
        CliHarness.Run r = h.jcharm("bundle", "select", "bundles/edge", "--edge");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("  gateway:\n    charm: ../../charms/gateway\n"), r.out());
        assertFalse(r.out().contains("monitor"), r.out());
        CliHarness.Run apps = h.jcharm("bundle", "select", "bundles/edge", "--apps", "serving,monitor", "-o", "build/sub/sub.yaml");
        assertEquals(0, apps.code(), apps.err());
        assertTrue(apps.err().contains("note: dropped relation serving - gateway"), apps.err());
        assertEquals(0, h.jcharm("bundle", "verify", "build/sub/sub.yaml").code());
        assertTrue(Files.readString(tmp.resolve("build/sub/sub.yaml")).contains("charm: ../../charms/serving"));
        CliHarness.Run unknown = h.jcharm("bundle", "select", "bundles/edge", "--apps", "nope");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("error: no application nope in the bundle"), unknown.err());
    }

    @Test
    void renderPointsAtPackedCharms() throws Exception {
        CliHarness.Run unpacked = h.jcharm("bundle", "render", "bundles/edge");
        assertEquals(1, unpacked.code());
        assertTrue(unpacked.err().contains("is not packed (no target/*.charm)"), unpacked.err());
        for (String c : new String[] {"gateway", "serving", "k8s-node"}) {
            h.pack(c);
        }
        CliHarness.Run r = h.jcharm("bundle", "render", "bundles/edge");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("wrote build/bundles/edge-machine.yaml"), r.out());
        assertTrue(r.out().contains("wrote build/bundles/edge.yaml"), r.out());
        String edge = Files.readString(tmp.resolve("build/bundles/edge.yaml"));
        assertTrue(edge.contains("charm: ../../charms/serving/target/serving_ubuntu-22.04-amd64.charm"), edge);
        assertTrue(edge.contains("resources:\n      oci-image: docker.io/example/manager:1.0"), edge);
        assertTrue(edge.contains("charm: prometheus-k8s"), edge);
    }

    @Test
    void renderRebasesResourcePathsJujuReadsAsPaths() throws Exception {
        for (String c : new String[] {"gateway", "serving", "k8s-node"}) {
            h.pack(c);
        }
        // juju deploy reads a relative resource value as a file of the bundle's directory when it
        // exists, with or without a leading "." (Juju 3.6 bundlehandler.go, makeResourceMap).
        Files.createDirectories(tmp.resolve("bundles/edge/files"));
        Files.writeString(tmp.resolve("bundles/edge/files/manager.yaml"), "registrypath: docker.io/example/manager:1.1\n");
        Path bundle = tmp.resolve("bundles/edge/bundle.yaml");
        Files.writeString(bundle, Files.readString(bundle).replace("  serving:\n    charm: ../../charms/serving\n",
                "  serving:\n    charm: ../../charms/serving\n    resources:\n      oci-image: files/manager.yaml\n"));
        CliHarness.Run r = h.jcharm("bundle", "render", "bundles/edge");
        assertEquals(0, r.code(), r.err());
        String edge = Files.readString(tmp.resolve("build/bundles/edge.yaml"));
        assertTrue(edge.contains("resources:\n      oci-image: ../../bundles/edge/files/manager.yaml"), edge);

        Files.writeString(bundle, Files.readString(bundle).replace("oci-image: files/manager.yaml", "oci-image: docker.io/example/manager:2.0"));
        CliHarness.Run image = h.jcharm("bundle", "render", "bundles/edge");
        assertEquals(0, image.code(), image.err());
        assertTrue(Files.readString(tmp.resolve("build/bundles/edge.yaml")).contains("oci-image: docker.io/example/manager:2.0"));
    }

    @Test
    void graphDrawsBothPartsWithArrowsAndALegend() throws Exception {
        CliHarness.Run r = h.jcharm("bundle", "graph", "bundles/edge", "-o", "build/edge.svg");
        assertEquals(0, r.code(), r.err());
        assertEquals("wrote build/edge.svg\n", r.out());
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        // Parsing proves the file is well-formed XML.
        Document svg = dbf.newDocumentBuilder().parse(tmp.resolve("build/edge.svg").toFile());
        List<String> parts = new ArrayList<>();
        List<String> apps = new ArrayList<>();
        Map<String, Element> relations = new LinkedHashMap<>();
        String legend = "";
        NodeList gs = svg.getElementsByTagName("g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            String title = g.getElementsByTagName("title").getLength() > 0 ? g.getElementsByTagName("title").item(0).getTextContent() : "";
            switch (g.getAttribute("class")) {
                case "part" -> parts.add(g.getTextContent());
                case "application" -> apps.add(title);
                case "relation" -> relations.put(title, (Element) g.getElementsByTagName("line").item(0));
                case "legend" -> legend = g.getTextContent();
                default -> { }
            }
        }
        assertEquals(List.of("edge-machine  (machine.yaml, machine part, deployed first)", "edge  (bundle.yaml)"), parts);
        assertEquals(List.of("k8s-node", "gateway", "serving", "monitor"), apps);
        // bundle.yaml lists the requirer first; the arrow still runs from the provider.
        assertEquals(List.of("gateway:gateway-info → serving:gateway-info"), List.copyOf(relations.keySet()));
        assertEquals("url(#arrow)", relations.values().iterator().next().getAttribute("marker-end"));
        assertTrue(legend.contains("arrow: relation from provider to requirer"), legend);
        assertTrue(Files.readString(tmp.resolve("build/edge.svg")).contains(">istio-gateway-info</text>"));
        CliHarness.Run help = h.jcharm("bundle", "graph", "--help");
        assertTrue(help.out().replaceAll("\\s+", " ").contains("an arrow from provider to requirer labelled with its interface"), help.out());
    }
}
