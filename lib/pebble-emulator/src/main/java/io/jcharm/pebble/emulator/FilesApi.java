package io.jcharm.pebble.emulator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code /v1/files}: list, multipart read, multipart write (boundary of 32+ characters), make-dirs, remove. */
final class FilesApi {
    private final MemoryFiles files;
    private final SecureRandom random = new SecureRandom();

    FilesApi(MemoryFiles files) {
        this.files = files;
    }

    HttpResponse get(HttpRequest request) {
        String action = request.param("action");
        if ("read".equals(action)) {
            List<String> paths = request.query().getOrDefault("path", List.of());
            if (paths.isEmpty()) {
                throw ApiError.badRequest("must specify one or more paths");
            }
            if (!"multipart/form-data".equals(request.header("accept"))) {
                throw ApiError.badRequest("must accept multipart/form-data");
            }
            return read(paths);
        }
        if ("list".equals(action)) {
            String path = request.param("path");
            if (path == null || path.isEmpty()) {
                throw ApiError.badRequest("must specify path");
            }
            if (!path.startsWith("/")) {
                throw ApiError.badRequest("path must be absolute, got \"%s\"", path);
            }
            String itself = request.param("itself");
            if (itself != null && !itself.isEmpty() && !itself.equals("true") && !itself.equals("false")) {
                throw ApiError.badRequest("itself parameter must be \"true\" or \"false\"");
            }
            try {
                ArrayNode out = JsonNodeFactory.instance.arrayNode();
                files.list(path, request.param("pattern"), "true".equals(itself)).forEach(out::add);
                return Json.sync(out);
            } catch (MemoryFiles.FileError e) {
                int status = "not-found".equals(e.kind) ? 404 : "permission-denied".equals(e.kind) ? 403 : 400;
                throw new ApiError(status, e.getMessage(), e.kind);
            }
        }
        throw ApiError.badRequest("invalid action \"%s\"", action);
    }

    private HttpResponse read(List<String> paths) {
        List<MultipartPart> parts = new ArrayList<>();
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        for (String path : paths) {
            ObjectNode result = results.addObject();
            result.put("path", path);
            try {
                parts.add(MultipartPart.file("files", path, files.read(path)));
            } catch (MemoryFiles.FileError e) {
                error(result, e);
            }
        }
        ObjectNode envelope = Json.object();
        envelope.put("type", "sync");
        envelope.put("status-code", 200);
        envelope.put("status", "OK");
        envelope.set("result", results);
        // Go's json.Encoder ends the response part with a newline.
        parts.add(new MultipartPart("response", null, "application/json",
                (new String(Json.bytes(envelope), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8),
                Map.of()));
        String boundary = Multipart.randomBoundary(random);
        return HttpResponse.of(200, "multipart/form-data; boundary=" + boundary, Multipart.write(boundary, parts));
    }

    HttpResponse post(HttpRequest request, JsonBody json) {
        String contentType = request.header("content-type");
        String media = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (media.equals("multipart/form-data")) {
            String boundary = Multipart.boundaryOf(contentType).orElse("");
            if (boundary.length() < Multipart.MIN_BOUNDARY_LENGTH) {
                throw ApiError.badRequest("invalid boundary \"%s\"", boundary);
            }
            return write(request.body(), boundary, json);
        }
        if (!media.equals("application/json")) {
            throw ApiError.badRequest("invalid media type \"%s\"", media);
        }
        JsonNode body = json.parse(request.body(), "cannot decode request body: ");
        String action = body.path("action").stringValue("");
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        switch (action) {
            case "make-dirs" -> body.path("dirs").forEach(dir -> apply(results, dir, () -> files.makeDir(
                    dir.path("path").stringValue(""), dir.path("make-parents").asBoolean(false),
                    permissions(dir, 0755), owner(dir))));
            case "remove" -> body.path("paths").forEach(p -> apply(results, p, () -> files.remove(
                    p.path("path").stringValue(""), p.path("recursive").asBoolean(false))));
            case "write" -> throw ApiError.badRequest("must use multipart with \"write\" action");
            default -> throw ApiError.badRequest("invalid action \"%s\"", action);
        }
        return Json.sync(results);
    }

    private HttpResponse write(byte[] body, String boundary, JsonBody json) {
        List<MultipartPart> parts;
        try {
            parts = Multipart.parse(body, boundary);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("cannot read request metadata: %s", e.getMessage());
        }
        if (parts.isEmpty() || !"request".equals(parts.get(0).name())) {
            throw ApiError.badRequest("metadata field name must be \"request\", got \"%s\"",
                    parts.isEmpty() ? "" : parts.get(0).name());
        }
        JsonNode meta = json.parse(parts.get(0).body(), "cannot decode request metadata: ");
        if (!"write".equals(meta.path("action").stringValue(""))) {
            throw ApiError.badRequest("multipart action must be \"write\", got \"%s\"",
                    meta.path("action").stringValue(""));
        }
        if (meta.path("files").isEmpty()) {
            throw ApiError.badRequest("must specify one or more files");
        }
        Map<String, JsonNode> infos = new HashMap<>();
        meta.path("files").forEach(f -> infos.put(f.path("path").stringValue(""), f));
        Map<String, byte[]> contents = new HashMap<>();
        for (MultipartPart part : parts.subList(1, parts.size())) {
            if (!"files".equals(part.name())) {
                throw ApiError.badRequest("field name must be \"files\", got \"%s\"", part.name());
            }
            if (!infos.containsKey(part.filename())) {
                throw ApiError.badRequest("no metadata for path \"%s\"", part.filename());
            }
            contents.put(part.filename(), part.body());
        }
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        meta.path("files").forEach(f -> apply(results, f, () -> {
            String path = f.path("path").stringValue("");
            byte[] content = contents.get(path);
            if (content == null) {
                throw new MemoryFiles.FileError("generic-file-error", "no file content for path \"" + path + "\"");
            }
            files.write(path, content, f.path("make-dirs").asBoolean(false), permissions(f, 0644), owner(f));
        }));
        return Json.sync(results);
    }

    private static void apply(ArrayNode results, JsonNode item, Runnable operation) {
        ObjectNode result = results.addObject();
        result.put("path", item.path("path").stringValue(""));
        try {
            operation.run();
        } catch (MemoryFiles.FileError e) {
            error(result, e);
        }
    }

    private static void error(ObjectNode result, MemoryFiles.FileError e) {
        ObjectNode error = result.putObject("error");
        error.put("message", e.getMessage());
        error.put("kind", e.kind);
    }

    private static Integer permissions(JsonNode item, int defaultMode) {
        String text = item.path("permissions").stringValue("");
        if (text.isEmpty()) {
            return defaultMode;
        }
        if (!text.matches("[0-7]{3}")) {
            throw new MemoryFiles.FileError("generic-file-error",
                    "permissions must be a 3-digit octal string, got \"" + text + "\"");
        }
        return Integer.parseInt(text, 8);
    }

    private static MemoryFiles.Owner owner(JsonNode item) {
        JsonNode uid = item.get("user-id");
        JsonNode gid = item.get("group-id");
        return new MemoryFiles.Owner(uid == null || uid.isNull() ? null : uid.asInt(),
                item.path("user").stringValue(null), gid == null || gid.isNull() ? null : gid.asInt(),
                item.path("group").stringValue(null));
    }

    /** Decodes a JSON body, turning a syntax error into Pebble's 400 with the given prefix. */
    interface JsonBody {
        JsonNode parse(byte[] body, String errorPrefix);
    }
}
