package io.jcharm.pebble.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * One part of a {@code multipart/form-data} body: its form name, optional filename, content
 * type and bytes.
 *
 * <pre>{@code
 * MultipartPart file = MultipartPart.file("files", "/etc/app.conf", bytes);
 * MultipartPart json = MultipartPart.json("request", "{\"action\":\"write\"}");
 * }</pre>
 */
record MultipartPart(String name, String filename, String contentType, byte[] body,
        Map<String, String> headers) {

    /** Copies the body and headers. */
    public MultipartPart {
        body = body == null ? new byte[0] : body.clone();
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A file part ({@code application/octet-stream}). */
    public static MultipartPart file(String name, String filename, byte[] body) {
        return new MultipartPart(name, filename, "application/octet-stream", body, Map.of());
    }

    /** A JSON field part ({@code application/json}). */
    public static MultipartPart json(String name, String json) {
        return new MultipartPart(name, null, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The filename, when the part has one. */
    public Optional<String> filenameIfAny() {
        return Optional.ofNullable(filename);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "MultipartPart[name=" + name + ", filename=" + filename + ", " + body.length + " bytes]";
    }
}
