/**
 * The {@code jcharm} command (picocli): pack, bundle verify|select|render|graph, deploy and
 * integrate, with documented exit codes and errors that name the file, the line and the fix; and
 * the driver that runs the real {@code juju} CLI (through Commons Exec, never a shell) behind a
 * {@link io.jcharm.cli.Target} so the local model can be plugged in beside it.
 */
package io.jcharm.cli;
