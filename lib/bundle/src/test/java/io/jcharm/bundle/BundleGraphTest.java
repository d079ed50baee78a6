package io.jcharm.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The SVG drawing, read back with the JDK's XML parser: parts, arrow direction, legend, label placement. */
class BundleGraphTest {
    @TempDir
    Path tmp;
    Fixture f;

    /** A rectangle read from the SVG. */
    record Rect(double x, double y, double w, double h) {
        boolean intersects(Rect o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }

        boolean contains(Rect o) {
            return o.x >= x && o.y >= y && o.x + o.w <= x + w && o.y + o.h <= y + h;
        }

        /** Distance from (px, py) to this rectangle's outline. */
        double distanceToBorder(double px, double py) {
            double dx = Math.max(Math.max(x - px, 0), px - (x + w));
            double dy = Math.max(Math.max(y - py, 0), py - (y + h));
            double outside = Math.hypot(dx, dy);
            double inside = Math.min(Math.min(px - x, x + w - px), Math.min(py - y, y + h - py));
            return outside > 0 ? outside : inside;
        }
    }

    @BeforeEach
    void setUp() {
        f = new Fixture(tmp);
    }

    @Test
    void twoPartBundleDrawsBothPartsInTheirBands() {
        Path edge = Path.of("../../bundles/edge").toAbsolutePath().normalize();
        BundleChecker checker = new BundleChecker(Optional.of(new CharmCatalog(CharmCatalog.findCharmhubDir(edge))));
        CheckResult machine = checker.check(edge.resolve("machine.yaml"), List.of(), Optional.empty());
        CheckResult k8s = checker.check(edge.resolve("bundle.yaml"), List.of(), Optional.empty());
        Document svg = parse(BundleGraph.svg("edge", List.of(
                new BundleGraph.Part("edge-machine", "machine.yaml, deployed first", machine.bundle().orElseThrow(), machine.charms()),
                new BundleGraph.Part("edge", "bundle.yaml", k8s.bundle().orElseThrow(), k8s.charms()))));
        Map<String, Rect> apps = applications(svg);
        assertEquals(List.of("microk8s", "istio", "seldon-core"), List.copyOf(apps.keySet()));
        List<Element> parts = groups(svg, "part");
        assertEquals(2, parts.size());
        assertTrue(parts.get(0).getTextContent().startsWith("edge-machine"), parts.get(0).getTextContent());
        assertTrue(parts.get(1).getTextContent().startsWith("edge  (bundle.yaml)"), parts.get(1).getTextContent());
        Rect machineBand = rect(parts.get(0));
        Rect k8sBand = rect(parts.get(1));
        assertFalse(machineBand.intersects(k8sBand));
        assertTrue(machineBand.contains(apps.get("microk8s")));
        assertTrue(k8sBand.contains(apps.get("istio")) && k8sBand.contains(apps.get("seldon-core")));
        // The parts declare no relation with each other: the one line is the K8s part's own.
        assertEquals(1, groups(svg, "relation").size());
        assertEquals(List.of("istio-gateway-info"), labels(svg));
        assertArrowAt(svg, "istio:gateway-info → seldon-core:gateway-info", apps.get("istio"), apps.get("seldon-core"));
    }

    @Test
    void arrowheadSitsAtTheRequirerWhicheverOrderTheBundleListsThem() {
        CheckResult r = f.check("""
                applications:
                  wordpress: {charm: ../../charms/wordpress, num_units: 1}
                  mariadb: {charm: ../../charms/mariadb, num_units: 1}
                  other: {charm: ../../charms/mariadb, num_units: 1}
                relations:
                  - [mariadb:db, wordpress:db]
                """, true);
        Document svg = parse(BundleGraph.svg("t", r.bundle().orElseThrow(), r.charms()));
        Map<String, Rect> apps = applications(svg);
        assertArrowAt(svg, "mariadb:db → wordpress:db", apps.get("mariadb"), apps.get("wordpress"));
        assertEquals(List.of("mysql"), labels(svg));
    }

    @Test
    void unknownRolesGiveAnUndirectedLineAndAKnownEndTowardsASaasGivesAnArrow() {
        CheckResult r = f.check("""
                saas:
                  db: {url: admin/other.mysql}
                applications:
                  wordpress: {charm: ../../charms/wordpress, num_units: 1}
                  mystery: {charm: mystery-charm, num_units: 1}
                relations:
                  - [wordpress:db, db:db]
                  - [mystery:website, wordpress:website]
                  - [mystery:foo, db:bar]
                """, true);
        Document svg = parse(BundleGraph.svg("t", r.bundle().orElseThrow(), r.charms()));
        Map<String, Rect> apps = applications(svg);
        assertArrowAt(svg, "db:db → wordpress:db", apps.get("db"), apps.get("wordpress"));
        // The one known end names a provider endpoint: the unknown charm's end must be the requirer.
        assertArrowAt(svg, "wordpress:website → mystery:website", apps.get("wordpress"), apps.get("mystery"));
        Element unknown = line(svg, "mystery:foo - db:bar (direction unknown)");
        assertEquals("", unknown.getAttribute("marker-end"));
        assertEquals("2,3", unknown.getAttribute("stroke-dasharray"));
        Element saasBox = (Element) groups(svg, "application").stream().filter(g -> title(g).equals("db")).findFirst()
                .orElseThrow().getElementsByTagName("rect").item(0);
        assertEquals("5,3", saasBox.getAttribute("stroke-dasharray"));
    }

    @Test
    void legendExplainsEveryMark() {
        CheckResult r = f.check("applications:\n  mariadb: {charm: ../../charms/mariadb, num_units: 1}\n", true);
        Document svg = parse(BundleGraph.svg("t", r.bundle().orElseThrow(), r.charms()));
        String legend = groups(svg, "legend").get(0).getTextContent();
        for (String text : List.of("Legend", "shaded: edge application", "dashed: SAAS", "arrow: relation from provider to requirer",
                "labelled with its interface", "direction is unknown", "band: the bundle part", "peer relations are not drawn")) {
            assertTrue(legend.contains(text), text + " in " + legend);
        }
    }

    @Test
    void labelsOfADenseBundleDoNotOverlapEachOtherOrTheBoxes() {
        StringBuilder yaml = new StringBuilder("applications:\n");
        for (int i = 1; i <= 8; i++) {
            yaml.append("  app-").append((char) ('a' + i - 1)).append(": {charm: ch-").append((char) ('a' + i - 1)).append(", num_units: 1}\n");
        }
        yaml.append("relations:\n");
        // The four diameters of the circle (their midpoints all fall on the centre), then every chord
        // to the next and the next but one application: 20 relations.
        for (int step : new int[] {4, 1, 2}) {
            for (int i = 1; i <= (step == 4 ? 4 : 8); i++) {
                int j = (i - 1 + step) % 8 + 1;
                // Juju's application names need a letter after each hyphen: app-a ... app-h.
                yaml.append("  - [app-").append((char) ('a' + i - 1)).append(":link-").append(step).append(", app-")
                        .append((char) ('a' + j - 1)).append(":link-").append(step).append("]\n");
            }
        }
        CheckResult r = f.check(yaml.toString(), false);
        assertTrue(r.ok(), r.problems().toString());
        Document svg = parse(BundleGraph.svg("dense", r.bundle().orElseThrow(), r.charms()));
        assertEquals(20, groups(svg, "relation").size());
        List<Rect> labels = new ArrayList<>();
        NodeList rects = svg.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element e = (Element) rects.item(i);
            if (e.getAttribute("class").equals("edge-label")) {
                labels.add(rect(e));
            }
        }
        assertEquals(20, labels.size());
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                assertFalse(labels.get(i).intersects(labels.get(j)), "label " + i + " " + labels.get(i) + " overlaps " + j + " " + labels.get(j));
            }
            for (Map.Entry<String, Rect> app : applications(svg).entrySet()) {
                assertFalse(labels.get(i).intersects(app.getValue()), "label " + i + " overlaps " + app.getKey());
            }
        }
        String[] vb = svg.getDocumentElement().getAttribute("viewBox").split(" ");
        Rect view = new Rect(Double.parseDouble(vb[0]), Double.parseDouble(vb[1]), Double.parseDouble(vb[2]), Double.parseDouble(vb[3]));
        labels.forEach(l -> assertTrue(view.contains(l), l + " outside " + view));
    }

    /** The relation's line carries an arrowhead and runs from the provider's box border to the requirer's. */
    private static void assertArrowAt(Document svg, String title, Rect provider, Rect requirer) {
        Element line = line(svg, title);
        assertEquals("url(#arrow)", line.getAttribute("marker-end"));
        double x1 = Double.parseDouble(line.getAttribute("x1"));
        double y1 = Double.parseDouble(line.getAttribute("y1"));
        double x2 = Double.parseDouble(line.getAttribute("x2"));
        double y2 = Double.parseDouble(line.getAttribute("y2"));
        assertTrue(requirer.distanceToBorder(x2, y2) <= 3, "end (" + x2 + "," + y2 + ") not at " + requirer);
        assertTrue(provider.distanceToBorder(x1, y1) <= 3, "start (" + x1 + "," + y1 + ") not at " + provider);
        Element marker = (Element) svg.getElementsByTagName("marker").item(0);
        assertEquals("arrow", marker.getAttribute("id"));
    }

    static Document parse(String svg) {
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            Document d = dbf.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
            assertEquals("http://www.w3.org/2000/svg", d.getDocumentElement().getNamespaceURI());
            return d;
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + svg, e);
        }
    }

    private static List<Element> groups(Document svg, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList gs = svg.getElementsByTagName("g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            if (g.getAttribute("class").equals(cls)) {
                out.add(g);
            }
        }
        return out;
    }

    private static String title(Element g) {
        return g.getElementsByTagName("title").item(0).getTextContent();
    }

    private static Rect rect(Element e) {
        Element r = e.getTagName().equals("rect") ? e : (Element) e.getElementsByTagName("rect").item(0);
        return new Rect(Double.parseDouble(r.getAttribute("x")), Double.parseDouble(r.getAttribute("y")),
                Double.parseDouble(r.getAttribute("width")), Double.parseDouble(r.getAttribute("height")));
    }

    private static Map<String, Rect> applications(Document svg) {
        Map<String, Rect> out = new LinkedHashMap<>();
        groups(svg, "application").forEach(g -> out.put(title(g), rect(g)));
        return out;
    }

    private static Element line(Document svg, String title) {
        List<Element> found = groups(svg, "relation").stream().filter(g -> title(g).equals(title)).toList();
        assertEquals(1, found.size(), "relation titled " + title + " among "
                + groups(svg, "relation").stream().map(BundleGraphTest::title).toList());
        return (Element) found.get(0).getElementsByTagName("line").item(0);
    }

    private static List<String> labels(Document svg) {
        return groups(svg, "label").stream().map(Element::getTextContent).toList();
    }
}
