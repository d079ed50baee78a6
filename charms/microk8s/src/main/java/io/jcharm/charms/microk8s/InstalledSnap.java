package io.jcharm.charms.microk8s;

import java.util.Optional;

/**
 * The installed microk8s snap as {@code snap list microk8s} prints it.
 *
 * <pre>{@code
 * InstalledSnap.parse("Name Version Rev Tracking Publisher Notes\nmicrok8s v1.32.3 7964 1.32/stable canonical✓ classic\n")
 *     // InstalledSnap[version=v1.32.3, tracking=1.32/stable]
 * }</pre>
 */
record InstalledSnap(String version, String tracking) {

    /** The microk8s row of the table; empty when there is none. */
    static Optional<InstalledSnap> parse(String table) {
        for (String line : table.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length >= 4 && cols[0].equals("microk8s")) {
                return Optional.of(new InstalledSnap(cols[1], cols[3]));
            }
        }
        return Optional.empty();
    }

    /** The tracking channel normalised like {@link Channel#toString()}, or as printed when it does not parse. */
    String trackingChannel() {
        try {
            return Channel.parse(tracking).toString();
        } catch (IllegalArgumentException e) {
            return tracking; // "-" for a locally installed snap: any configured channel then differs
        }
    }
}
