/**
 * The stand-in for Charmhub's dex-auth (track 2.39) on the local model: the Charmhub charm's
 * metadata, its issuer URL on {@code dex-oidc-config} and its route on {@code ingress}, written
 * from the facts of canonical/dex-auth-operator track/2.39 @ d0b488b (src/charm.py and
 * lib/charms/dex_auth/v0/dex_oidc_config.py), never from our own lib/relations code.
 */
package io.jcharm.charms.standins.dex;
