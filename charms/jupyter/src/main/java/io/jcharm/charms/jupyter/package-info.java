/**
 * The jupyter charm: Kubeflow's notebook controller, Jupyter web app and PodDefault webhook in
 * one charm, with notebooks in one namespace ({@link io.jcharm.charms.jupyter.JupyterCharm}).
 * Multi-user profiles are out of scope; the namespace is one config value threaded through
 * {@link io.jcharm.charms.jupyter.PlatformObjects} and {@link io.jcharm.charms.jupyter.AccessObjects},
 * so a list of namespaces (one per profile) can replace it.
 */
package io.jcharm.charms.jupyter;
