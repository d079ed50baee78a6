package io.jcharm.pebble;

import java.util.Optional;

/**
 * The answer to {@code POST /v1/checks/refresh}: the check's state after it ran, and the error of
 * that run when it failed (Pebble's {@code {"info": {...}, "error": "exit status 1"}}).
 *
 * <pre>{@code
 * CheckRefresh run = client.refreshCheck("ready");
 * run.error().ifPresent(e -> log.warn("check ready failed: " + e));
 * }</pre>
 */
public record CheckRefresh(CheckInfo info, String errorText) {
    /** The run's error, empty when the check succeeded. */
    public Optional<String> error() {
        return Optional.ofNullable(errorText).filter(e -> !e.isEmpty());
    }

    /** True when this run of the check failed. */
    public boolean failed() {
        return error().isPresent();
    }
}
