/**
 * The seldon-core charm: Seldon Core 1.17's manager as a Pebble service in the {@code seldon-core}
 * container, the Kubernetes objects it needs (CRD, RBAC, validating webhook and its Service,
 * seldon-config) applied by the leader, webhook certificates issued once and kept in a Juju
 * secret, Istio routing from the gateway-info relation, a prometheus_scrape job, and actions
 * that serve, list and remove SeldonDeployments.
 */
package io.jcharm.charms.seldoncore;
