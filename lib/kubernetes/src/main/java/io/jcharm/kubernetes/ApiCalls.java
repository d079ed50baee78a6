package io.jcharm.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jcharm.core.Log;
import io.jcharm.core.StatusException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs one logical Kubernetes call with the house error policy: 403 becomes Blocked (via
 * {@link RefusedException}); conflicts, 429, 5xx, timeouts and I/O errors are retried with
 * backoff; then, or for any other API error, one error log line and a
 * {@link KubernetesApiException} that fails the hook so Juju retries it (or fails the action,
 * saying to run it again).
 */
final class ApiCalls {
    private static final int MAX_DETAIL = 300;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Log log;
    private final String app;
    private final String giveUp;

    ApiCalls(RetryPolicy policy, Sleeper sleeper, Log log, String app) {
        this(policy, sleeper, log, app, false);
    }

    /** {@code inAction}: a failure fails the action, which Juju does not retry: say so. */
    ApiCalls(RetryPolicy policy, Sleeper sleeper, Log log, String app, boolean inAction) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.log = log;
        this.app = app;
        this.giveUp = inAction ? "the action fails; run it again once the API answers"
                : "the hook fails so that Juju retries it";
    }

    /** What happens after a call failed for good, for messages ("the hook fails so that ..."). */
    String giveUp() {
        return giveUp;
    }

    /**
     * A 403 that fabric8 threw outside {@link #call} (say, from a charm's own read while it
     * builds its desired objects) as the Blocked status a refusal always gives; empty for
     * anything else. Kept here so that callers' catch blocks name no fabric8 type.
     */
    static Optional<StatusException> refusal(RuntimeException e, String doing) {
        if (e instanceof RefusedException r) {
            return Optional.of(r.toStatus());
        }
        if (e instanceof KubernetesClientException k && k.getCode() == 403) {
            return Optional.of(StatusException.blocked("Kubernetes API refused a request while "
                    + doing + " (" + detail(k) + "): deploy with --trust"));
        }
        return Optional.empty();
    }

    /** What the body is doing now; the body updates the verb as it moves from get to create. */
    static final class Attempt {
        private String verb;
        private final String kind;
        private final String target;
        private int number;

        Attempt(String verb, String kind, String target) {
            this.verb = verb;
            this.kind = kind;
            this.target = target;
        }

        void verb(String v) {
            verb = v;
        }

        /** 1 for the first try. */
        int number() {
            return number;
        }
    }

    /** Runs {@code body} (which must be safe to repeat) under the retry policy. */
    <T> T call(String verb, String kind, String target, Function<Attempt, T> body) {
        Attempt a = new Attempt(verb, kind, target);
        for (int n = 1; ; n++) {
            a.number = n;
            a.verb = verb;
            try {
                return body.apply(a);
            } catch (KubernetesClientException e) {
                int code = e.getCode();
                if (code == 403) {
                    log.warning("Kubernetes API refused " + a.verb + " " + a.target + " (403: " + detail(e)
                            + "); grant the charm cluster access: juju trust " + app + " --scope=cluster");
                    throw new RefusedException(a.verb, a.kind, e);
                }
                boolean retryable = code == 409 || code == 429 || code >= 500 || (code <= 0 && transientCause(e));
                fail(a, e, code, retryable, n);
            } catch (RefusedException | KubernetesApiException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!transientCause(e)) {
                    throw e;
                }
                fail(a, e, 0, true, n);
            }
        }
    }

    private void fail(Attempt a, RuntimeException e, int code, boolean retryable, int n) {
        if (retryable && n < policy.attempts()) {
            log.debug("Kubernetes API: " + a.verb + " " + a.target + " failed (" + describe(code, e) + "), attempt " + n
                    + " of " + policy.attempts() + "; retrying");
            sleeper.sleep(policy.delayBefore(n + 1));
            return;
        }
        String msg = "Kubernetes API: " + a.verb + " " + a.target + " failed"
                + (retryable ? " after " + n + " attempt" + (n == 1 ? "" : "s") : "") + ": " + describe(code, e)
                + "; " + giveUp;
        log.error(msg);
        throw new KubernetesApiException(msg, Math.max(code, 0), e);
    }

    private static String describe(int code, RuntimeException e) {
        String d = e instanceof KubernetesClientException k ? detail(k) : String.valueOf(rootMessage(e));
        return code > 0 ? code + " " + d : d;
    }

    static String detail(KubernetesClientException e) {
        String d = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : rootMessage(e);
        return d.length() > MAX_DETAIL ? d.substring(0, MAX_DETAIL) + "..." : d;
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        String m = r.getMessage();
        return r == t ? String.valueOf(m) : t.getMessage() + " (" + r.getClass().getSimpleName() + ": " + m + ")";
    }

    private static boolean transientCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException || c instanceof InterruptedIOException || c instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
