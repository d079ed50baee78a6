package io.jcharm.charms.seldoncore;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An MLflow tracking server's model registry, as far as serve-model asks it: the REST call
 * {@code GET /api/2.0/mlflow/model-versions/get-download-uri?name=&version=}, answered the way
 * MLflow answers it (200 {@code {"artifact_uri": ...}}; 404 with {@code error_code}
 * RESOURCE_DOES_NOT_EXIST and MLflow's message). Source: MLflow REST API reference
 * ("Get Download URI For ModelVersion Artifacts"), MLflow's sqlalchemy registry store messages.
 *
 * <pre>{@code
 * try (FakeMlflowRegistry r = FakeMlflowRegistry.start()) {
 *     r.version("iris", "3", "s3://mlflow/1/abc/artifacts/model");
 * }
 * }</pre>
 */
final class FakeMlflowRegistry implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Map<String, String>> versions = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private FakeMlflowRegistry(HttpServer server) {
        this.server = server;
    }

    static FakeMlflowRegistry start() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeMlflowRegistry r = new FakeMlflowRegistry(s);
        s.createContext("/", r::handle);
        s.start();
        return r;
    }

    void version(String name, String version, String artifactUri) {
        versions.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).put(version, artifactUri);
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Paths with queries, in the order asked. */
    List<String> asked() {
        return List.copyOf(asked);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        asked.add(path + (query == null ? "" : "?" + query));
        if (!"GET".equals(ex.getRequestMethod()) || !"/api/2.0/mlflow/model-versions/get-download-uri".equals(path)) {
            answer(ex, 404, "{\"error_code\": \"ENDPOINT_NOT_FOUND\", \"message\": \"No API endpoint found\"}");
            return;
        }
        Map<String, String> q = new HashMap<>();
        for (String kv : query == null ? new String[0] : query.split("&")) {
            String[] p = kv.split("=", 2);
            q.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8), p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
        }
        String name = q.getOrDefault("name", "");
        String version = q.getOrDefault("version", "");
        Map<String, String> known = versions.get(name);
        if (known == null) {
            answer(ex, 404, "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"Registered Model with name="
                    + name + " not found\"}");
        } else if (!known.containsKey(version)) {
            answer(ex, 404, "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"Model Version (name=" + name
                    + ", version=" + version + ") not found\"}");
        } else {
            answer(ex, 200, "{\"artifact_uri\": \"" + known.get(version) + "\"}");
        }
    }

    private static void answer(HttpExchange ex, int code, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, body.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
