package io.jcharm.bundle;

import static io.jcharm.bundle.BundleGraph.esc;
import static io.jcharm.bundle.BundleGraph.fmt;

import java.util.List;

/**
 * The legend of a {@link BundleGraph} drawing: one sample of each mark with what it means.
 *
 * <pre>{@code
 * String svg = Legend.svg(20, 400);   // a <g class="legend"> whose top-left corner is (20, 400)
 * }</pre>
 */
final class Legend {
    /** The texts, in the order drawn; a sample mark is drawn left of each. */
    static final List<String> ENTRIES = List.of(
            "application (its charm below its name, ×N units)",
            "shaded: edge application (annotation jcharm/edge: \"true\")",
            "dashed: SAAS, an offer consumed from another model",
            "arrow: relation from provider to requirer, labelled with its interface",
            "dotted, no arrow: relation whose direction is unknown (no charm metadata)",
            "band: the bundle part (file) its applications belong to",
            "peer relations are not drawn");
    private static final int ROW = 22;
    static final double HEIGHT = 30 + ROW * ENTRIES.size();

    private Legend() {
    }

    static String svg(double x, double y) {
        StringBuilder sb = new StringBuilder("<g class=\"legend\">");
        sb.append(fmt("<rect x=\"%.1f\" y=\"%.1f\" width=\"520\" height=\"%.1f\" rx=\"6\" fill=\"white\" stroke=\"#ccc\"/>", x, y, HEIGHT));
        sb.append(fmt("<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" font-weight=\"bold\">Legend</text>", x + 10, y + 18));
        for (int i = 0; i < ENTRIES.size(); i++) {
            double ry = y + 30 + ROW * i;
            double mx = x + 12;
            sb.append(switch (i) {
                case 0 -> sample(mx, ry, "#e8eefc", "");
                case 1 -> sample(mx, ry, "#d9f2d9", "");
                case 2 -> sample(mx, ry, "#f4f4f4", " stroke-dasharray=\"5,3\"");
                case 3 -> fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\" stroke-width=\"1.5\" "
                        + "marker-end=\"url(#arrow)\"/>", mx, ry + 8, mx + 40, ry + 8);
                case 4 -> fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" stroke-width=\"1.5\" "
                        + "stroke-dasharray=\"2,3\"/>", mx, ry + 8, mx + 40, ry + 8);
                case 5 -> fmt("<rect x=\"%.1f\" y=\"%.1f\" width=\"40\" height=\"16\" rx=\"4\" fill=\"#fbfbfb\" stroke=\"#bbb\"/>", mx, ry);
                default -> "";
            });
            sb.append(fmt("<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">%s</text>", mx + 52, ry + 12, esc(ENTRIES.get(i))));
        }
        return sb.append("</g>\n").toString();
    }

    private static String sample(double x, double y, String fill, String extra) {
        return fmt("<rect x=\"%.1f\" y=\"%.1f\" width=\"40\" height=\"16\" rx=\"3\" fill=\"%s\" stroke=\"#335\"%s/>", x, y, fill, extra);
    }
}
