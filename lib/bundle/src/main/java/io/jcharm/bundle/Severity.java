package io.jcharm.bundle;

/**
 * How bad a {@link Problem} is: an ERROR makes {@code juju deploy} (or the controller) refuse the
 * bundle; a WARNING is something Juju accepts but probably not what was meant.
 *
 * <pre>{@code
 * problems.stream().anyMatch(p -> p.severity() == Severity.ERROR)
 * }</pre>
 */
public enum Severity {
    ERROR, WARNING
}
