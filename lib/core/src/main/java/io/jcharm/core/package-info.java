/**
 * The charm SDK: {@link io.jcharm.core.CharmMain} and the {@link io.jcharm.core.Dispatcher} turn
 * one Juju hook or action (the JUJU_* environment, read into {@link io.jcharm.core.JujuContext})
 * into one typed {@link io.jcharm.core.Event}, then run the charm's components through the
 * {@link io.jcharm.core.Reconciler}, an action, or teardown, against a {@link io.jcharm.core.Model}
 * of this unit (config bound to records, relations and data bags with Juju's access rules,
 * secrets, controller-side state, ports, statuses and logging through juju-log).
 */
package io.jcharm.core;
