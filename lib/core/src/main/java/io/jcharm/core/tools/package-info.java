/**
 * Juju hook tools as typed Java calls: the {@link io.jcharm.core.tools.HookTools} interface, its
 * values (relation references, ports, secret options, network and storage info), the typed
 * failures that keep command, exit code and stderr, and {@link io.jcharm.core.tools.ExecHookTools},
 * which runs the real tools as child processes exactly as Juju's {@code jujuc} parses them.
 */
package io.jcharm.core.tools;
