package io.jcharm.pebble.emulator;

import io.jcharm.pebble.ServiceStatus;
import io.jcharm.pebble.layer.Service;
import io.jcharm.pebble.layer.Startup;
import java.time.Instant;

/**
 * A simulated service as the emulator sees it: "active" means started, never that a process
 * runs. {@code startedWith} is the definition it was last started with (null when stopped),
 * which is how replan decides what changed.
 *
 * <pre>{@code
 * assertEquals(ServiceStatus.ACTIVE, emulator.service("mlflow").orElseThrow().current());
 * }</pre>
 */
public record ServiceState(String name, Startup startup, ServiceStatus current, Instant since, int startCount,
        Service startedWith) {
}
