package io.jcharm.testing;

/**
 * A workload container in a test {@link State}: whether Pebble is reachable. Charm tests that
 * need layers, files or exec get a real Pebble emulator per container from the {@link Context}.
 *
 * <pre>{@code
 * State s = State.empty().withContainer(ContainerState.reachable("seldon-core"));
 * }</pre>
 */
public record ContainerState(String name, boolean canConnect) {

    public static ContainerState reachable(String name) {
        return new ContainerState(name, true);
    }

    public static ContainerState unreachable(String name) {
        return new ContainerState(name, false);
    }
}
