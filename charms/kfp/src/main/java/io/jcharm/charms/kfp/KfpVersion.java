package io.jcharm.charms.kfp;

import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import java.util.Optional;

/**
 * The Kubeflow Pipelines release this charm runs, and its upgrade rule: the API server migrates
 * the database forward when it starts, so any later release may follow; nothing earlier may, as
 * KFP has no down-migrations. The version the database was last run with is kept for the
 * application ({@link AppRecords}), so that a new leader refuses a downgrade too.
 *
 * <pre>{@code
 * KfpVersion.refusal("2.6.0", "2.5.0");  // Optional["the database was migrated by Kubeflow Pipelines 2.6.0 ..."]
 * }</pre>
 */
final class KfpVersion {
    /** The release the images in charmcraft.yaml and the commands in {@link Workloads} are from. */
    static final String CURRENT = "2.5.0";
    /** The KFP version the API server last ran against the database (an {@link AppRecords} key). */
    static final String RECORDED = "kfp-version";

    private KfpVersion() {
    }

    /** Blocked when the database was run by a later KFP than this charm's. */
    static void check(Model model) throws StatusException {
        Optional<String> recorded = AppRecords.get(model, RECORDED);
        if (recorded.isPresent()) {
            Optional<String> refusal = refusal(recorded.get(), CURRENT);
            if (refusal.isPresent()) {
                throw StatusException.blocked(refusal.get());
            }
        }
    }

    /** Records the running version once the API server is planned with it. */
    static void record(Model model) {
        Optional<String> from = AppRecords.get(model, RECORDED);
        if (from.isPresent() && !from.get().equals(CURRENT)) {
            model.log().info("upgraded Kubeflow Pipelines from " + from.get() + " to " + CURRENT
                    + ": the API server migrates the database as it starts");
        }
        AppRecords.keep(model, RECORDED, CURRENT);
        model.unit().setWorkloadVersion(CURRENT);
    }

    /** Why running {@code wanted} on a database last run by {@code applied} is refused, if it is. */
    static Optional<String> refusal(String applied, String wanted) {
        int[] a = parse(applied);
        int[] w = parse(wanted);
        int cmp = a[0] != w[0] ? Integer.compare(a[0], w[0]) : a[1] != w[1] ? Integer.compare(a[1], w[1]) : Integer.compare(a[2], w[2]);
        if (cmp <= 0) {
            return Optional.empty();
        }
        return Optional.of("the database was migrated by Kubeflow Pipelines " + applied + " and this charm runs " + wanted
                + ": KFP cannot downgrade; refresh back to a charm revision with KFP " + applied + " or later");
    }

    private static int[] parse(String v) {
        String[] parts = v.split("[.+-]");
        int[] out = new int[3];
        for (int i = 0; i < 3 && i < parts.length; i++) {
            out[i] = parts[i].matches("[0-9]+") ? Integer.parseInt(parts[i]) : 0;
        }
        return out;
    }
}
