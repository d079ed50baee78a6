/**
 * The warm runtime: one JVM per unit that a packed charm's {@code dispatch} starts at the first
 * hook of a burst and hands that hook and the next ones to, so that one JVM starts instead of one
 * per hook (and the first hook does not start a second JVM beside it). Each hook gets
 * its own environment, arguments, stdin, stdout, stderr and exit code, and the charm's own
 * classes are loaded afresh for every hook; see {@link io.jcharm.core.warm.WarmRuntime} for the
 * protocol.
 */
package io.jcharm.core.warm;
