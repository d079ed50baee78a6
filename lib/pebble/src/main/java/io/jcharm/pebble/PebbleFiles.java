package io.jcharm.pebble;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.MultipartReader;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;
import tools.jackson.databind.JsonNode;

/**
 * Pebble's file API: reads come back as multipart (needing {@code Accept: multipart/form-data}),
 * writes go up as multipart with a boundary of at least 32 characters, per-path failures come
 * back inside a 200 answer and become {@link PebblePathException}. Bodies are built and read
 * with OkHttp's {@link MultipartBody} and {@link MultipartReader}; only the form-data filename
 * is quoted by hand, the way Go's mime/multipart (Pebble's side) quotes and reads it.
 */
final class PebbleFiles {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final MediaType OCTETS = MediaType.get("application/octet-stream");

    private final PebbleHttp http;

    PebbleFiles(PebbleHttp http) {
        this.http = http;
    }

    byte[] pull(String path) {
        HttpUrl url = PebbleHttp.url("/v1/files").addQueryParameter("action", "read")
                .addQueryParameter("path", path).build();
        Request request = new Request.Builder().url(url).header("Accept", "multipart/form-data").get().build();
        String what = "pull of " + path;
        PebbleHttp.Raw raw = http.send(request, http.timeout());
        MediaType type = raw.contentType() == null ? null : MediaType.parse(raw.contentType());
        String boundary = type == null || !type.type().equals("multipart") ? null : type.parameter("boundary");
        if (boundary == null) {
            http.envelope(what, raw); // throws for an error envelope
            throw new PebbleProtocolException("expected a multipart answer to " + what + ", got " + raw.contentType(),
                    null);
        }
        byte[] content = null;
        JsonNode response = null;
        String wanted = goQuoted(path);
        try (MultipartReader reader = new MultipartReader(new Buffer().write(raw.body()), boundary)) {
            for (MultipartReader.Part part = reader.nextPart(); part != null; part = reader.nextPart()) {
                String disposition = part.headers().get("Content-Disposition");
                String name = parameter(disposition, "name");
                byte[] bytes = part.body().readByteArray();
                if ("files".equals(name) && wanted.equals(parameter(disposition, "filename"))) {
                    content = bytes;
                } else if ("response".equals(name)) {
                    response = http.envelope(what, new PebbleHttp.Raw(200, "application/json", bytes)).result();
                }
            }
        } catch (IOException | RuntimeException e) {
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
        // OkHttp's own boundary (a UUID, 36 characters) is long enough for Pebble, which wants 32.
        MultipartBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addPart(formData("request", null), RequestBody.create(http.mapper().writeValueAsBytes(meta), JSON))
                .addPart(formData("files", path), RequestBody.create(content, OCTETS))
                .build();
        Request request = new Request.Builder().url(PebbleHttp.url("/v1/files").build()).post(body).build();
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

    /**
     * The headers of a form-data part. OkHttp's own form-data helper percent-encodes a quote
     * ({@code %22}), which Go's reader would keep as is: Pebble would not find the file's
     * metadata. Go quotes with backslashes, so this does too.
     */
    private static Headers formData(String name, String filename) {
        String value = "form-data; name=\"" + name + "\"" + (filename == null ? "" : "; filename=\"" + goQuoted(filename)
                .replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        return new Headers.Builder().addUnsafeNonAscii("Content-Disposition", value).build();
    }

    /**
     * How a path appears in a form-data filename written by Go's mime/multipart once the quoting
     * is undone: CR and LF stay percent-encoded ({@code %0D}, {@code %0A}), as Go writes them.
     */
    static String goQuoted(String path) {
        return path.replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A parameter of a Content-Disposition value, with quoted-string escapes undone as Go's mime package does. */
    static String parameter(String header, String name) {
        if (header == null) {
            return null;
        }
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            int eq = header.indexOf('=', i);
            if (eq < 0) {
                return null;
            }
            String key = header.substring(i + 1, eq).trim().toLowerCase(Locale.ROOT);
            StringBuilder value = new StringBuilder();
            int j = eq + 1;
            if (j < header.length() && header.charAt(j) == '"') {
                for (j++; j < header.length() && header.charAt(j) != '"'; j++) {
                    char c = header.charAt(j);
                    value.append(c == '\\' && j + 1 < header.length() ? header.charAt(++j) : c);
                }
                j++;
            } else {
                for (; j < header.length() && header.charAt(j) != ';'; j++) {
                    value.append(header.charAt(j));
                }
            }
            if (key.equals(name)) {
                return value.toString().trim();
            }
            i = header.indexOf(';', j);
        }
        return null;
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
