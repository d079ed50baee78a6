package io.jcharm.pebble.emulator;

import java.time.Instant;

/**
 * A simulated service as the emulator sees it: "active" means started, never that a process
 * runs. {@code startup} and {@code current} are Pebble's words ({@code enabled}/{@code disabled};
 * {@code active}, {@code inactive}, {@code backoff}, {@code error}). {@code startedWith} is the
 * definition it was last started with (null when stopped), which is how replan decides what changed.
 *
 * <pre>{@code
 * assertTrue(emulator.service("mlflow").orElseThrow().active());
 * }</pre>
 */
public record ServiceState(String name, String startup, String current, Instant since, int startCount,
        PlanEntry startedWith) {

    /** True when the service is started ({@code current} is {@code active}). */
    public boolean active() {
        return "active".equals(current);
    }
}
