package io.jcharm.bundle;

import java.util.ArrayList;
import java.util.List;

/**
 * Places edge labels of a drawing so that none sits on another or on an application box: each label
 * goes to the first free spot along its edge (midpoint first), else beside it, moving further out.
 *
 * <pre>{@code
 * LabelPlacer p = new LabelPlacer();
 * p.block(new LabelPlacer.Box(0, 0, 120, 44));
 * LabelPlacer.Box b = p.place(0, 0, 300, 0, 80, 18);   // centred on the edge, clear of the box
 * }</pre>
 */
final class LabelPlacer {
    /** Gap kept between two labels, in SVG units. */
    private static final double GAP = 3;
    /** Positions along the edge tried in turn, as a fraction from its start: the middle first. */
    private static final double[] ALONG = {0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.2, 0.8};

    /** An axis-aligned rectangle; (x, y) is its top-left corner. */
    record Box(double x, double y, double w, double h) {
        boolean intersects(Box o, double gap) {
            return x < o.x + o.w + gap && o.x < x + w + gap && y < o.y + o.h + gap && o.y < y + h + gap;
        }

        double cx() {
            return x + w / 2;
        }

        double cy() {
            return y + h / 2;
        }
    }

    private final List<Box> taken = new ArrayList<>();

    /** Marks an area (an application box) that no label may cover. */
    void block(Box b) {
        taken.add(b);
    }

    /**
     * A free spot of {@code w × h} for the label of the edge (x1,y1)-(x2,y2), which is then taken.
     * Off the edge only when every spot on it is taken; the caller then draws a leader line.
     */
    Box place(double x1, double y1, double x2, double y2, double w, double h) {
        for (double t : ALONG) {
            Box b = centred(x1 + (x2 - x1) * t, y1 + (y2 - y1) * t, w, h);
            if (free(b)) {
                return take(b);
            }
        }
        // Step up and down from the edge, one label height further each round: labels are wide
        // and flat, so a vertical step clears a neighbour soonest.
        for (int k = 1; k < 400; k++) {
            double dy = (k + 1) / 2 * (h + GAP) * (k % 2 == 1 ? 1 : -1);
            for (double t : ALONG) {
                Box b = centred(x1 + (x2 - x1) * t, y1 + (y2 - y1) * t + dy, w, h);
                if (free(b)) {
                    return take(b);
                }
            }
        }
        throw new IllegalStateException("no room for a label of " + w + "x" + h + " near (" + x1 + "," + y1 + ")");
    }

    private static Box centred(double x, double y, double w, double h) {
        return new Box(x - w / 2, y - h / 2, w, h);
    }

    private boolean free(Box b) {
        return taken.stream().noneMatch(o -> o.intersects(b, GAP));
    }

    private Box take(Box b) {
        taken.add(b);
        return b;
    }
}
