package io.jcharm.kubernetes;

/**
 * A Kubernetes call that failed for good (after retries, or an error no retry can fix): the hook
 * fails and Juju retries it later.
 *
 * <pre>{@code
 * try { resources.apply(desired); }
 * catch (KubernetesApiException e) { e.code(); }  // 503, or 0 for a timeout or I/O error
 * }</pre>
 */
public class KubernetesApiException extends RuntimeException {
    private final int code;

    public KubernetesApiException(String message, int code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The HTTP status of the last attempt; 0 when there was none (timeout, connection). */
    public int code() {
        return code;
    }
}
