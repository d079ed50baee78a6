package io.jcharm.bundle;

import java.util.Optional;

/**
 * A bundle could not be read at all (missing file, YAML syntax, a rule Juju enforces while
 * parsing); names the file and line and says what to change.
 *
 * <pre>{@code
 * throw new BundleException("cannot specify both scale and num_units for application \"db\"",
 *         Optional.of(location), "keep only scale (Kubernetes) or num_units (machines)");
 * }</pre>
 */
public class BundleException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Optional<Location> location;
    private final String hint;

    public BundleException(String message, Optional<Location> location, String hint) {
        super(message);
        this.location = location;
        this.hint = hint;
    }

    public BundleException(String message, Optional<Location> location, String hint, Throwable cause) {
        super(message, cause);
        this.location = location;
        this.hint = hint;
    }

    public Optional<Location> location() {
        return location;
    }

    public String hint() {
        return hint;
    }

    /** The failure as a {@link Problem}, for reports that list everything. */
    public Problem toProblem() {
        return Problem.error("read", getMessage(), location, hint);
    }
}
