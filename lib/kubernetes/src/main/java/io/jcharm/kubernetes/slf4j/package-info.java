/**
 * A tiny SLF4J provider for the charm runtime: the Kubernetes client (fabric8, OkHttp) logs
 * through SLF4J, and its records go to {@code juju-log} at the matching level
 * ({@code jcharm debug-log} / {@code juju debug-log}) instead of SLF4J's "no provider" notice
 * and stray lines on the hook's stderr.
 *
 * <pre>{@code
 * JujuLogSink.attach(model.log());   // Kubernetes.of(model) does it
 * }</pre>
 */
package io.jcharm.kubernetes.slf4j;
