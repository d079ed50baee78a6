package io.jcharm.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's mock API server in CRUD mode with expectations on top (an expectation, such as a
 * 403 or 500 for one path, answers first; everything else is stored and served as a real API
 * server would), plus a kubeconfig file pointing at it, so the library's KUBECONFIG code path
 * is the one under test.
 */
final class MockApi implements AutoCloseable {
    // The mock logs every request through java.util.logging; the test output should not.
    private static final java.util.logging.Logger QUIET = quiet();
    final KubernetesMockServer server;
    final Path kubeconfig;
    private final KubernetesClient admin;

    MockApi(Path dir) {
        this(dir, false);
    }

    MockApi(Path dir, boolean https) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), https);
        server.init();
        kubeconfig = dir.resolve("kubeconfig");
        String url = server.url("/").replaceAll("/$", "");
        try {
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: mock
                      cluster:
                        server: %s
                        insecure-skip-tls-verify: true
                    users:
                    - name: charm
                      user:
                        token: test-token
                    contexts:
                    - name: mock
                      context:
                        cluster: mock
                        user: charm
                    current-context: mock
                    """.formatted(url));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        admin = server.createClient();
        requests(); // the client's start-up requests, if any, are not the test's
    }

    /** The hook environment of a charm talking to this server (create-or-replace: no SSA here). */
    Map<String, String> env() {
        return Map.of("KUBECONFIG", kubeconfig.toString(), ApplyMode.ENV, "create-or-replace");
    }

    /** A client for the test's own setup and checks (its requests are recorded too). */
    KubernetesClient admin() {
        return admin;
    }

    /**
     * The charm's requests since the last call (those with the kubeconfig's token, not the
     * test's own), as "METHOD path?query", in arrival order.
     */
    List<String> requests() {
        return drain().stream().filter(r -> "Bearer test-token".equals(r.getHeader("Authorization")))
                .map(r -> r.getMethod() + " " + r.getPath()).toList();
    }

    /** Every request since the last call, in arrival order. */
    List<RecordedRequest> drain() {
        List<RecordedRequest> out = new ArrayList<>();
        try {
            RecordedRequest r;
            while ((r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
                out.add(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    /** Only the charm's writes (POST, PUT, PATCH, DELETE) since the last call. */
    List<String> writes() {
        return requests().stream().filter(r -> !r.startsWith("GET ")).toList();
    }

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }

    @Override
    public void close() {
        admin.close();
        server.destroy();
    }
}
