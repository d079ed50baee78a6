package io.jcharm.bundle;

import io.jcharm.bundle.Grammar.EndpointSpec;
import io.jcharm.core.meta.CharmMetadata;
import io.jcharm.core.meta.Endpoint;
import io.jcharm.core.meta.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Draws a bundle (all its parts) as SVG: each part in a labelled band, applications as boxes on a
 * circle (SAAS dashed, edge applications shaded), relations as arrows from provider to requirer
 * labelled with their interface, and a legend.
 *
 * <pre>{@code
 * Files.writeString(Path.of("edge.svg"), BundleGraph.svg("edge", List.of(
 *         new BundleGraph.Part("edge-machine", "machine.yaml, deployed first", machine, machineCharms),
 *         new BundleGraph.Part("edge", "bundle.yaml", bundle, charms))));
 * }</pre>
 */
public final class BundleGraph {
    private static final int BOX_H = 44;
    private static final int LABEL_H = 18;
    private static final String LINE = "#555";
    private static final String UNKNOWN = "#999";

    private BundleGraph() {
    }

    /**
     * One bundle file of a bundle, drawn in its own band.
     *
     * @param caption what the band says besides the name, e.g. {@code machine.yaml, deployed first}
     * @param charms charm metadata by application name; an application missing here has no known roles
     */
    public record Part(String name, String caption, BundleData bundle, Map<String, CharmMetadata> charms) {
        public Part {
            charms = Map.copyOf(charms);
        }
    }

    private record Node(String name, String subtitle, boolean saas, boolean edge, double x, double y, double w) {
        LabelPlacer.Box box() {
            return new LabelPlacer.Box(x - w / 2, y - BOX_H / 2.0, w, BOX_H);
        }
    }

    /** A relation to draw: from the provider to the requirer when {@code directed}, else in bundle order. */
    private record Edge(Node from, Node to, boolean directed, String label, String title) {
    }

    /** A single bundle file: one band named after the title. */
    public static String svg(String title, BundleData bd, Map<String, CharmMetadata> charms) {
        return svg(title, List.of(new Part(title, "", bd, charms)));
    }

    /** The parts in order, top to bottom, each in its band, under one title and above one legend. */
    public static String svg(String title, List<Part> parts) {
        StringBuilder bands = new StringBuilder();
        StringBuilder lines = new StringBuilder();
        StringBuilder labels = new StringBuilder();
        StringBuilder boxes = new StringBuilder();
        LabelPlacer placer = new LabelPlacer();
        List<List<Node>> layouts = new ArrayList<>();
        double width = 560;
        for (Part part : parts) {
            List<Node> nodes = layout(part, 0, 0);
            double[] size = bandSize(nodes);
            width = Math.max(width, size[0] + 40);
            layouts.add(nodes);
        }
        double top = 50;
        List<Edge> edges = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            Part part = parts.get(p);
            double[] size = bandSize(layouts.get(p));
            Map<String, Node> nodes = new LinkedHashMap<>();
            for (Node n : layout(part, width / 2, top + 30 + size[1] / 2)) {
                nodes.put(n.name(), n);
                placer.block(n.box());
                boxes.append(box(n));
            }
            String caption = part.caption().isEmpty() ? "" : esc("  (" + part.caption() + ")");
            bands.append(fmt("<g class=\"part\"><rect x=\"20\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"10\" fill=\"#fbfbfb\" "
                    + "stroke=\"#bbb\"/><text x=\"34\" y=\"%.1f\" font-size=\"13\" fill=\"#333\"><tspan font-weight=\"bold\">%s</tspan>"
                    + "%s</text></g>%n", top, width - 40, size[1] + 30, top + 20, esc(part.name()), caption));
            for (List<String> rel : part.bundle().relations()) {
                edge(rel, nodes, part.charms()).ifPresent(edges::add);
            }
            top += size[1] + 30 + 16;
        }
        // Bounds of the labels: a crowded label may be pushed outside the bands.
        double[] extent = {0, 0, width, top};
        for (Edge e : edges) {
            double[] a = border(e.from(), e.to());
            double[] b = border(e.to(), e.from());
            lines.append(fmt("<g class=\"relation\"><title>%s</title><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"1.5\"%s/></g>%n", esc(e.title()), a[0], a[1], b[0], b[1], e.directed() ? LINE : UNKNOWN,
                    e.directed() ? " marker-end=\"url(#arrow)\"" : " stroke-dasharray=\"2,3\""));
            double lw = 6.5 * e.label().length() + 12;
            LabelPlacer.Box at = placer.place(a[0], a[1], b[0], b[1], lw, LABEL_H);
            extent = new double[] {Math.min(extent[0], at.x() - 10), Math.min(extent[1], at.y() - 10),
                Math.max(extent[2], at.x() + at.w() + 10), Math.max(extent[3], at.y() + at.h() + 10)};
            labels.append("<g class=\"label\">");
            double mx = (a[0] + b[0]) / 2;
            double my = (a[1] + b[1]) / 2;
            if (distanceToSegment(at.cx(), at.cy(), a, b) > LABEL_H) {
                // Pushed off its edge by crowding: a leader line says which edge it names.
                labels.append(fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#bbb\" stroke-dasharray=\"1,2\"/>",
                        mx, my, at.cx(), at.cy()));
            }
            labels.append(fmt("<rect class=\"edge-label\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" rx=\"3\" fill=\"white\" "
                    + "stroke=\"#ccc\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">%s</text></g>%n",
                    at.x(), at.y(), lw, LABEL_H, at.cx(), at.cy() + 4, esc(e.label())));
        }
        String legend = Legend.svg(20, extent[3] + 4);
        double w = extent[2] - extent[0];
        double h = extent[3] + 4 + Legend.HEIGHT + 20 - extent[1];
        StringBuilder sb = new StringBuilder();
        sb.append(fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"%.0f %.0f %.0f %.0f\" "
                + "font-family=\"sans-serif\">%n", w, h, extent[0], extent[1], w, h));
        sb.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\" markerHeight=\"9\" "
                + "orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"" + LINE + "\"/></marker></defs>\n");
        sb.append(fmt("<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"white\"/>%n", extent[0], extent[1], w, h));
        sb.append(fmt("<text x=\"%.0f\" y=\"30\" font-size=\"18\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>%n", width / 2, esc(title)));
        return sb.append(bands).append(lines).append(boxes).append(labels).append(legend).append("</svg>\n").toString();
    }

    /** The applications and SAAS of a part on a circle around (cx, cy). */
    private static List<Node> layout(Part part, double cx, double cy) {
        BundleData bd = part.bundle();
        List<String> names = new ArrayList<>(bd.applications().keySet());
        names.addAll(bd.saas().keySet());
        List<String> subs = new ArrayList<>();
        double maxW = 0;
        for (String name : names) {
            ApplicationSpec app = bd.applications().get(name);
            String sub = app == null ? "saas " + bd.saas().get(name).url() : charmLabel(app, part.charms().get(name));
            subs.add(sub);
            maxW = Math.max(maxW, width(name, sub));
        }
        int n = names.size();
        double radius = n <= 1 ? 0 : Math.max(Math.max(150, n * 34.0), n * (maxW + 30) / (2 * Math.PI));
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = names.get(i);
            // Two applications side by side; more on a circle starting at the top.
            double angle = n == 2 ? Math.PI * i : -Math.PI / 2 + 2 * Math.PI * i / n;
            ApplicationSpec app = bd.applications().get(name);
            boolean edge = app != null && "true".equalsIgnoreCase(app.annotations().getOrDefault(BundleSelector.EDGE_ANNOTATION, ""));
            out.add(new Node(name, subs.get(i), app == null, edge, cx + radius * Math.cos(angle), cy + radius * Math.sin(angle),
                    width(name, subs.get(i))));
        }
        return out;
    }

    /** Width and height of the band a layout (centred on 0,0) needs. */
    private static double[] bandSize(List<Node> nodes) {
        double w = 200;
        double h = BOX_H;
        for (Node n : nodes) {
            w = Math.max(w, 2 * (Math.abs(n.x()) + n.w() / 2));
            h = Math.max(h, 2 * (Math.abs(n.y()) + BOX_H / 2.0));
        }
        return new double[] {w + 40, h + 40};
    }

    private static double width(String name, String sub) {
        return Math.max(110, 7.5 * Math.max(name.length(), sub.length()) + 24);
    }

    private static String box(Node n) {
        String fill = n.edge() ? "#d9f2d9" : n.saas() ? "#f4f4f4" : "#e8eefc";
        return fmt("<g class=\"application\"><title>%s</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" rx=\"6\" fill=\"%s\" "
                + "stroke=\"#335\"%s/><text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" font-weight=\"bold\" text-anchor=\"middle\">%s</text>"
                + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#444\" text-anchor=\"middle\">%s</text></g>%n",
                esc(n.name()), n.x() - n.w() / 2, n.y() - BOX_H / 2.0, n.w(), BOX_H, fill, n.saas() ? " stroke-dasharray=\"5,3\"" : "",
                n.x(), n.y() - 3, esc(n.name()), n.x(), n.y() + 13, esc(n.subtitle()));
    }

    /**
     * The edge for a relation: directed when the role of one end is known from its charm's metadata
     * (inferred as {@code juju deploy} does when both charms are known); none for a peer relation or
     * an end that is not in this part.
     */
    private static Optional<Edge> edge(List<String> rel, Map<String, Node> nodes, Map<String, CharmMetadata> charms) {
        if (rel.size() != 2) {
            return Optional.empty();
        }
        Optional<EndpointSpec> pa = Grammar.parseEndpoint(rel.get(0));
        Optional<EndpointSpec> pb = Grammar.parseEndpoint(rel.get(1));
        if (pa.isEmpty() || pb.isEmpty() || !nodes.containsKey(pa.get().application()) || !nodes.containsKey(pb.get().application())) {
            return Optional.empty();
        }
        EndpointSpec a = pa.get();
        EndpointSpec b = pb.get();
        Node na = nodes.get(a.application());
        Node nb = nodes.get(b.application());
        if (charms.containsKey(a.application()) && charms.containsKey(b.application())) {
            Inference r = EndpointInference.infer(a, b, app -> Optional.ofNullable(charms.get(app)), EndpointInference.Style.BUNDLE);
            if (r instanceof Inference.Inferred i) {
                Role role = i.first().endpoint().role();
                if (role == Role.PEER) {
                    return Optional.empty();
                }
                boolean aProvides = role == Role.PROVIDER;
                EndpointRef p = aProvides ? i.first() : i.second();
                EndpointRef q = aProvides ? i.second() : i.first();
                return Optional.of(new Edge(aProvides ? na : nb, aProvides ? nb : na, true, p.endpoint().interfaceName(), p + " → " + q));
            }
        }
        // Only one end's charm known (e.g. a SAAS offer on the other end): its named endpoint's role
        // gives the direction. With both known and no inference, the bundle is wrong: no arrow.
        boolean oneKnown = charms.containsKey(a.application()) != charms.containsKey(b.application());
        for (EndpointSpec known : oneKnown ? List.of(a, b) : List.<EndpointSpec>of()) {
            Optional<Endpoint> ep = Optional.ofNullable(charms.get(known.application())).flatMap(m -> m.endpoint(known.relation()));
            if (ep.isPresent() && ep.get().role() != Role.PEER) {
                boolean provides = (ep.get().role() == Role.PROVIDER) == (known == a);
                EndpointSpec p = provides ? a : b;
                EndpointSpec q = provides ? b : a;
                return Optional.of(new Edge(provides ? na : nb, provides ? nb : na, true, ep.get().interfaceName(), p + " → " + q));
            }
        }
        String label = !a.relation().isEmpty() && a.relation().equals(b.relation()) ? a.relation()
                : a.relation().isEmpty() && b.relation().isEmpty() ? "?" : a.relation() + " / " + b.relation();
        return Optional.of(new Edge(na, nb, false, label, a + " - " + b + " (direction unknown)"));
    }

    /** Where the line from {@code n}'s centre towards {@code other}'s leaves {@code n}'s box (2 units out). */
    private static double[] border(Node n, Node other) {
        double dx = other.x() - n.x();
        double dy = other.y() - n.y();
        if (dx == 0 && dy == 0) {
            return new double[] {n.x(), n.y()};
        }
        double sx = dx == 0 ? Double.MAX_VALUE : (n.w() / 2 + 2) / Math.abs(dx);
        double sy = dy == 0 ? Double.MAX_VALUE : (BOX_H / 2.0 + 2) / Math.abs(dy);
        double s = Math.min(sx, sy);
        return new double[] {n.x() + dx * s, n.y() + dy * s};
    }

    private static double distanceToSegment(double x, double y, double[] a, double[] b) {
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / len2));
        return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
    }

    private static String charmLabel(ApplicationSpec app, CharmMetadata meta) {
        String charm = meta != null ? meta.name() : app.charm().replaceAll(".*/", "");
        return app.numUnits() > 1 ? charm + " ×" + app.numUnits() : charm;
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
