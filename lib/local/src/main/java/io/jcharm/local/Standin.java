package io.jcharm.local;

import java.nio.file.Path;

/**
 * What runs on the local model for a Charmhub charm a bundle names: the packed stand-in charm of
 * this repository ({@code charms/standins/<charm>}), or, for a charm without one, an inert
 * stand-in built from its snapshot that writes no relation data.
 *
 * <pre>{@code
 * Standin s = catalog.find("mysql-k8s", "8.0/stable");
 * s.describe();   // "stand-in for Charmhub mysql-k8s 8.0/stable (charms/standins/mysql-k8s)"
 * }</pre>
 *
 * @param charm the Charmhub charm's name
 * @param channel the channel the bundle asks for ("" when none)
 * @param archive the packed archive to deploy
 * @param source where it comes from, for humans (the stand-in's module, or the snapshot file)
 * @param inert whether it writes no relation data (no stand-in of its own)
 */
record Standin(String charm, String channel, Path archive, String source, boolean inert) {

    /** The words {@code jcharm status} shows for the application. */
    String describe() {
        String what = "Charmhub " + charm + (channel.isEmpty() ? "" : " " + channel);
        return inert ? "inert stand-in for " + what + " (from " + source + "): writes no relation data"
                : "stand-in for " + what + " (" + source + ")";
    }
}
