package io.jcharm.kubernetes;

import java.time.Duration;

/**
 * Waits between retries and polls; tests pass one that records instead of sleeping.
 *
 * <pre>{@code
 * Sleeper s = Sleeper.REAL;
 * s.sleep(Duration.ofMillis(250));
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {

    /** Thread.sleep, restoring the interrupt flag and failing the call when interrupted. */
    Sleeper REAL = d -> {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kubernetes API", e);
        }
    };

    void sleep(Duration duration);
}
