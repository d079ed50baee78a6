package io.jcharm.kubernetes;

import java.time.Duration;

/**
 * How often a failed Kubernetes call is retried inside the hook (conflicts after force, 429,
 * 5xx, timeouts) before the hook fails and Juju retries it.
 *
 * <pre>{@code
 * RetryPolicy p = RetryPolicy.DEFAULT;  // 4 attempts: waits 250 ms, 750 ms, 2.25 s
 * p.delayBefore(2);                      // PT0.75S
 * }</pre>
 *
 * @param attempts how many calls in all (at least 1)
 * @param firstDelay the wait before the second attempt
 * @param factor how much each further wait grows
 * @param maxDelay the longest single wait
 */
public record RetryPolicy(int attempts, Duration firstDelay, double factor, Duration maxDelay) {

    /** Sub-second to a few seconds: a blip is absorbed, an outage fails the hook quickly. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(250), 3.0, Duration.ofSeconds(3));

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("retry attempts must be at least 1, not " + attempts);
        }
        if (firstDelay.isNegative() || maxDelay.isNegative() || factor < 1.0) {
            throw new IllegalArgumentException("retry delays must be non-negative and the factor at least 1");
        }
    }

    /** The wait before attempt {@code n} (2 = the first retry). */
    public Duration delayBefore(int n) {
        double millis = firstDelay.toMillis() * Math.pow(factor, Math.max(0, n - 2));
        return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
    }
}
