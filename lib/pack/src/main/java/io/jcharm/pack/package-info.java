/**
 * Turns a charm project (charmcraft.yaml plus the charm's jar and runtime dependencies) into a
 * {@code .charm} that Juju accepts and that runs with no Java on the target: Juju's own
 * validation rules and error texts, a reproducible zip with Unix modes, a jlinked Java runtime
 * of just the modules the charm needs, a startup archive (JDK 25 AOT cache, else AppCDS) made by
 * training runs of the charm's own {@code dispatch}, and a POSIX sh {@code dispatch}.
 */
package io.jcharm.pack;
