package io.jcharm.kubernetes;

/**
 * No usable way to reach the Kubernetes API from this hook: neither {@code KUBECONFIG} in the
 * hook environment nor a pod's service account, or one of them is broken. Components report it
 * as Blocked, since retrying the hook cannot fix it.
 *
 * <pre>{@code
 * new KubernetesConfigException("KUBECONFIG=/tmp/k: no such file; point it at a kubeconfig");
 * }</pre>
 */
public class KubernetesConfigException extends RuntimeException {

    public KubernetesConfigException(String message) {
        super(message);
    }

    public KubernetesConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
