package io.jcharm.bundle;

import java.util.Optional;

/**
 * One finding about a bundle: Juju's exact text, where in the YAML it comes from, and what to
 * change.
 *
 * <pre>{@code
 * Problem p = Problem.error("A18", "application \"db\" refers to non-existent charm \"mysql\"",
 *         location, "add bundles/charmhub/mysql.yaml or fix the charm name");
 * }</pre>
 *
 * @param check the check's id in the reference list (B1, A4, L6, ...), or a jcharm id such as
 *              {@code X-scope} for checks Juju makes on the controller
 * @param message the text Juju prints, byte for byte where Juju has one
 * @param hint what to change, for a person
 */
public record Problem(Severity severity, String check, String message, Optional<Location> location, String hint) {

    public static Problem error(String check, String message, Optional<Location> location, String hint) {
        return new Problem(Severity.ERROR, check, message, location, hint);
    }

    public static Problem warning(String check, String message, Optional<Location> location, String hint) {
        return new Problem(Severity.WARNING, check, message, location, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line: error: message} as a compiler would print it. */
    public String format() {
        String where = location.map(l -> l + ": ").orElse("");
        return where + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
