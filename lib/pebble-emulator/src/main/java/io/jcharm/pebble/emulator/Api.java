package io.jcharm.pebble.emulator;

import io.jcharm.yaml.GoDurations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** Routes Pebble's v1 API to the emulator's parts and wraps answers in Pebble's envelopes. */
final class Api {
    static final String VERSION = "v1.32.1-jcharm-emulator";
    private static final int MAX_NOTICE_KEY = 256;
    private static final int MAX_NOTICE_DATA = 4096;

    private final String bootId = UUID.randomUUID().toString();
    private final Workload workload;
    private final Changes changes;
    private final Checks checks;
    private final Notices notices;
    private final Execs execs;
    private final FilesApi files;
    private final Consumer<HttpRequest> recorder;

    Api(Workload workload, Changes changes, Checks checks, Notices notices, Execs execs, MemoryFiles files,
            Consumer<HttpRequest> recorder) {
        this.workload = workload;
        this.changes = changes;
        this.checks = checks;
        this.notices = notices;
        this.execs = execs;
        this.files = new FilesApi(files);
        this.recorder = recorder;
    }

    HttpResponse handle(HttpRequest request) {
        recorder.accept(request);
        try {
            return route(request);
        } catch (ApiError e) {
            return Json.error(e);
        } catch (RuntimeException e) {
            return Json.error(new ApiError(500, "jcharm Pebble emulator failed on " + request.method() + " "
                    + request.path() + ": " + e, null));
        }
    }

    private HttpResponse route(HttpRequest r) {
        String[] p = r.path().split("/");
        String path = r.path();
        if (path.equals("/v1/system-info")) {
            only(r, "GET");
            ObjectNode info = Json.object();
            info.put("boot-id", bootId);
            info.put("version", VERSION);
            return Json.sync(info);
        } else if (path.equals("/v1/health")) {
            only(r, "GET");
            boolean healthy = checks.healthy(level(r), r.listParam("names"));
            ObjectNode result = Json.object();
            result.put("healthy", healthy);
            return Json.sync(healthy ? 200 : 502, result);
        } else if (path.equals("/v1/plan")) {
            only(r, "GET");
            String format = r.param("format");
            if (!"yaml".equals(format)) {
                throw ApiError.badRequest("invalid format \"%s\"", format == null ? "" : format);
            }
            return Json.sync(StringNode.valueOf(workload.plan().toYaml()));
        } else if (path.equals("/v1/layers")) {
            only(r, "POST");
            JsonNode body = parse(r.body(), "cannot decode request body: ");
            String action = body.path("action").stringValue("");
            if (!action.equals("add")) {
                throw ApiError.badRequest("invalid action \"%s\"", action);
            }
            String format = body.path("format").stringValue("");
            if (!format.equals("yaml")) {
                throw ApiError.badRequest("invalid format \"%s\"", format);
            }
            workload.addLayer(body.path("label").stringValue(""), body.path("layer").stringValue(""),
                    body.path("combine").asBoolean(false));
            return Json.sync(BooleanNode.TRUE);
        } else if (path.equals("/v1/services")) {
            if (r.method().equals("GET")) {
                return Json.sync(workload.servicesJson(r.listParam("names")));
            }
            only(r, "POST");
            JsonNode body = parse(r.body(), "cannot decode data from request body: ");
            List<String> names = strings(body.path("services"));
            return Json.async(workload.act(body.path("action").stringValue(""), names), null);
        } else if (p.length == 4 && path.startsWith("/v1/services/")) {
            throw ApiError.badRequest("not implemented");
        } else if (path.equals("/v1/changes")) {
            only(r, "GET");
            String select = r.param("select") == null || r.param("select").isEmpty() ? "in-progress" : r.param("select");
            if (!List.of("all", "in-progress", "ready").contains(select)) {
                throw ApiError.badRequest("select should be one of: all,in-progress,ready");
            }
            String service = r.param("for");
            return Json.sync(changes.json(changes.list(select, service == null || service.isEmpty() ? null : service)));
        } else if (p.length == 4 && p[2].equals("changes")) {
            if (r.method().equals("POST")) {
                JsonNode body = parse(r.body(), "cannot decode data from request body: ");
                return Json.sync(changes.json(changes.abort(p[3], body.path("action").stringValue(""))));
            }
            only(r, "GET");
            return Json.sync(changes.json(changes.get(p[3])));
        } else if (p.length == 5 && p[2].equals("changes") && p[4].equals("wait")) {
            only(r, "GET");
            changes.get(p[3]);
            String text = r.param("timeout");
            Duration timeout = Duration.ZERO;
            if (text != null && !text.isEmpty()) {
                try {
                    timeout = GoDurations.parse(text);
                } catch (IllegalArgumentException e) {
                    throw ApiError.badRequest("invalid timeout: %s", e.getMessage());
                }
            }
            Changes.Change change = changes.await(p[3], timeout, text == null ? "" : GoDurations.format(timeout));
            return Json.sync(changes.json(change));
        } else if (path.equals("/v1/files")) {
            return r.method().equals("GET") ? files.get(r) : files.post(only(r, "POST"), this::parse);
        } else if (path.equals("/v1/exec")) {
            only(r, "POST");
            Map.Entry<String, ObjectNode> started = execs.start(parse(r.body(), "cannot decode request body: "));
            return Json.async(started.getKey(), started.getValue());
        } else if (p.length == 6 && p[2].equals("tasks") && p[4].equals("websocket")) {
            only(r, "GET");
            return execs.webSocket(p[3], p[5]);
        } else if (path.equals("/v1/signals")) {
            only(r, "POST");
            JsonNode body = parse(r.body(), "cannot decode request body: ");
            workload.signal(body.path("signal").stringValue(""), strings(body.path("services")));
            return Json.sync(BooleanNode.TRUE);
        } else if (path.equals("/v1/checks")) {
            if (r.method().equals("GET")) {
                return Json.sync(checks.list(level(r), r.listParam("names")));
            }
            only(r, "POST");
            JsonNode body = parse(r.body(), "cannot decode data from request body: ");
            String action = body.path("action").stringValue("");
            List<String> names = strings(body.path("checks"));
            if (names.isEmpty()) {
                throw ApiError.badRequest("must specify checks for %s action", action);
            }
            if (!action.equals("start") && !action.equals("stop")) {
                throw ApiError.badRequest("invalid action \"%s\"", action);
            }
            ObjectNode result = Json.object();
            List<String> changed = checks.startOrStop(action, names);
            if (changed.isEmpty()) {
                result.putNull("changed");
            } else {
                changed.forEach(result.putArray("changed")::add);
            }
            return Json.sync(result);
        } else if (path.equals("/v1/checks/refresh")) {
            only(r, "POST");
            return Json.sync(checks.refresh(parse(r.body(), "cannot decode request body: ").path("name").stringValue("")));
        } else if (path.equals("/v1/notices")) {
            return r.method().equals("GET") ? listNotices(r) : addNotice(only(r, "POST"));
        } else if (p.length == 4 && p[2].equals("notices")) {
            only(r, "GET");
            return Json.sync(notices.json(notices.get(p[3])));
        } else if (path.equals("/v1/logs")) {
            only(r, "GET");
            return logs(r);
        } else if (path.equals("/v1/identities")) {
            only(r, "GET");
            return Json.sync(Json.object());
        } else if (path.equals("/v1/metrics")) {
            only(r, "GET");
            return HttpResponse.of(200, "text/plain; charset=utf-8", metrics());
        }
        throw ApiError.notFound("invalid API endpoint requested");
    }

    private HttpResponse listNotices(HttpRequest r) {
        Instant after = null;
        String afterText = r.param("after");
        if (afterText != null && !afterText.isEmpty()) {
            try {
                after = Instant.parse(afterText);
            } catch (DateTimeParseException e) {
                throw ApiError.badRequest("invalid \"after\" timestamp: %s", afterText);
            }
        }
        Duration timeout = null;
        String timeoutText = r.param("timeout");
        if (timeoutText != null && !timeoutText.isEmpty()) {
            try {
                timeout = GoDurations.parse(timeoutText);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("invalid timeout: %s", e.getMessage());
            }
        }
        return Json.sync(notices.json(notices.query(r.listParam("types"), r.listParam("keys"), after, timeout)));
    }

    private HttpResponse addNotice(HttpRequest r) {
        JsonNode body = parse(r.body(), "cannot decode request body: ");
        String action = body.path("action").stringValue("");
        if (!action.equals("add")) {
            throw ApiError.badRequest("invalid action \"%s\"", action);
        }
        String type = body.path("type").stringValue("");
        if (!type.equals("custom")) {
            throw ApiError.badRequest("invalid type \"%s\" (can only add \"custom\" notices)", type);
        }
        String key = body.path("key").stringValue("");
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_NOTICE_KEY
                || !key.matches("[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)+(/[^\\s]+)+")) {
            throw ApiError.badRequest("invalid key \"%s\": must be in \"example.com/path\" format, at most %d bytes",
                    key, MAX_NOTICE_KEY);
        }
        Map<String, String> data = new java.util.TreeMap<>();
        body.path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asString("")));
        if (Json.bytes(body.path("data")).length > MAX_NOTICE_DATA) {
            throw ApiError.badRequest("total size of data must be %d bytes or less", MAX_NOTICE_DATA);
        }
        Duration repeatAfter = null;
        String repeat = body.path("repeat-after").stringValue("");
        if (!repeat.isEmpty()) {
            try {
                repeatAfter = GoDurations.parse(repeat);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("invalid repeat-after: %s", e.getMessage());
            }
        }
        ObjectNode result = Json.object();
        result.put("id", notices.record("custom", key, data, repeatAfter, 0).id);
        return Json.sync(result);
    }

    private HttpResponse logs(HttpRequest r) {
        int n = 30;
        String text = r.param("n");
        if (text != null && !text.isEmpty()) {
            try {
                n = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("n must be a valid integer");
            }
            if (n < -1) {
                throw ApiError.badRequest("n must be -1, 0, or a positive integer");
            }
        }
        StringBuilder out = new StringBuilder();
        for (LogLine entry : workload.logs(r.listParam("services"), n)) {
            ObjectNode line = Json.object();
            line.put("time", Json.time(entry.time()));
            line.put("service", entry.service());
            line.put("message", entry.message());
            out.append(new String(Json.bytes(line), StandardCharsets.UTF_8)).append('\n');
        }
        return HttpResponse.of(200, "application/x-ndjson", out.toString());
    }

    private String metrics() {
        StringBuilder out = new StringBuilder();
        workload.states().forEach((name, s) -> out
                .append("# HELP pebble_service_active Whether the service is currently active (1) or not (0)\n")
                .append("# TYPE pebble_service_active gauge\n")
                .append("pebble_service_active{service=\"").append(name).append("\"} ")
                .append(s.active() ? 1 : 0).append("\n\n")
                .append("# HELP pebble_service_start_count Number of times the service has started\n")
                .append("# TYPE pebble_service_start_count counter\n")
                .append("pebble_service_start_count{service=\"").append(name).append("\"} ")
                .append(s.startCount()).append("\n\n"));
        return out.toString();
    }

    private static String level(HttpRequest r) {
        String level = r.param("level");
        if (level == null || level.isEmpty()) {
            return null;
        }
        if (!level.equals("alive") && !level.equals("ready")) {
            throw ApiError.badRequest("level must be \"alive\" or \"ready\"");
        }
        return level;
    }

    private static HttpRequest only(HttpRequest r, String method) {
        if (!r.method().equals(method)) {
            throw new ApiError(405, "method \"" + r.method() + "\" not allowed", null);
        }
        return r;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asString("")));
        return out;
    }

    /** Decodes JSON; syntax errors become 400 with Go's wording where it matters ("unexpected EOF"). */
    JsonNode parse(byte[] body, String errorPrefix) {
        if (body.length == 0) {
            throw ApiError.badRequest("%sEOF", errorPrefix);
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node == null ? JsonNodeFactory.instance.objectNode() : node;
        } catch (JacksonException e) {
            String message = e.getOriginalMessage();
            boolean truncated = message != null && message.toLowerCase(java.util.Locale.ROOT).contains("end-of-input");
            throw ApiError.badRequest("%s%s", errorPrefix, truncated ? "unexpected EOF" : message);
        }
    }
}
