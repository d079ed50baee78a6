/**
 * The stand-in for Charmhub's oidc-gatekeeper (track ckf-1.10) on the local model: the Charmhub
 * charm's metadata, and what it sends over its serialized-data-interface relations
 * ({@code ingress-auth}, {@code ingress}, {@code oidc-client}), written from the facts of
 * canonical/oidc-gatekeeper-operator track/ckf-1.10 @ 46020d8 (src/charm.py), never from our
 * own lib/relations code.
 */
package io.jcharm.charms.standins.oidc;
