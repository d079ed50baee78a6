package io.jcharm.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A connected client, the namespace objects go to by default, and where the credentials came
 * from (for messages). Built on first use by {@link ClientFactory}.
 */
record KubeSession(KubernetesClient client, String namespace, String source) {
}
