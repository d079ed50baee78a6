/**
 * Kubernetes objects for sidecar charms, on fabric8 over OkHttp: manifests loaded from the
 * charm's jar and set in code ({@link io.jcharm.kubernetes.Manifest}), desired sets applied
 * server-side in kind order with pruning and ordered removal, or one object at a time for
 * actions ({@link io.jcharm.kubernetes.ManagedResources}, wrapped as a component by
 * {@link io.jcharm.kubernetes.ResourcesComponent}), the ports of the Service Juju creates
 * ({@link io.jcharm.kubernetes.ServicePatch}), the check of image options
 * ({@link io.jcharm.kubernetes.ImageReference}), and the client configuration (the pod's service
 * account, or {@code KUBECONFIG} from the hook environment). Start-up cost matters in a hook:
 * {@link io.jcharm.kubernetes.Kubernetes}, the components, options and records keep fabric8
 * types out of what they execute until the first call that needs the API, so a hook that never
 * touches Kubernetes never loads fabric8. Charm authors should likewise build their fabric8
 * objects in a separate class that the charm class only calls from a lambda. Charms ship a
 * chosen subset of fabric8's model jars (see this module's pom); kinds outside it are handled
 * as GenericKubernetesResource.
 */
package io.jcharm.kubernetes;
