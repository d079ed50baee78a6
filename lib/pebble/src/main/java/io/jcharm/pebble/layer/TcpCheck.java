package io.jcharm.pebble.layer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code tcp} part of a check: success when a TCP connection to {@code host:port} opens
 * (Pebble's default host is localhost).
 *
 * <pre>{@code
 * Check port = Check.builder().override(OverrideMode.REPLACE).tcp(TcpCheck.of(9000)).build();
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"port", "host"})
public record TcpCheck(Integer port, String host) {
    /** Normalises an empty host. */
    public TcpCheck {
        host = Values.text(host);
    }

    /** A check of {@code localhost:port}. */
    public static TcpCheck of(int port) {
        return new TcpCheck(port, null);
    }

    /** Pebble's merge: set fields win. */
    public TcpCheck mergedWith(TcpCheck other) {
        return new TcpCheck(Values.pick(other.port, port), Values.pick(other.host, host));
    }
}
