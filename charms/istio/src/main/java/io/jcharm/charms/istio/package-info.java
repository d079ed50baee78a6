/**
 * The Istio charm: with no workload container, the leader applies Istio's CRDs, the control
 * plane (istiod, its RBAC, mesh and injector config, webhooks) and the ingress gateway with the
 * default Gateway, from static manifests set in code; routes each {@code ingress} relation (SDI
 * v1/v2) through a VirtualService, puts an {@code ingress-auth} provider in front of the gateway
 * as an ext_authz EnvoyFilter, and provides {@code gateway-info}, {@code istio-pilot}
 * (k8s-service) and {@code metrics-endpoint} as Charmed Kubeflow's istio-pilot does. It refuses
 * to share its gateway objects with another manager (Charmed Kubeflow's istio-gateway charm).
 */
package io.jcharm.charms.istio;
