package io.jcharm.pebble;

import io.jcharm.pebble.codec.Multipart;
import io.jcharm.pebble.codec.MultipartPart;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import tools.jackson.databind.JsonNode;

/**
 * Pebble's file API: reads come back as multipart (needing {@code Accept: multipart/form-data}),
 * writes go up as multipart with a boundary of at least 32 characters, per-path failures come
 * back inside a 200 answer and become {@link PebblePathException}.
 */
final class PebbleFiles {
    private final PebbleHttp http;
    private final SecureRandom random = new SecureRandom();

    PebbleFiles(PebbleHttp http) {
        this.http = http;
    }

    byte[] pull(String path) {
        HttpUrl url = PebbleHttp.url("/v1/files").addQueryParameter("action", "read")
                .addQueryParameter("path", path).build();
        Request request = new Request.Builder().url(url).header("Accept", "multipart/form-data").get().build();
        String what = "pull of " + path;
        PebbleHttp.Raw raw = http.send(request, http.timeout());
        String boundary = Multipart.boundaryOf(raw.contentType()).orElse(null);
        if (boundary == null) {
            http.envelope(what, raw); // throws for an error envelope
            throw new PebbleProtocolException("expected a multipart answer to " + what + ", got " + raw.contentType(),
                    null);
        }
        byte[] content = null;
        JsonNode response = null;
        try {
            for (MultipartPart part : Multipart.parse(raw.body(), boundary)) {
                if ("files".equals(part.name()) && path.equals(part.filename())) {
                    content = part.body();
                } else if ("response".equals(part.name())) {
                    response = http.envelope(what, new PebbleHttp.Raw(200, "application/json", part.body())).result();
                }
            }
        } catch (IllegalArgumentException e) {
            throw new PebbleProtocolException("malformed multipart answer to " + what + ": " + e.getMessage(), e);
        }
        checkPathErrors("pull", response);
        if (content == null) {
            throw new PebbleProtocolException("Pebble's answer to " + what + " holds no file part", null);
        }
        return content;
    }

    void push(String path, byte[] content, PushOptions options) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("path", path);
        if (options.makeDirs()) {
            file.put("make-dirs", true);
        }
        putOwnership(file, options.permissions(), options.userId(), options.user(), options.groupId(),
                options.group());
        Map<String, Object> meta = Map.of("action", "write", "files", List.of(file));
        String boundary = Multipart.randomBoundary(random);
        byte[] body = Multipart.write(boundary, List.of(
                MultipartPart.json("request", http.mapper().writeValueAsString(meta)),
                MultipartPart.file("files", path, content)));
        MediaType type = MediaType.get("multipart/form-data; boundary=" + boundary);
        Request request = new Request.Builder().url(PebbleHttp.url("/v1/files").build())
                .post(RequestBody.create(body, type, 0, body.length)).build();
        checkPathErrors("push", http.json(request, http.timeout()).result());
    }

    void makeDir(String path, MakeDirOptions options) {
        Map<String, Object> dir = new LinkedHashMap<>();
        dir.put("path", path);
        if (options.makeParents()) {
            dir.put("make-parents", true);
        }
        putOwnership(dir, options.permissions(), options.userId(), options.user(), options.groupId(), options.group());
        checkPathErrors("make directory", http.post("/v1/files", Map.of("action", "make-dirs", "dirs", List.of(dir)))
                .result());
    }

    void remove(String path, boolean recursive) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("path", path);
        if (recursive) {
            entry.put("recursive", true);
        }
        checkPathErrors("remove", http.post("/v1/files", Map.of("action", "remove", "paths", List.of(entry)))
                .result());
    }

    private static void putOwnership(Map<String, Object> target, Integer permissions, Integer userId, String user,
            Integer groupId, String group) {
        if (permissions != null) {
            target.put("permissions", String.format("%03o", permissions));
        }
        if (userId != null) {
            target.put("user-id", userId);
        }
        if (user != null) {
            target.put("user", user);
        }
        if (groupId != null) {
            target.put("group-id", groupId);
        }
        if (group != null) {
            target.put("group", group);
        }
    }

    private static void checkPathErrors(String operation, JsonNode results) {
        if (results == null || !results.isArray()) {
            return;
        }
        for (JsonNode entry : results) {
            JsonNode error = entry.get("error");
            if (error != null && !error.isNull()) {
                throw new PebblePathException(operation, entry.path("path").stringValue("?"),
                        error.path("kind").stringValue("generic-file-error"), error.path("message").stringValue(""));
            }
        }
    }
}
