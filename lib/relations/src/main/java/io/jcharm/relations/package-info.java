/**
 * Relation wire protocols shared with Charmhub charms: serialized-data-interface (SDI) version
 * handshake and YAML payloads, ingress routes, ingress-auth, k8s-service, istio-gateway-info and
 * kubernetes-info. Each type reads and writes exactly the keys the Python charms use, so a
 * jcharm charm and a Charmhub charm can relate.
 */
package io.jcharm.relations;
