package io.jcharm.charms.kfp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A thin client of the API server's v2beta1 REST API (kubeflow/pipelines 2.5.0
 * backend/api/v2beta1: pipeline_upload, pipeline and run services), with typed answers.
 *
 * <pre>{@code
 * KfpApi api = new KfpApi("http://localhost:8888");
 * KfpApi.Pipeline p = api.upload("hello", yamlBytes);
 * KfpApi.Run r = api.createRun(p, "hello run", Map.of("lr", 0.1));
 * }</pre>
 */
final class KfpApi {
    static final String V2 = "/apis/v2beta1";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final MediaType YAML = MediaType.get("application/x-yaml");
    private final HttpUrl base;
    private final OkHttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    /** A pipeline as the API lists it. */
    record Pipeline(String id, String displayName, String createdAt) {
    }

    /** A run as the API lists it. */
    record Run(String id, String displayName, String state, String createdAt, String pipelineId) {
    }

    /** The API server answered with an error, or could not be reached. */
    static final class ApiException extends Exception {
        ApiException(String message) {
            super(message);
        }

        ApiException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    KfpApi(String baseUrl) {
        this.base = HttpUrl.get(baseUrl);
        this.http = new OkHttpClient.Builder().connectTimeout(10, TimeUnit.SECONDS).readTimeout(60, TimeUnit.SECONDS).build();
    }

    /** {@code POST /apis/v2beta1/pipelines/upload}: the compiled pipeline as the form file {@code uploadfile}. */
    Pipeline upload(String displayName, byte[] pipelineYaml) throws ApiException {
        HttpUrl url = base.newBuilder().encodedPath(V2 + "/pipelines/upload").addQueryParameter("name", displayName)
                .addQueryParameter("display_name", displayName).build();
        RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("uploadfile", "pipeline.yaml", RequestBody.create(pipelineYaml, YAML)).build();
        return pipeline(call(new Request.Builder().url(url).post(body).build()));
    }

    /** A compiled pipeline published at an http(s) URL (following redirects). */
    byte[] download(String url) throws ApiException {
        try (Response r = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            if (!r.isSuccessful()) {
                throw new ApiException("cannot download " + url + ": HTTP " + r.code());
            }
            return r.body().bytes();
        } catch (IOException | IllegalArgumentException e) {
            throw new ApiException("cannot download " + url + ": " + e.getMessage(), e);
        }
    }

    /** Every pipeline ({@code GET /apis/v2beta1/pipelines}, following page tokens). */
    List<Pipeline> pipelines() throws ApiException {
        List<Pipeline> out = new ArrayList<>();
        for (JsonNode page : pages("/pipelines", "pipelines")) {
            page.forEach(p -> out.add(pipeline(p)));
        }
        return out;
    }

    /** The pipeline whose id or display name is {@code idOrName}. */
    Optional<Pipeline> findPipeline(String idOrName) throws ApiException {
        List<Pipeline> all = pipelines();
        return all.stream().filter(p -> p.id().equals(idOrName)).findFirst()
                .or(() -> all.stream().filter(p -> p.displayName().equals(idOrName)).findFirst());
    }

    /** The newest version of a pipeline ({@code GET .../pipelines/{id}/versions}), empty when it has none. */
    Optional<String> latestVersion(String pipelineId) throws ApiException {
        HttpUrl url = base.newBuilder().encodedPath(V2 + "/pipelines/" + pipelineId + "/versions")
                .addQueryParameter("page_size", "1").addQueryParameter("sort_by", "created_at desc").build();
        JsonNode versions = call(new Request.Builder().url(url).get().build()).path("pipeline_versions");
        return versions.isArray() && !versions.isEmpty()
                ? Optional.of(versions.get(0).path("pipeline_version_id").asString()) : Optional.empty();
    }

    /** {@code POST /apis/v2beta1/runs} of a pipeline version with runtime parameters. */
    Run createRun(String pipelineId, String versionId, String displayName, Map<String, Object> params) throws ApiException {
        ObjectNode body = json.createObjectNode();
        body.put("display_name", displayName);
        ObjectNode ref = body.putObject("pipeline_version_reference");
        ref.put("pipeline_id", pipelineId);
        ref.put("pipeline_version_id", versionId);
        body.putObject("runtime_config").set("parameters", json.valueToTree(params));
        Request req = new Request.Builder().url(base.newBuilder().encodedPath(V2 + "/runs").build())
                .post(RequestBody.create(json.writeValueAsString(body), JSON)).build();
        return run(call(req));
    }

    /** Every run, newest first ({@code GET /apis/v2beta1/runs}). */
    List<Run> runs() throws ApiException {
        List<Run> out = new ArrayList<>();
        for (JsonNode page : pages("/runs", "runs")) {
            page.forEach(r -> out.add(run(r)));
        }
        return out;
    }

    private List<JsonNode> pages(String path, String field) throws ApiException {
        List<JsonNode> out = new ArrayList<>();
        String token = "";
        do {
            HttpUrl.Builder url = base.newBuilder().encodedPath(V2 + path).addQueryParameter("page_size", "100")
                    .addQueryParameter("sort_by", "created_at desc");
            if (!token.isEmpty()) {
                url.addQueryParameter("page_token", token);
            }
            JsonNode answer = call(new Request.Builder().url(url.build()).get().build());
            out.add(answer.path(field));
            token = answer.path("next_page_token").asString("");
        } while (!token.isEmpty());
        return out;
    }

    private JsonNode call(Request request) throws ApiException {
        String what = request.method() + " " + request.url().encodedPath();
        try (Response r = http.newCall(request).execute()) {
            String text = r.body().string();
            if (!r.isSuccessful()) {
                throw new ApiException(what + " answered HTTP " + r.code() + ": " + message(text));
            }
            return text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (IOException e) {
            throw new ApiException("cannot reach the API server at " + base + " (" + what + "): " + e.getMessage(), e);
        } catch (tools.jackson.core.JacksonException e) {
            throw new ApiException(what + " answered something that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The {@code message} of a google.rpc.Status error body, else the body. */
    private String message(String body) {
        try {
            JsonNode n = json.readTree(body);
            return n.path("message").isString() ? n.path("message").asString() : body.strip();
        } catch (tools.jackson.core.JacksonException e) {
            return body.strip();
        }
    }

    private static Pipeline pipeline(JsonNode p) {
        return new Pipeline(p.path("pipeline_id").asString(""), p.path("display_name").asString(""),
                p.path("created_at").asString(""));
    }

    private static Run run(JsonNode r) {
        return new Run(r.path("run_id").asString(""), r.path("display_name").asString(""), r.path("state").asString(""),
                r.path("created_at").asString(""), r.path("pipeline_version_reference").path("pipeline_id").asString(""));
    }

    /** The run's parameters from a JSON object text. */
    Map<String, Object> parameters(String jsonObject) throws ApiException {
        if (jsonObject == null || jsonObject.isBlank()) {
            return Map.of();
        }
        try {
            JsonNode n = json.readTree(jsonObject);
            if (!n.isObject()) {
                throw new ApiException("params must be a JSON object such as {\"lr\": 0.1}, got " + jsonObject);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            n.properties().forEach(e -> out.put(e.getKey(), json.treeToValue(e.getValue(), Object.class)));
            return out;
        } catch (tools.jackson.core.JacksonException e) {
            throw new ApiException("params is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
