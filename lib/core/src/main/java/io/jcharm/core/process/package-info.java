/**
 * Running machine commands from a charm ({@code snap}, {@code microk8s}, {@code sysctl}):
 * the {@link io.jcharm.core.process.Commands} interface charms depend on, and
 * {@link io.jcharm.core.process.ExecCommands}, which runs real child processes with Apache
 * Commons Exec (an argv array, never a shell; the hook's own environment and PATH; a watchdog
 * timeout on every call) and keeps stdout, stderr and the exit code for the caller and for
 * {@link io.jcharm.core.process.CommandException}'s message.
 */
package io.jcharm.core.process;
