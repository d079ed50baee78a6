/**
 * Upgrades from the revisions that shipped: {@link io.jcharm.testing.revisions.Revisions#capture}
 * writes what a revision's hooks left behind (a {@link io.jcharm.testing.revisions.Snapshot}: the
 * unit's controller-side state, its containers and the cluster's objects) as JSON under the charm
 * module's {@code src/test/resources/revisions/<commit>/}; an upgrade test loads it with
 * {@link io.jcharm.testing.revisions.Revisions#previous} and runs this build's upgrade-charm over it.
 *
 * <pre>{@code
 * for (Snapshot old : Revisions.previous("hello", Map.of())) {
 *     State up = ctx.run(Events.upgradeCharm(), old.state());
 * }
 * }</pre>
 */
package io.jcharm.testing.revisions;
