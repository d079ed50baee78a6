package io.jcharm.local;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A real server the local model runs in place of one charm's workload, so that what the other
 * charms do against that workload meets a real protocol (the one today: {@link MinioStandin},
 * MinIO's S3 API). Keyed by charm name ({@link WorkloadStandins#CATALOG}); nothing outside the
 * local model's runtime knows of it: the controller and the charm see only Pebble and Kubernetes.
 *
 * <pre>{@code
 * WorkloadStandin s = new MinioStandin();
 * s.wanted(view).map(what -> s.serve(what, dataDir));   // closing the result stops the server
 * }</pre>
 */
interface WorkloadStandin {
    /** The charm (its metadata name) whose workload this stands in for. */
    String charm();

    /** What should be served now, as the unit's plan and the application's Service say; empty: nothing. */
    Optional<Served> wanted(WorkloadView workload);

    /**
     * Starts serving {@code what}, keeping data under {@code dataDir}; closing the result stops it.
     *
     * @throws RuntimeException with the address when it cannot be served (the caller logs it and tries again later)
     */
    AutoCloseable serve(Served what, Path dataDir);

    /** One line for the debug log: what serves, and where. */
    String describe(Served what, Path dataDir);
}
