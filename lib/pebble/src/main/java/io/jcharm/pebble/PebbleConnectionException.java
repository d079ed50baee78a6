package io.jcharm.pebble;

import java.nio.file.Path;

/**
 * The container's Pebble is not reachable: socket file missing, connection refused or no answer.
 *
 * <pre>{@code
 * catch (PebbleConnectionException e) {
 *     throw new StatusException(Status.waiting("waiting for " + e.container() + " Pebble"));
 * }
 * }</pre>
 */
public final class PebbleConnectionException extends PebbleException {
    private final Path socketPath;

    /**
     * @param socketPath the socket the client used
     * @param problem what went wrong, e.g. "socket not found"
     */
    public PebbleConnectionException(Path socketPath, String problem, Throwable cause) {
        super("container not reachable: cannot talk to Pebble at " + socketPath + ": " + problem
                + "; the container may not be up yet or may have restarted: wait for the " + container(socketPath)
                + "-pebble-ready event (Container.canConnect()) before using it", cause);
        this.socketPath = socketPath;
    }

    /** The socket the client used. */
    public Path socketPath() {
        return socketPath;
    }

    /** The container name, taken from {@code .../<container>/pebble.socket}. */
    public String container() {
        return container(socketPath);
    }

    private static String container(Path socketPath) {
        Path parent = socketPath.getParent();
        return parent == null || parent.getFileName() == null ? "<container>" : parent.getFileName().toString();
    }
}
