/**
 * Juju bundles, offline: the bundle model for bundle.yaml (every key Juju reads), multi-document
 * bundles and overlays merged with Juju's rules, the verifier that runs Juju's checks in Juju's
 * order with Juju's texts plus the charm-aware checks Juju only makes on the controller, endpoint
 * inference as {@code juju integrate} does it, the deploy-time checks, subsets (selected or edge
 * applications), rendering for {@code juju deploy} and an SVG drawing of a bundle.
 */
package io.jcharm.bundle;
