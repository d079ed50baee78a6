package io.jcharm.kubernetes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Tuning for the Kubernetes client and apply loop; {@link #DEFAULT} suits hooks, tests shorten
 * the waits.
 *
 * <pre>{@code
 * KubeOptions fast = KubeOptions.DEFAULT.withRetry(new RetryPolicy(3, Duration.ofMillis(1), 1, Duration.ofMillis(1)))
 *         .withCrdTimeout(Duration.ofMillis(300));
 * }</pre>
 *
 * @param mode the apply mode; empty = what {@code JCHARM_KUBE_APPLY} in the hook environment says
 * @param retry retries of failed calls inside the hook
 * @param crdTimeout how long to wait for applied CustomResourceDefinitions to be Established
 * @param pollInterval how often to look while waiting
 * @param requestTimeout the timeout of one HTTP request (and of connecting)
 * @param serviceAccountDir where a pod's service account is mounted
 * @param sleeper how to wait between retries and polls
 */
public record KubeOptions(Optional<ApplyMode> mode, RetryPolicy retry, Duration crdTimeout, Duration pollInterval,
                          Duration requestTimeout, Path serviceAccountDir, Sleeper sleeper) {

    /** The mount point Kubernetes uses for a pod's service account. */
    public static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    public static final KubeOptions DEFAULT = new KubeOptions(Optional.empty(), RetryPolicy.DEFAULT,
            Duration.ofSeconds(30), Duration.ofMillis(250), Duration.ofSeconds(10), SERVICE_ACCOUNT_DIR, Sleeper.REAL);

    public KubeOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(serviceAccountDir, "serviceAccountDir");
        Objects.requireNonNull(sleeper, "sleeper");
        if (crdTimeout.isNegative() || pollInterval.isNegative() || pollInterval.isZero() || requestTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be non-negative and the poll interval positive");
        }
    }

    public KubeOptions withMode(ApplyMode m) {
        return new KubeOptions(Optional.of(m), retry, crdTimeout, pollInterval, requestTimeout, serviceAccountDir, sleeper);
    }

    public KubeOptions withRetry(RetryPolicy r) {
        return new KubeOptions(mode, r, crdTimeout, pollInterval, requestTimeout, serviceAccountDir, sleeper);
    }

    public KubeOptions withCrdTimeout(Duration t) {
        return new KubeOptions(mode, retry, t, pollInterval, requestTimeout, serviceAccountDir, sleeper);
    }

    public KubeOptions withPollInterval(Duration p) {
        return new KubeOptions(mode, retry, crdTimeout, p, requestTimeout, serviceAccountDir, sleeper);
    }

    public KubeOptions withRequestTimeout(Duration t) {
        return new KubeOptions(mode, retry, crdTimeout, pollInterval, t, serviceAccountDir, sleeper);
    }

    public KubeOptions withServiceAccountDir(Path dir) {
        return new KubeOptions(mode, retry, crdTimeout, pollInterval, requestTimeout, dir, sleeper);
    }

    public KubeOptions withSleeper(Sleeper s) {
        return new KubeOptions(mode, retry, crdTimeout, pollInterval, requestTimeout, serviceAccountDir, s);
    }
}
