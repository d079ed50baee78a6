package io.jcharm.charms.kfp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local HTTP server answering as Kubeflow Pipelines' v2beta1 REST API documents it
 * (kubeflow/pipelines 2.5.0 backend/api/v2beta1/swagger: pipeline_upload, pipeline, run): uploads
 * become pipelines with one version, runs are created PENDING, lists come newest first, unknown
 * paths answer 404 with a google.rpc.Status body. Every request is recorded.
 *
 * <pre>{@code
 * try (FakeKfpApi api = FakeKfpApi.start()) { ... config http-port = api.port() ... }
 * }</pre>
 */
final class FakeKfpApi implements AutoCloseable {
    /** One request as received. */
    record Received(String method, String pathAndQuery, String contentType, String body) {
    }

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ArrayNode pipelines = json.createArrayNode();
    private final ArrayNode runs = json.createArrayNode();
    final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    private FakeKfpApi(HttpServer server) {
        this.server = server;
    }

    static FakeKfpApi start() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakeKfpApi api = new FakeKfpApi(s);
        s.createContext("/", api::handle);
        s.start();
        return api;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** A pipeline the server already holds, with one version {@code <id>-v1}. */
    void addPipeline(String id, String name) {
        ObjectNode p = pipelines.insertObject(0);
        p.put("pipeline_id", id);
        p.put("display_name", name);
        p.put("created_at", "2026-12-0" + pipelines.size() + "T00:00:00Z");
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
        String path = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        received.add(new Received(ex.getRequestMethod(), path + (query == null ? "" : "?" + query),
                ex.getRequestHeaders().getFirst("Content-Type"), body));
        String method = ex.getRequestMethod();
        if (method.equals("POST") && path.equals("/apis/v2beta1/pipelines/upload")) {
            if (!body.contains("name=\"uploadfile\"")) {
                reply(ex, 400, error("Failed to upload pipeline: no uploadfile in the form", 3));
                return;
            }
            String name = ex.getRequestURI().getQuery().replaceAll(".*display_name=([^&]*).*", "$1");
            addPipeline("pl-" + (pipelines.size() + 1), name);
            reply(ex, 200, pipelines.get(0));
        } else if (method.equals("GET") && path.equals("/apis/v2beta1/pipelines")) {
            ObjectNode out = json.createObjectNode();
            if (!pipelines.isEmpty()) {
                out.set("pipelines", pipelines);
            }
            out.put("total_size", pipelines.size());
            reply(ex, 200, out);
        } else if (method.equals("GET") && path.matches("/apis/v2beta1/pipelines/[^/]+/versions")) {
            String id = path.split("/")[4];
            ObjectNode out = json.createObjectNode();
            for (JsonNode p : pipelines) {
                if (p.path("pipeline_id").asString().equals(id)) {
                    ObjectNode v = out.putArray("pipeline_versions").addObject();
                    v.put("pipeline_id", id);
                    v.put("pipeline_version_id", id + "-v1");
                    out.put("total_size", 1);
                    reply(ex, 200, out);
                    return;
                }
            }
            reply(ex, 404, error("Pipeline " + id + " not found", 5));
        } else if (method.equals("POST") && path.equals("/apis/v2beta1/runs")) {
            ObjectNode req = (ObjectNode) json.readTree(body);
            ObjectNode run = runs.insertObject(0);
            run.put("run_id", "run-" + runs.size());
            run.put("display_name", req.path("display_name").asString());
            run.set("pipeline_version_reference", req.path("pipeline_version_reference"));
            run.set("runtime_config", req.path("runtime_config"));
            run.put("state", "PENDING");
            run.put("created_at", "2026-12-05T02:0" + runs.size() + ":00Z");
            reply(ex, 200, run);
        } else if (method.equals("GET") && path.equals("/apis/v2beta1/runs")) {
            ObjectNode out = json.createObjectNode();
            if (!runs.isEmpty()) {
                out.set("runs", runs);
            }
            out.put("total_size", runs.size());
            reply(ex, 200, out);
        } else {
            reply(ex, 404, error("Not Found", 5));
        }
    }

    private ObjectNode error(String message, int code) {
        ObjectNode e = json.createObjectNode();
        e.put("error", message);
        e.put("code", code);
        e.put("message", message);
        return e;
    }

    private void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
