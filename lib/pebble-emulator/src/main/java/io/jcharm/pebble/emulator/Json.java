package io.jcharm.pebble.emulator;

import java.time.Instant;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Pebble's response envelopes, field order as Pebble writes them. */
final class Json {
    static final String TYPE = "application/json";
    /** Request bodies: unknown fields ignored, as Go's encoding/json does. */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static HttpResponse sync(JsonNode result) {
        return sync(200, result);
    }

    static HttpResponse sync(int status, JsonNode result) {
        ObjectNode envelope = object();
        envelope.put("type", "sync");
        envelope.put("status-code", status);
        envelope.put("status", HttpResponse.reason(status));
        envelope.set("result", result);
        return write(status, envelope);
    }

    static HttpResponse async(String changeId, JsonNode result) {
        ObjectNode envelope = object();
        envelope.put("type", "async");
        envelope.put("status-code", 202);
        envelope.put("status", "Accepted");
        envelope.put("change", changeId);
        envelope.set("result", result == null ? JsonNodeFactory.instance.nullNode() : result);
        return write(202, envelope);
    }

    static HttpResponse error(ApiError error) {
        ObjectNode result = object();
        result.put("message", error.getMessage());
        if (error.kind != null) {
            result.put("kind", error.kind);
        }
        ObjectNode envelope = object();
        envelope.put("type", "error");
        envelope.put("status-code", error.status);
        envelope.put("status", HttpResponse.reason(error.status));
        envelope.set("result", result);
        return write(error.status, envelope);
    }

    static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    static String time(Instant instant) {
        return instant.toString();
    }

    private static HttpResponse write(int status, JsonNode envelope) {
        return HttpResponse.of(status, TYPE, bytes(envelope));
    }
}
