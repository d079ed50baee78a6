/**
 * The warm runtime: one JVM per unit that a packed charm's {@code dispatch} starts after a cold
 * hook and hands the next hooks of a burst to, so that they skip JVM start-up. Each hook gets
 * its own environment, arguments, stdin, stdout, stderr and exit code, and the charm's own
 * classes are loaded afresh for every hook; see {@link io.jcharm.core.warm.WarmRuntime} for the
 * protocol.
 */
package io.jcharm.core.warm;
