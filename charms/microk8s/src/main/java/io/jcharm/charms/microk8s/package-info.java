/**
 * The MicroK8s machine charm: installs the snap, keeps its channel, addons and node tuning in
 * step with config, clusters units over the {@code peer} relation with join tokens shared as a
 * Juju secret, provides {@code kubernetes-info} and answers the {@code kubeconfig} action. Every
 * machine command goes through {@link io.jcharm.core.process.Commands}; every file it writes is
 * under the machine root ({@code JCHARM_MACHINE_ROOT}, else {@code /}).
 */
package io.jcharm.charms.microk8s;
