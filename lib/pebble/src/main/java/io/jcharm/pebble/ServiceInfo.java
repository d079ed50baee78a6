package io.jcharm.pebble;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jcharm.pebble.layer.Startup;
import java.time.Instant;

/**
 * One entry of {@code GET /v1/services}.
 *
 * <pre>{@code
 * for (ServiceInfo s : client.services()) {
 *     System.out.println(s.name() + " " + s.current());
 * }
 * }</pre>
 */
public record ServiceInfo(
        String name,
        Startup startup,
        ServiceStatus current,
        @JsonProperty("current-since") Instant currentSince) {

    /** True when Pebble reports the service active. */
    public boolean isRunning() {
        return current == ServiceStatus.ACTIVE;
    }
}
