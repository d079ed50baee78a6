package io.jcharm.local;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the local model runs hooks: timeouts, Juju's retry backoff scaled down for rehearsal,
 * how many units run a hook at once, and where the unix sockets go.
 *
 * <p>Retries: Juju retries a failed hook after 5 s, doubling up to 5 min, forever. A rehearsal
 * must end, so the local model waits {@code retryDelay} (default 0.5 s, a tenth of Juju's),
 * doubling up to {@code maxRetryDelay} (5 s), at most {@code maxRetries} times (default 3); the
 * unit then stays in error until {@code jcharm resolve}.
 *
 * <pre>{@code
 * ModelOptions fast = ModelOptions.defaults().withRetries(0, Duration.ofMillis(50)).withParallelism(1);
 * }</pre>
 *
 * @param modelName the model's name (and Kubernetes namespace); empty: the bundle's name, else "local"
 * @param hookTimeout a hook still running after this is killed and counts as failed
 * @param settleTimeout how long a command waits for the model to settle
 * @param parallelism how many units may run a hook at the same time (one hook per unit, always)
 * @param socketDir a directory with a short path for the Pebble sockets (unix paths stop at 107 bytes)
 * @param jujuVersion what JUJU_VERSION says
 * @param hookEnvironment extra variables for every hook (for example JCHARM_JAVA_OPTS)
 * @param logTail how many lines of a failed hook's output its error keeps
 */
public record ModelOptions(Optional<String> modelName, Duration hookTimeout, Duration settleTimeout, int maxRetries,
                           Duration retryDelay, Duration maxRetryDelay, int parallelism, Path socketDir,
                           String jujuVersion, Map<String, String> hookEnvironment, int logTail, Clock clock) {

    public ModelOptions {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(clock, "clock");
        hookEnvironment = Map.copyOf(hookEnvironment);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, got " + maxRetries);
        }
    }

    /** Defaults for a rehearsal on a developer machine. */
    public static ModelOptions defaults() {
        Path tmp = Path.of("/tmp");
        if (!java.nio.file.Files.isDirectory(tmp) || !java.nio.file.Files.isWritable(tmp)) {
            tmp = Path.of(System.getProperty("java.io.tmpdir"));
        }
        return new ModelOptions(Optional.empty(), Duration.ofMinutes(5), Duration.ofMinutes(10), 3, Duration.ofMillis(500),
                Duration.ofSeconds(5), Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), tmp,
                "3.6.14", Map.of(), 20, Clock.systemUTC());
    }

    public ModelOptions withModelName(String name) {
        return new ModelOptions(Optional.of(name), hookTimeout, settleTimeout, maxRetries, retryDelay, maxRetryDelay,
                parallelism, socketDir, jujuVersion, hookEnvironment, logTail, clock);
    }

    public ModelOptions withSettleTimeout(Duration t) {
        return new ModelOptions(modelName, hookTimeout, t, maxRetries, retryDelay, maxRetryDelay, parallelism, socketDir,
                jujuVersion, hookEnvironment, logTail, clock);
    }

    public ModelOptions withHookTimeout(Duration t) {
        return new ModelOptions(modelName, t, settleTimeout, maxRetries, retryDelay, maxRetryDelay, parallelism, socketDir,
                jujuVersion, hookEnvironment, logTail, clock);
    }

    public ModelOptions withRetries(int max, Duration delay) {
        return new ModelOptions(modelName, hookTimeout, settleTimeout, max, delay, maxRetryDelay, parallelism, socketDir,
                jujuVersion, hookEnvironment, logTail, clock);
    }

    public ModelOptions withParallelism(int n) {
        return new ModelOptions(modelName, hookTimeout, settleTimeout, maxRetries, retryDelay, maxRetryDelay, n, socketDir,
                jujuVersion, hookEnvironment, logTail, clock);
    }

    public ModelOptions withHookEnvironment(Map<String, String> env) {
        return new ModelOptions(modelName, hookTimeout, settleTimeout, maxRetries, retryDelay, maxRetryDelay, parallelism,
                socketDir, jujuVersion, env, logTail, clock);
    }

    public ModelOptions withSocketDir(Path dir) {
        return new ModelOptions(modelName, hookTimeout, settleTimeout, maxRetries, retryDelay, maxRetryDelay, parallelism,
                dir, jujuVersion, hookEnvironment, logTail, clock);
    }

    /** The delay before automatic retry number {@code attempt} (1-based): doubling, capped. */
    Duration backoff(int attempt) {
        long ms = retryDelay.toMillis();
        for (int i = 1; i < attempt && ms < maxRetryDelay.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, maxRetryDelay.toMillis()));
    }
}
