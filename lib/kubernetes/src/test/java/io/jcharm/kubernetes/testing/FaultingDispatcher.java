package io.jcharm.kubernetes.testing;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Answers the charm's requests with the injected {@link ApiFault}s first, then the mock's own dispatcher. */
final class FaultingDispatcher extends Dispatcher {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private final Dispatcher next;
    private final List<ApiFault> faults = new ArrayList<>();
    private final List<Integer> left = new ArrayList<>();
    private boolean silent;

    FaultingDispatcher(Dispatcher next) {
        this.next = next;
    }

    synchronized void add(ApiFault fault) {
        faults.add(fault);
        left.add(fault.times());
    }

    synchronized void clear() {
        faults.clear();
        left.clear();
        silent = false;
        notifyAll();
    }

    /** Holds the request until healed or {@code max} passed: the client's own timeout ends it first. */
    private synchronized void hold(Duration max, boolean whileSilent) {
        long end = System.nanoTime() + max.toNanos();
        try {
            while (System.nanoTime() < end && (!whileSilent || silent)) {
                wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (!"Bearer charm-token".equals(request.getHeader("Authorization"))) {
            return next.dispatch(request); // the test's own client and the CRD controller are never faulted
        }
        ApiFault hit = take(request);
        if (hit != null && hit.drop()) {
            synchronized (this) {
                silent = true;
            }
        }
        if (isSilent()) {
            // The server stopped answering mid-apply: neither this request nor later ones reach the store.
            hold(Duration.ofSeconds(30), true);
            return new MockResponse().setResponseCode(503).setBody("");
        }
        if (hit == null) {
            return next.dispatch(request);
        }
        if (hit.code() == 0) {
            hold(hit.delay(), false); // the client gives up first; the store is never touched
            return new MockResponse().setResponseCode(504).setBody("");
        }
        String reason = switch (hit.code()) {
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            default -> "InternalError";
        };
        MockResponse r = new MockResponse().setResponseCode(hit.code()).setBody(JSON.asJson(new StatusBuilder()
                .withStatus("Failure").withCode(hit.code()).withReason(reason).withMessage(hit.message()).build()));
        return hit.code() == 429 ? r.setHeader("Retry-After", "1") : r;
    }

    private synchronized boolean isSilent() {
        return silent;
    }

    private synchronized ApiFault take(RecordedRequest request) {
        Iterator<ApiFault> it = faults.iterator();
        for (int i = 0; it.hasNext(); i++) {
            ApiFault f = it.next();
            if (left.get(i) > 0 && f.matches(request.getMethod(), request.getPath())) {
                if (left.get(i) != Integer.MAX_VALUE) {
                    left.set(i, left.get(i) - 1);
                }
                return f;
            }
        }
        return null;
    }

    @Override
    public void shutdown() {
        next.shutdown();
    }
}
