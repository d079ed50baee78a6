package io.jcharm.pebble;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@code GET /v1/system-info} answers; a successful call is how a charm knows the
 * container's Pebble is reachable.
 *
 * <pre>{@code
 * String version = client.systemInfo().version(); // "v1.32.1"
 * }</pre>
 */
public record SystemInfo(
        @JsonProperty("boot-id") String bootId,
        String version,
        @JsonProperty("http-address") String httpAddress,
        @JsonProperty("https-address") String httpsAddress) {
}
