package io.jcharm.kubernetes.testing;

import java.time.Duration;

/**
 * A fault {@link MockCluster} injects into the charm's requests (never the test's own client):
 * an error status with a Kubernetes Status body, a reply slower than the client waits, or the
 * API server going silent mid-apply (the connection is there but nothing answers, as when the
 * network drops between the pod and the API server, until {@link MockCluster#heal()}). Matches by HTTP method ({@code "*"} for any) and a path
 * substring, for {@code times} requests (or always).
 *
 * <pre>{@code
 * cluster.inject(ApiFault.status("POST", "/deployments", 409, "the object has been modified").times(1));
 * cluster.inject(ApiFault.slow("*", "/apis/apps/v1", Duration.ofSeconds(5)));
 * }</pre>
 *
 * @param code the HTTP status to answer (0 for slow or drop)
 * @param delay how long to hold the reply (slow), zero otherwise
 * @param drop the server stops answering from this request on, as when the connection drops
 * @param times how many matching requests it hits; {@code Integer.MAX_VALUE} for always
 */
public record ApiFault(String method, String pathContains, int code, String message, Duration delay, boolean drop,
                       int times) {

    /** An error status, e.g. 403, 409, 422, 429, 500, 503, with Kubernetes' Status body. */
    public static ApiFault status(String method, String pathContains, int code, String message) {
        return new ApiFault(method, pathContains, code, message, Duration.ZERO, false, Integer.MAX_VALUE);
    }

    /**
     * 409 as the API server answers a write carrying a stale resourceVersion of {@code object}, e.g.
     * {@code conflict("PUT", "/deployments", "deployments.apps \"istiod\"")}.
     */
    public static ApiFault conflict(String method, String pathContains, String object) {
        return status(method, pathContains, 409, "Operation cannot be fulfilled on " + object
                + ": the object has been modified; please apply your changes to the latest version and try again");
    }

    /** 429 as the API server's priority and fairness answers a request it sheds. */
    public static ApiFault tooManyRequests(String method, String pathContains) {
        return status(method, pathContains, 429, "too many requests, please try again later");
    }

    /** 503 as an overloaded or restarting API server answers. */
    public static ApiFault unavailable(String method, String pathContains) {
        return status(method, pathContains, 503, "the server is currently unable to handle the request");
    }

    /** A reply held for {@code delay}: with a shorter client request timeout, the request times out. */
    public static ApiFault slow(String method, String pathContains, Duration delay) {
        return new ApiFault(method, pathContains, 0, "", delay, false, Integer.MAX_VALUE);
    }

    /** The API server goes silent at the first matching request: it and every later one time out until healed. */
    public static ApiFault drop(String method, String pathContains) {
        return new ApiFault(method, pathContains, 0, "", Duration.ZERO, true, 1);
    }

    /** The same fault for only the next {@code n} matching requests. */
    public ApiFault times(int n) {
        return new ApiFault(method, pathContains, code, message, delay, drop, n);
    }

    boolean matches(String m, String path) {
        return (method.equals("*") || method.equalsIgnoreCase(m)) && path.contains(pathContains);
    }
}
