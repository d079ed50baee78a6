/**
 * State-transition tests for charms: build an immutable {@link io.jcharm.testing.State}, run one
 * event from {@link io.jcharm.testing.Events} with {@link io.jcharm.testing.Context#run}, and assert
 * on the {@link io.jcharm.testing.State} that comes out. The run uses the production dispatch and
 * model code over in-memory hook tools that enforce what the Juju controller enforces.
 */
package io.jcharm.testing;
