package io.jcharm.pebble;

import io.jcharm.yaml.GoDurations;
import io.jcharm.pebble.layer.CheckLevel;
import io.jcharm.pebble.layer.Plan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The Pebble client for a workload container, speaking HTTP/1.1 over its unix socket.
 *
 * <pre>{@code
 * try (PebbleClient pebble = new UnixSocketPebbleClient(PebbleSockets.socketPath("app", System.getenv()))) {
 *     System.out.println(pebble.systemInfo().version());
 * }
 * }</pre>
 */
public final class UnixSocketPebbleClient implements PebbleClient {
    private final PebbleHttp http;
    private final PebbleExec exec;
    private final PebbleFiles files;

    /** A client with the default 5 s per-request timeout. */
    public UnixSocketPebbleClient(Path socketPath) {
        this(socketPath, DEFAULT_TIMEOUT);
    }

    /** A client whose requests give up after {@code timeout} without an answer. */
    public UnixSocketPebbleClient(Path socketPath, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive, got " + timeout);
        }
        this.http = new PebbleHttp(socketPath, timeout);
        this.exec = new PebbleExec(http, this);
        this.files = new PebbleFiles(http);
    }

    /** The socket this client talks to. */
    public Path socketPath() {
        return http.socketPath();
    }

    @Override
    public SystemInfo systemInfo() {
        return http.value(get("/v1/system-info", Map.of()).result(), SystemInfo.class);
    }

    @Override
    public boolean isHealthy(CheckLevel level, Collection<String> names) {
        Map<String, String> query = new LinkedHashMap<>();
        if (level != null) {
            query.put("level", level.value());
        }
        if (!names.isEmpty()) {
            query.put("names", String.join(",", names));
        }
        // Pebble answers an unhealthy state with 502 and a *sync* envelope, not an error.
        JsonNode result = get("/v1/health", query).result();
        return result != null && result.path("healthy").asBoolean(false);
    }

    @Override
    public Plan plan() {
        String yaml = planYaml();
        try {
            return Plan.parse(yaml);
        } catch (IllegalArgumentException e) {
            throw new PebbleProtocolException("cannot read the plan Pebble returned: " + e.getMessage(), e);
        }
    }

    @Override
    public String planYaml() {
        JsonNode result = get("/v1/plan", Map.of("format", "yaml")).result();
        return result == null ? "" : result.stringValue("");
    }

    @Override
    public void addLayer(String label, String layerYaml, boolean combine) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", "add");
        body.put("combine", combine);
        body.put("label", label);
        body.put("format", "yaml");
        body.put("layer", layerYaml);
        http.post("/v1/layers", body);
    }

    @Override
    public List<ServiceInfo> services(Collection<String> names) {
        return http.list(get("/v1/services", names.isEmpty() ? Map.of() : Map.of("names", String.join(",", names)))
                .result(), ServiceInfo.class);
    }

    @Override
    public Change startServices(Collection<String> names, Duration timeout) {
        return serviceAction("start", names, timeout);
    }

    @Override
    public Change stopServices(Collection<String> names, Duration timeout) {
        return serviceAction("stop", names, timeout);
    }

    @Override
    public Change restartServices(Collection<String> names, Duration timeout) {
        return serviceAction("restart", names, timeout);
    }

    @Override
    public Change autostart(Duration timeout) {
        return serviceAction("autostart", List.of(), timeout);
    }

    @Override
    public Change replan(Duration timeout) {
        return serviceAction("replan", List.of(), timeout);
    }

    private Change serviceAction(String action, Collection<String> names, Duration timeout) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        body.put("services", List.copyOf(names));
        return finish(http.post("/v1/services", body).change(), timeout);
    }

    /** Waits for an async change and turns a failed one into {@link PebbleChangeException}. */
    Change finish(String changeId, Duration timeout) {
        if (changeId == null) {
            throw new PebbleProtocolException("Pebble did not return a change id for an asynchronous request", null);
        }
        Change change = timeout.isZero() ? change(changeId) : waitChange(changeId, timeout);
        if (change.ready() && change.err().isPresent()) {
            throw new PebbleChangeException(change);
        }
        return change;
    }

    @Override
    public Change change(String id) {
        return http.value(get("/v1/changes/" + id, Map.of()).result(), Change.class);
    }

    @Override
    public Change waitChange(String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // As ops does: each wait asks Pebble for one second less than our socket timeout, and a
        // 504 (Pebble's own wait expired) just means "not yet".
        Duration chunkLimit = http.timeout().minusSeconds(1).compareTo(Duration.ofMillis(100)) < 0
                ? Duration.ofMillis(100) : http.timeout().minusSeconds(1);
        while (true) {
            Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
            if (remaining.isNegative() || remaining.isZero()) {
                throw timedOut(id, timeout);
            }
            Duration chunk = remaining.compareTo(chunkLimit) < 0 ? remaining : chunkLimit;
            HttpUrl url = PebbleHttp.url("/v1/changes/" + id + "/wait")
                    .addQueryParameter("timeout", GoDurations.format(chunk)).build();
            try {
                return http.value(http.get(url, chunk.plus(http.timeout())).result(), Change.class);
            } catch (PebbleApiException e) {
                if (e.statusCode() == 504) {
                    continue;
                }
                if (e.statusCode() == 404 && !e.apiMessage().startsWith("cannot find change")) {
                    return pollChange(id, deadline, timeout); // a Pebble without /wait
                }
                throw e;
            }
        }
    }

    private Change pollChange(String id, long deadline, Duration timeout) {
        while (System.nanoTime() < deadline) {
            Change change = change(id);
            if (change.ready()) {
                return change;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw timedOut(id, timeout);
    }

    private PebbleChangeTimeoutException timedOut(String id, Duration timeout) {
        try {
            Change last = change(id);
            return new PebbleChangeTimeoutException(id, last.summary(), last.status(), timeout);
        } catch (PebbleException e) {
            return new PebbleChangeTimeoutException(id, null, null, timeout);
        }
    }

    @Override
    public List<Change> changes(ChangeSelect select, String service) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("select", (select == null ? ChangeSelect.IN_PROGRESS : select).value());
        if (service != null) {
            query.put("for", service);
        }
        return http.list(get("/v1/changes", query).result(), Change.class);
    }

    @Override
    public List<FileInfo> listFiles(String path, String pattern, boolean itself) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("action", "list");
        query.put("path", path);
        if (pattern != null) {
            query.put("pattern", pattern);
        }
        if (itself) {
            query.put("itself", "true");
        }
        return http.list(get("/v1/files", query).result(), FileInfo.class);
    }

    @Override
    public byte[] pull(String path) {
        return files.pull(path);
    }

    @Override
    public void push(String path, byte[] content, PushOptions options) {
        files.push(path, content, options);
    }

    @Override
    public void makeDir(String path, MakeDirOptions options) {
        files.makeDir(path, options);
    }

    @Override
    public void remove(String path, boolean recursive) {
        files.remove(path, recursive);
    }

    @Override
    public ExecResult exec(ExecRequest request) {
        return exec.run(request);
    }

    @Override
    public List<CheckInfo> checks(CheckLevel level, Collection<String> names) {
        Map<String, String> query = new LinkedHashMap<>();
        if (level != null) {
            query.put("level", level.value());
        }
        if (!names.isEmpty()) {
            query.put("names", String.join(",", names));
        }
        return http.list(get("/v1/checks", query).result(), CheckInfo.class);
    }

    @Override
    public List<String> startChecks(Collection<String> names) {
        return checkAction("start", names);
    }

    @Override
    public List<String> stopChecks(Collection<String> names) {
        return checkAction("stop", names);
    }

    private List<String> checkAction(String action, Collection<String> names) {
        JsonNode result = http.post("/v1/checks", Map.of("action", action, "checks", List.copyOf(names))).result();
        return result == null ? List.of() : http.list(result.get("changed"), String.class); // older Pebble: null
    }

    @Override
    public CheckRefresh refreshCheck(String name) {
        JsonNode result = http.post("/v1/checks/refresh", Map.of("name", name)).result();
        CheckInfo info = http.value(result == null ? null : result.get("info"), CheckInfo.class);
        JsonNode error = result == null ? null : result.get("error");
        return new CheckRefresh(info, error == null || error.isNull() ? null : error.asString());
    }

    @Override
    public List<Notice> notices(NoticeQuery query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (!query.types().isEmpty()) {
            params.put("types", String.join(",", query.types()));
        }
        if (!query.keys().isEmpty()) {
            params.put("keys", String.join(",", query.keys()));
        }
        if (query.after() != null) {
            params.put("after", query.after().toString());
        }
        Duration readTimeout = http.timeout();
        if (query.timeout() != null) {
            params.put("timeout", GoDurations.format(query.timeout()));
            readTimeout = readTimeout.plus(query.timeout());
        }
        return http.list(http.get(url("/v1/notices", params), readTimeout).result(), Notice.class);
    }

    @Override
    public Notice notice(String id) {
        return http.value(get("/v1/notices/" + id, Map.of()).result(), Notice.class);
    }

    @Override
    public String addNotice(String key, Map<String, String> data, Duration repeatAfter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", "add");
        body.put("type", "custom");
        body.put("key", key);
        if (repeatAfter != null) {
            body.put("repeat-after", GoDurations.format(repeatAfter));
        }
        if (data != null && !data.isEmpty()) {
            body.put("data", data);
        }
        JsonNode result = http.post("/v1/notices", body).result();
        return result == null ? null : result.path("id").stringValue(null);
    }

    @Override
    public void sendSignal(String signal, Collection<String> services) {
        http.post("/v1/signals", Map.of("signal", signal, "services", List.copyOf(services)));
    }

    @Override
    public List<LogEntry> logs(Collection<String> services, int n) {
        HttpUrl.Builder url = PebbleHttp.url("/v1/logs").addQueryParameter("n", Integer.toString(n));
        services.forEach(s -> url.addQueryParameter("services", s));
        Request request = new Request.Builder().url(url.build()).get().build();
        PebbleHttp.Raw raw = http.send(request, http.timeout());
        if (raw.contentType() == null || !raw.contentType().startsWith("application/x-ndjson")) {
            http.envelope("GET /v1/logs", raw); // throws for an error envelope
            throw new PebbleProtocolException("expected newline-delimited JSON logs, got " + raw.contentType(), null);
        }
        List<LogEntry> entries = new ArrayList<>();
        for (String line : new String(raw.body(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    entries.add(http.mapper().readValue(line, LogEntry.class));
                } catch (JacksonException e) {
                    throw new PebbleProtocolException("invalid log line from Pebble: " + line, e);
                }
            }
        }
        return entries;
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "UnixSocketPebbleClient[" + http.socketPath() + "]";
    }

    private PebbleHttp.Envelope get(String path, Map<String, String> query) {
        return http.get(url(path, query), http.timeout());
    }

    private static HttpUrl url(String path, Map<String, String> query) {
        HttpUrl.Builder url = PebbleHttp.url(path);
        query.forEach(url::addQueryParameter);
        return url.build();
    }

}
