package io.jcharm.pebble.layer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The {@code http} part of a check: a GET to {@code url} that succeeds on a 2xx answer.
 *
 * <pre>{@code
 * Check ready = Check.builder().override(OverrideMode.REPLACE).http(HttpCheck.of("http://localhost:5000/health")).build();
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"url", "headers"})
public record HttpCheck(String url, Map<String, String> headers) {
    /** Normalises empty values. */
    public HttpCheck {
        url = Values.text(url);
        headers = Values.map(headers, "");
    }

    /** A check of {@code url} without extra headers. */
    public static HttpCheck of(String url) {
        return new HttpCheck(url, Map.of());
    }

    /** Pebble's merge: a set URL wins, headers are overlaid. */
    public HttpCheck mergedWith(HttpCheck other) {
        return new HttpCheck(Values.pick(other.url, url), Values.overlay(headers, other.headers));
    }
}
