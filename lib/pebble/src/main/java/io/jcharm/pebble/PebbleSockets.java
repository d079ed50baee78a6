package io.jcharm.pebble;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a workload container's Pebble socket is, as seen from the charm container.
 *
 * <pre>{@code
 * Path socket = PebbleSockets.socketPath("mlflow-server", System.getenv());
 * // /charm/containers/mlflow-server/pebble.socket
 * }</pre>
 */
public final class PebbleSockets {
    /** Overrides {@code /charm/containers}; set only by the local model and tests. */
    public static final String CONTAINERS_DIR_ENV = "JCHARM_CONTAINERS_DIR";

    /** Where Juju mounts the workload containers' shared directories in the charm container. */
    public static final String JUJU_CONTAINERS_DIR = "/charm/containers";

    private PebbleSockets() {
    }

    /**
     * The socket of {@code container}: {@code /charm/containers/<container>/pebble.socket}, or
     * under {@code $JCHARM_CONTAINERS_DIR} when that variable is set and not empty.
     */
    public static Path socketPath(String container, Map<String, String> env) {
        if (container == null || container.isEmpty() || container.contains("/")) {
            throw new IllegalArgumentException("invalid container name \"" + container
                    + "\": use the name from the charm's metadata 'containers' section");
        }
        String dir = env.get(CONTAINERS_DIR_ENV);
        Path base = Path.of(dir == null || dir.isEmpty() ? JUJU_CONTAINERS_DIR : dir);
        return base.resolve(container).resolve("pebble.socket");
    }
}
