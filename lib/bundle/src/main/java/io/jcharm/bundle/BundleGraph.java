package io.jcharm.bundle;

import io.jcharm.bundle.Grammar.EndpointSpec;
import io.jcharm.core.meta.CharmMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Draws a bundle as SVG: applications as boxes on a circle (SAAS dashed, edge applications
 * shaded), relations as lines labelled with their interface (inferred from the charms when known,
 * else the endpoint names).
 *
 * <pre>{@code
 * Files.writeString(Path.of("edge.svg"), BundleGraph.svg("edge", bundle, charms));
 * }</pre>
 */
public final class BundleGraph {
    private static final int BOX_H = 44;

    private BundleGraph() {
    }

    private record Node(String name, String subtitle, boolean saas, boolean edge, double x, double y, double w) {
    }

    public static String svg(String title, BundleData bd, Map<String, CharmMetadata> charms) {
        List<String> names = new ArrayList<>(bd.applications().keySet());
        names.addAll(bd.saas().keySet());
        int n = names.size();
        double radius = n <= 1 ? 0 : Math.max(150, n * 34.0);
        double width = 2 * radius + 320;
        double height = 2 * radius + 200;
        double cx = width / 2;
        double cy = height / 2 + 20;
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = names.get(i);
            double angle = -Math.PI / 2 + 2 * Math.PI * i / Math.max(1, n);
            ApplicationSpec app = bd.applications().get(name);
            boolean saas = app == null && bd.saas().containsKey(name);
            String sub = saas ? "saas " + bd.saas().get(name).url() : app == null ? "" : charmLabel(app, charms.get(name));
            double w = Math.max(110, 7.5 * Math.max(name.length(), sub.length()) + 24);
            boolean edge = app != null && "true".equalsIgnoreCase(app.annotations().getOrDefault(BundleSelector.EDGE_ANNOTATION, ""));
            nodes.put(name, new Node(name, sub, saas, edge, cx + radius * Math.cos(angle), cy + radius * Math.sin(angle), w));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                + "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\">%n", width, height, width, height));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"30\" font-size=\"18\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>%n",
                cx, esc(title)));
        List<String> labels = new ArrayList<>();
        for (List<String> rel : bd.relations()) {
            if (rel.size() != 2) {
                continue;
            }
            Optional<EndpointSpec> a = Grammar.parseEndpoint(rel.get(0));
            Optional<EndpointSpec> b = Grammar.parseEndpoint(rel.get(1));
            if (a.isEmpty() || b.isEmpty() || !nodes.containsKey(a.get().application()) || !nodes.containsKey(b.get().application())) {
                continue;
            }
            Node na = nodes.get(a.get().application());
            Node nb = nodes.get(b.get().application());
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\" stroke-width=\"1.5\"/>%n",
                    na.x(), na.y(), nb.x(), nb.y()));
            String label = label(a.get(), b.get(), charms);
            double mx = (na.x() + nb.x()) / 2;
            double my = (na.y() + nb.y()) / 2;
            double lw = 6.5 * label.length() + 10;
            labels.add(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" rx=\"3\" fill=\"#fff8dc\" stroke=\"#ccc\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n",
                    mx - lw / 2, my - 9, lw, mx, my + 4, esc(label)));
        }
        labels.forEach(sb::append);
        for (Node node : nodes.values()) {
            String fill = node.edge() ? "#d9f2d9" : node.saas() ? "#f4f4f4" : "#e8eefc";
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" rx=\"6\" fill=\"%s\" stroke=\"#335\"%s/>%n",
                    node.x() - node.w() / 2, node.y() - BOX_H / 2.0, node.w(), BOX_H, fill, node.saas() ? " stroke-dasharray=\"5,3\"" : ""));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" font-weight=\"bold\" text-anchor=\"middle\">%s</text>%n",
                    node.x(), node.y() - 3, esc(node.name())));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#444\" text-anchor=\"middle\">%s</text>%n",
                    node.x(), node.y() + 13, esc(node.subtitle())));
        }
        return sb.append("</svg>\n").toString();
    }

    private static String charmLabel(ApplicationSpec app, CharmMetadata meta) {
        String charm = meta != null ? meta.name() : app.charm().replaceAll(".*/", "");
        return app.numUnits() > 1 ? charm + " ×" + app.numUnits() : charm;
    }

    private static String label(EndpointSpec a, EndpointSpec b, Map<String, CharmMetadata> charms) {
        if (charms.containsKey(a.application()) && charms.containsKey(b.application())) {
            Inference r = EndpointInference.infer(a, b, app -> Optional.ofNullable(charms.get(app)), EndpointInference.Style.BUNDLE);
            if (r instanceof Inference.Inferred i) {
                return i.first().endpoint().interfaceName();
            }
        }
        if (!a.relation().isEmpty() && a.relation().equals(b.relation())) {
            return a.relation();
        }
        return a.relation().isEmpty() && b.relation().isEmpty() ? "?" : a.relation() + " / " + b.relation();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
