package io.jcharm.charms.seldoncore;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Looks a registered model up in the MLflow tracking server the mlflow relation names: a
 * {@code models:/<name>/<version>} URI becomes the location of its files, through MLflow's REST
 * call {@code GET /api/2.0/mlflow/model-versions/get-download-uri} (answer {@code artifact_uri};
 * errors carry {@code error_code} and {@code message}; MLflow REST API reference).
 *
 * <pre>{@code
 * new MlflowRegistry("http://mlflow-server.kubeflow.svc.cluster.local:5000").artifactUri("models:/iris/3");
 * // "s3://mlflow/1/0f8a.../artifacts/model"
 * }</pre>
 */
final class MlflowRegistry {
    static final String SCHEME = "models:/";
    private static final Pattern MODEL = Pattern.compile("models:/([^/]+)/([0-9]+)/?");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final String trackingUri;

    MlflowRegistry(String trackingUri) {
        this.trackingUri = trackingUri.replaceAll("/+$", "");
    }

    static boolean names(String modelUri) {
        return modelUri.trim().startsWith(SCHEME);
    }

    /**
     * Where the files of {@code modelUri}'s model version are.
     *
     * @throws IllegalArgumentException when the URI names no version, MLflow does not know it, or cannot be asked
     */
    String artifactUri(String modelUri) {
        Matcher m = MODEL.matcher(modelUri.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("model-uri \"" + modelUri + "\" does not name a version; use"
                    + " models:/<name>/<version>");
        }
        URI call = URI.create(trackingUri + "/api/2.0/mlflow/model-versions/get-download-uri?name="
                + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8) + "&version=" + m.group(2));
        HttpResponse<String> answer;
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            answer = client.send(HttpRequest.newBuilder(call).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalArgumentException("could not ask MLflow at " + trackingUri + " about model-uri \"" + modelUri
                    + "\": " + e + "; run the action again once it answers", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted while asking MLflow about model-uri \"" + modelUri + "\"", e);
        }
        JsonNode body;
        try {
            body = JsonMapper.builder().build().readTree(answer.body());
        } catch (JacksonException e) {
            throw new IllegalArgumentException("MLflow at " + trackingUri + " answered HTTP " + answer.statusCode()
                    + " to " + call.getPath() + " with something that is not JSON", e);
        }
        if (answer.statusCode() != 200) {
            throw new IllegalArgumentException("MLflow at " + trackingUri + " does not know model-uri \"" + modelUri
                    + "\": " + body.path("error_code").asString("HTTP " + answer.statusCode()) + ": "
                    + body.path("message").asString(""));
        }
        String uri = body.path("artifact_uri").asString("");
        if (uri.isBlank()) {
            throw new IllegalArgumentException("MLflow at " + trackingUri + " gave no artifact_uri for model-uri \""
                    + modelUri + "\"");
        }
        return uri;
    }
}
